// createEmployee: store the employee and its provisioning job in one transaction, then try to give them
// an Auth0 account within a bounded wait. Whatever that attempt does not finish, the durable queue does:
// transient failures retry with backoff, permanent ones leave FAILED with a typed reason.
// (The attempt itself, and why it never makes a second Auth0 user: provisioning/provisioning-attempt.ts.)
import { createHash } from 'node:crypto';
import { Prisma, type Employee } from '../generated/prisma/client.ts';
import { employeeCreatedRow, insertAuditRowsSql, type Actor } from './audit-trail.ts';
import {
  EmailAlreadyUsedError,
  EmployeeAlreadyExistsError,
  ExternalIdAlreadyUsedError,
  IdempotencyKeyConflictError,
  RoleNotGrantableError,
} from './errors.ts';
import { matchExternalId } from './external-id.ts';
import { mayGrantOnCreate } from './employee-reach.ts';
import { DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import {
  provisionEmployee,
  withinBound,
  type BoundedWaitDeps,
  type ProvisioningAttemptDeps,
} from './provisioning/provisioning-attempt.ts';
import { leaseOwner, leaseUntilSql, releaseLease } from './provisioning/employee-lease.ts';
import { EMPLOYEE_ROLE_LABELS, EMPLOYEE_COLUMNS, employeeFromRow } from './provisioning/employee-row.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface CreateEmployeeDeps extends ProvisioningAttemptDeps, BoundedWaitDeps {
  /** All three: the kill switch, the bounded wait (and the job's delay after it), the attempt's lease. */
  settings: ProvisioningSettings;
}

export interface CreateEmployeeOptions {
  idempotencyKey?: string | null;
}

export async function createEmployee(
  deps: CreateEmployeeDeps,
  actor: Actor,
  input: CreateEmployeeInput,
  options: CreateEmployeeOptions = {},
): Promise<
  Employee | EmailAlreadyUsedError | EmployeeAlreadyExistsError | ExternalIdAlreadyUsedError | IdempotencyKeyConflictError | RoleNotGrantableError
> {
  // assignRole's grant rules, before anything is stored or sent to Auth0.
  const role = input.role ?? DEFAULT_EMPLOYEE_ROLE;
  if (!mayGrantOnCreate(actor.permissions ?? new Set(), role)) return new RoleNotGrantableError(role);
  const idempotency = options.idempotencyKey ? { key: options.idempotencyKey, fingerprint: fingerprintOf(input) } : null;
  if (idempotency) {
    const earlier = await replay(deps, idempotency);
    if (earlier) return earlier;
  }
  if (input.externalId) {
    const matched = await matchExternalId(deps.prisma, input.externalId, input.email);
    if (matched) return matched;
  }
  const provisioning = deps.settings.isEnabled();
  const stored = await storeNewEmployee(deps, actor, input, idempotency, provisioning);
  if (stored === 'email-taken') {
    // A concurrent request with the same key may have won the insert.
    const earlier = idempotency ? await replay(deps, idempotency) : null;
    const byExternalId = !earlier && input.externalId ? await matchExternalId(deps.prisma, input.externalId, input.email) : null;
    return earlier ?? byExternalId ?? new EmailAlreadyUsedError(input.email);
  }
  if (!provisioning) return stored;
  if (!deps.settings.isEnabled()) {
    // Switched off since the insert took the lease: give the lease back, the queue provisions once it is on.
    await releaseLease(deps, stored.id);
    return stored;
  }
  return withinBound(deps, stored.id, provisionEmployee(deps, actor, stored.id, { leased: stored }));
}

/** The same key returns the first request's employee as it is now; another input with it is a conflict. */
async function replay(
  deps: Pick<CreateEmployeeDeps, 'prisma'>,
  idempotency: { key: string; fingerprint: string },
): Promise<Employee | IdempotencyKeyConflictError | null> {
  const earlier = await deps.prisma.employee.findUnique({ where: { idempotencyKey: idempotency.key } });
  if (!earlier) return null;
  return earlier.idempotencyFingerprint === idempotency.fingerprint ? earlier : new IdempotencyKeyConflictError(idempotency.key);
}

function fingerprintOf(input: CreateEmployeeInput): string {
  // The external id joins the fingerprint only when given, so keys stored before it existed still match.
  const canonical = JSON.stringify([input.name, input.email, input.department, input.role ?? DEFAULT_EMPLOYEE_ROLE, ...(input.externalId ? [input.externalId] : [])]);
  return createHash('sha256').update(canonical).digest('hex');
}

async function storeNewEmployee(
  deps: Pick<CreateEmployeeDeps, 'prisma' | 'queue' | 'settings' | 'instanceId'>,
  actor: Actor,
  input: CreateEmployeeInput,
  idempotency: { key: string; fingerprint: string } | null,
  provisioning: boolean,
): Promise<Employee | 'email-taken'> {
  const id = crypto.randomUUID();
  // The bounded attempt below works under a lease taken with the insert: nobody else can see the row
  // before it commits, so the lease is free.
  const lease = provisioning ? Prisma.sql`${leaseUntilSql(deps)}, ${leaseOwner(deps)}` : Prisma.sql`NULL, NULL`;
  // The job starts after the bounded attempt below has had its chance; if that attempt finishes, the job
  // finds the employee CREATED and does nothing. Row, lease, audit row and job in one statement.
  const job = await deps.queue.jobInsertSql('provision-employee', [id], {
    delaySeconds: provisioning ? Math.ceil(deps.settings.waitMs / 1000) + 1 : 0,
  });
  try {
    const [row] = await deps.prisma.$queryRaw<Record<string, unknown>[]>`
      WITH ${job.ctes},
      employee AS (
        INSERT INTO "Employee" (id, name, email, department, "externalId", role, "authMethod", "auth0SyncStatus", "idempotencyKey",
                                "idempotencyFingerprint", "provisioningLeaseUntil", "provisioningLeaseOwner", "updatedAt")
        VALUES (${id}::uuid, ${input.name}, ${input.email}, ${input.department}, ${input.externalId ?? null},
                ${EMPLOYEE_ROLE_LABELS[input.role ?? DEFAULT_EMPLOYEE_ROLE]}::"EmployeeRole", 'AUTH0', 'PENDING',
                ${idempotency?.key ?? null}, ${idempotency?.fingerprint ?? null}, ${lease}, now())
        RETURNING ${EMPLOYEE_COLUMNS}),
      audit AS (${insertAuditRowsSql([employeeCreatedRow(actor, id)])})
      SELECT * FROM employee WHERE ${job.evaluated}`;
    return employeeFromRow(row!);
  } catch (error) {
    // The unique indexes (email, idempotency key) are the arbiters: a pre-check would race with a concurrent create.
    if (isUniqueViolation(error)) return 'email-taken';
    throw error;
  }
}

/** A unique index refused the row: P2002 from a model query, or the driver's UniqueConstraintViolation from a raw one. */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
