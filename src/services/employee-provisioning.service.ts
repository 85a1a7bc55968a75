// createEmployee: store the employee and its provisioning job in one transaction, then try to give them
// an Auth0 account within a bounded wait. Whatever that attempt does not finish, the durable queue does:
// transient failures retry with backoff, permanent ones leave FAILED with a typed reason.
// (The attempt itself, and why it never makes a second Auth0 user: provisioning/provisioning-attempt.ts.)
import { createHash } from 'node:crypto';
import type { Employee } from '../generated/prisma/client.ts';
import * as employees from '../store/employee-store.ts';
import { employeeCreatedRow, type Actor } from './audit-trail.ts';
import { deferredInvitation, endDateDeactivation, refuseDates, refuseSchedule, setScheduledDeactivation } from './employee-schedule.ts';
import {
  EmailAlreadyUsedError,
  EmployeeAlreadyExistsError,
  EndDateBeforeStartDateError,
  ExternalIdAlreadyUsedError,
  IdempotencyKeyConflictError,
  RoleNotGrantableError,
  ScheduleNotAllowedError,
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
  /**
   * Whether the tenant's write bucket is in use now (the pacer waited for users:write tokens, or met a 429
   * there, in the last seconds; no query). Then a create does not attempt in the request: see below.
   */
  tenantBusy?: () => boolean;
}

export interface CreateEmployeeOptions {
  idempotencyKey?: string | null;
  /**
   * The door has just looked the external id up and found nobody (SCIM's same-person lookup): the check
   * before the insert is skipped; one committed meanwhile is still answered, by the insert's unique index.
   */
  externalIdChecked?: boolean;
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
  | EndDateBeforeStartDateError
  | ScheduleNotAllowedError
> {
  // assignRole's grant rules, before anything is stored or sent to Auth0.
  const role = input.role ?? DEFAULT_EMPLOYEE_ROLE;
  if (!mayGrantOnCreate(actor, role)) return new RoleNotGrantableError(role, 'creation');
  const badDates = refuseDates(input.startDate ?? null, input.endDate ?? null) ?? (input.endDate ? refuseSchedule(actor, role) : null);
  if (badDates) return badDates;
  const idempotency = options.idempotencyKey ? { key: options.idempotencyKey, fingerprint: fingerprintOf(input) } : null;
  if (idempotency) {
    const earlier = await replay(deps, idempotency);
    if (earlier) return earlier;
  }
  if (input.externalId && !options.externalIdChecked) {
    const matched = await matchExternalId(deps.prisma, input.externalId, input.email);
    if (matched) return matched;
  }
  // Attempt in the request (CREATED at once) unless provisioning is off or the tenant's write bucket is in
  // use (creates in a burst: an identity provider's initial sync). Then the job is due at once and the
  // queue creates the user at its bounded concurrency, the role going in a batch, as for an import. Each
  // request attempt outlives its bounded wait in the background; a burst of them piled up in the pacer
  // without bound (waits past its 30 s cap went out unpaced: 429s) and cost a role call per user.
  // docs/design.md "Creates in a burst".
  const attemptHere = deps.settings.isEnabled() && !deps.tenantBusy?.();
  const stored = await storeNewEmployee(deps, actor, input, idempotency, attemptHere);
  if (stored === 'user-name-taken') return new UserNameAlreadyUsedError(input.userName ?? '');
  if (stored === 'email-taken') {
    // A concurrent request with the same key may have won the insert.
    const earlier = idempotency ? await replay(deps, idempotency) : null;
    const byExternalId = !earlier && input.externalId ? await matchExternalId(deps.prisma, input.externalId, input.email) : null;
    return earlier ?? byExternalId ?? new EmailAlreadyUsedError(input.email);
  }
  if (!attemptHere) return stored;
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
  // The external id and the dates join only when given, so keys stored before they existed still match.
  const dates = input.startDate || input.endDate ? [input.startDate?.toISOString() ?? null, input.endDate?.toISOString() ?? null] : [];
  const canonical = JSON.stringify([input.name, input.email, input.department, input.role ?? DEFAULT_EMPLOYEE_ROLE, ...(input.externalId ? [input.externalId] : []), ...dates]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The row (PENDING), its audit row and its job, committed in one statement; with `attemptHere`, the
 * request attempt's lease too, and the job waits for that attempt to have had its chance.
 */
async function storeNewEmployee(
  deps: Pick<CreateEmployeeDeps, 'prisma' | 'queue' | 'settings' | 'instanceId' | 'audit'>,
  actor: Actor,
  input: CreateEmployeeInput,
  idempotency: { key: string; fingerprint: string } | null,
  attemptHere: boolean,
): Promise<Employee | 'email-taken' | 'user-name-taken'> {
  const id = crypto.randomUUID();
  // The job starts after the bounded attempt has had its chance; if that attempt finishes, the job finds
  // the employee CREATED and does nothing. Its attempts are numbered after the bounded one (logged once each).
  const jobs = await deps.queue.plannedInsert('provision-employee', [id], { delaySeconds: jobDelaySeconds(deps.settings, attemptHere), ...(attemptHere ? { attemptsBefore: 1 } : {}) });
  const insert = (db: Parameters<typeof employees.insertPendingEmployee>[0]) => employees.insertPendingEmployee(
    db,
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
    { lease: attemptHere ? leaseTerms(deps) : null, audit: [employeeCreatedRow(actor, id)], jobs },
  );
  if (!input.startDate && !input.endDate) return insert(deps.prisma);
  // Dated hires are rarer: the dates, the deferred invitation and the scheduled deactivation join the insert's transaction.
  const { startDate = null, endDate = null } = input;
  return deps.prisma
    .$transaction(async (tx) => {
      const stored = await insert(tx);
      // The refused insert aborted the transaction: roll it back and answer as the undated path does.
      if (stored === 'email-taken') throw new EmailTaken();
      const dated = await tx.employee.update({ where: { id }, data: { startDate, endDate, ...deferredInvitation(startDate, deps.settings) } });
      if (!endDate) return dated;
      await setScheduledDeactivation(tx, deps, actor, dated, endDateDeactivation(endDate, actor, deps.settings), 'createEmployee');
      return tx.employee.findUniqueOrThrow({ where: { id } });
    })
    .catch((error: unknown) => (error instanceof EmailTaken || employees.isUniqueViolation(error) ? ('email-taken' as const) : Promise.reject(error)));
}

class EmailTaken extends Error {}
