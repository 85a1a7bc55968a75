// createEmployee: store the employee and its provisioning job in one transaction, then try to give them
// an Auth0 account within a bounded wait. Whatever that attempt does not finish, the durable queue does:
// transient failures retry with backoff, permanent ones leave FAILED with a typed reason.
// (The attempt itself, and why it never makes a second Auth0 user: provisioning/provisioning-attempt.ts.)
import { createHash } from 'node:crypto';
import type { Employee } from '../generated/prisma/client.ts';
import * as employees from '../store/employee-store.ts';
import { employeeCreatedRow, type Actor } from './audit-trail.ts';
import {
  EmailAlreadyUsedError,
  EmployeeAlreadyExistsError,
  ExternalIdAlreadyUsedError,
  IdempotencyKeyConflictError,
  RoleNotGrantableError,
  UserNameAlreadyUsedError,
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
import { leaseTerms, releaseLease } from './provisioning/employee-lease.ts';
import { jobDelaySeconds } from './provisioning/job-policy.ts';
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
  | Employee
  | EmailAlreadyUsedError
  | EmployeeAlreadyExistsError
  | ExternalIdAlreadyUsedError
  | IdempotencyKeyConflictError
  | RoleNotGrantableError
  | UserNameAlreadyUsedError
> {
  // assignRole's grant rules, before anything is stored or sent to Auth0.
  const role = input.role ?? DEFAULT_EMPLOYEE_ROLE;
  if (!mayGrantOnCreate(actor, role)) return new RoleNotGrantableError(role);
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
  if (stored === 'user-name-taken') return new UserNameAlreadyUsedError(input.userName ?? '');
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

/** The row (PENDING), its audit row, its job and the bounded attempt's lease, committed in one statement. */
async function storeNewEmployee(
  deps: Pick<CreateEmployeeDeps, 'prisma' | 'queue' | 'settings' | 'instanceId'>,
  actor: Actor,
  input: CreateEmployeeInput,
  idempotency: { key: string; fingerprint: string } | null,
  provisioning: boolean,
): Promise<Employee | 'email-taken' | 'user-name-taken'> {
  const id = crypto.randomUUID();
  // The job starts after the bounded attempt has had its chance; if that attempt finishes, the job finds
  // the employee CREATED and does nothing.
  const jobs = await deps.queue.plannedInsert('provision-employee', [id], { delaySeconds: jobDelaySeconds(deps.settings, provisioning) });
  return employees.insertPendingEmployee(
    deps.prisma,
    {
      id,
      name: input.name,
      email: input.email,
      department: input.department,
      externalId: input.externalId ?? null,
      role: input.role ?? DEFAULT_EMPLOYEE_ROLE,
      idempotency,
      ...(input.userName || input.directoryProfile
        ? { directory: { userName: input.userName ?? null, profile: input.directoryProfile ?? null, groups: input.role ? [input.role] : [] } }
        : {}),
    },
    { lease: provisioning ? leaseTerms(deps) : null, audit: [employeeCreatedRow(actor, id)], jobs },
  );
}
