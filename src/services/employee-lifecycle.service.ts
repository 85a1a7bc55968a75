// updateEmployee, deactivateEmployee, reactivateEmployee: the local change, its audit event and its
// sync-employee-account job commit in one transaction (like createEmployee), then a bounded attempt
// brings Auth0 along; whatever it does not finish, the queue does (retried with backoff, under the
// per-employee lease). The Auth0 side: employee-account-sync.ts.
import type { Employee } from '../generated/prisma/client.ts';
import * as employees from '../store/employee-store.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { syncEmployeeAccount, type SyncEmployeeAccountDeps } from './employee-account-sync.ts';
import type { DirectoryProfile, UpdateEmployeeInput } from './employee-input.ts';
import {
  endDateDeactivation,
  deferredInvitation,
  refuseDates,
  refuseSchedule,
  rescheduleInvitation,
  scheduleOf,
  SCHEDULE_ACTOR_ID,
  setScheduledDeactivation,
} from './employee-schedule.ts';
import {
  Auth0UnavailableError,
  EmailAlreadyUsedError,
  EmailChangeNotAllowedError,
  EmailTakenInAuth0Error,
  EmployeeNotFoundError,
  EmployeeOutOfReachError,
  EndDateBeforeStartDateError,
  ExternalIdAlreadyUsedError,
  ScheduleNotAllowedError,
  UserNameAlreadyUsedError,
} from './errors.ts';
import { externalIdHeldByAnother } from './external-id.ts';
import { refuseOutOfReach } from './employee-reach.ts';
import { refuseEmailChange } from './email-change-guard.ts';
import { IdentityError, type IdentityDirectory, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';
import { jobDelaySeconds } from './provisioning/job-policy.ts';
import { withinBound, type BoundedWaitDeps } from './provisioning/provisioning-attempt.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface EmployeeLifecycleDeps extends SyncEmployeeAccountDeps, BoundedWaitDeps {
  audit: AuditTrail;
  queue: ProvisioningQueue;
  identityProvider: SyncEmployeeAccountDeps['identityProvider'] & Pick<IdentityProvider, 'findUsersByEmail'> & Pick<IdentityDirectory, 'getUserProfile'>;
  settings: ProvisioningSettings;
}

export async function updateEmployee(
  deps: EmployeeLifecycleDeps,
  actor: Actor,
  employeeId: string,
  input: UpdateEmployeeInput,
): Promise<
  | Employee
  | EmployeeNotFoundError
  | EmployeeOutOfReachError
  | EmailChangeNotAllowedError
  | Auth0UnavailableError
  | EmailAlreadyUsedError
  | EmailTakenInAuth0Error
  | ExternalIdAlreadyUsedError
  | UserNameAlreadyUsedError
  | EndDateBeforeStartDateError
  | ScheduleNotAllowedError
> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'updateEmployee');
  if (outOfReach) return outOfReach;
  // Dates: omitted keeps, null clears (the profile fields above treat null as omitted).
  const startDate = input.startDate === undefined ? employee.startDate : input.startDate;
  const endDate = input.endDate === undefined ? employee.endDate : input.endDate;
  const startChanged = startDate?.getTime() !== employee.startDate?.getTime();
  const endChanged = endDate?.getTime() !== employee.endDate?.getTime();
  const badDates = refuseDates(startDate, endDate) ?? (endChanged ? refuseSchedule(actor, employee.role) : null);
  if (badDates) return badDates;
  const name = input.name ?? employee.name;
  const email = input.email ?? employee.email;
  const department = input.department ?? employee.department;
  const externalId = input.externalId ?? employee.externalId;
  const directory = directoryChanges(employee, input);
  const changed = [
    ...(name !== employee.name ? ['name'] : []),
    ...(email !== employee.email ? ['email'] : []),
    ...(department !== employee.department ? ['department'] : []),
    ...(externalId !== employee.externalId ? ['externalId'] : []),
  ];
  if (changed.length === 0 && directory.changed.length === 0 && !startChanged && !endChanged) return employee;
  if (externalId !== employee.externalId && externalId !== null && (await externalIdHeldByAnother(deps.prisma, externalId, employeeId))) {
    return new ExternalIdAlreadyUsedError(externalId);
  }

  if (email !== employee.email) {
    const refused = await refuseEmailChange(deps, actor, employee);
    if (refused) return refused;
    if (await deps.prisma.employee.findUnique({ where: { email }, select: { id: true } })) return new EmailAlreadyUsedError(email);
    const foreign = await foreignAuth0UserHolds(deps, actor, employee, email);
    if (foreign) return new EmailTakenInAuth0Error(email);
  }
  let updated: Employee;
  try {
    updated = await deps.prisma.$transaction(async (tx) => {
      if (name !== employee.name) await employees.appendPreviousName(tx, employeeId, name);
      // Only from the role the reach was judged on: a concurrent promotion judges again.
      // The dates are the gateway's alone: a change of only them owes Auth0 nothing.
      const invitation = startChanged && employee.invitationSentAt === null ? deferredInvitation(startDate, deps.settings) : null;
      const row = await employees.updateFromRole(tx, employeeId, employee.role, {
        name,
        email,
        department,
        externalId,
        ...directory.data,
        startDate,
        endDate,
        ...invitation,
        // Only what Auth0 holds owes an account sync; the directory's own attributes and the dates do not.
        ...(changed.length > 0 ? { accountRevision: { increment: 1 } } : {}),
        // A new address is unverified until the employee confirms it.
        ...(email !== employee.email && employee.auth0SyncStatus === 'VERIFIED' ? { auth0SyncStatus: 'CREATED' as const } : {}),
      });
      await deps.audit.event(tx, actor, {
        action: 'EMPLOYEE_UPDATED',
        employeeId,
        auth0UserId: row.auth0UserId,
        detail: `changed: ${[...changed, ...directory.changed, ...(startChanged ? ['startDate'] : []), ...(endChanged ? ['endDate'] : [])].join(', ')}`,
      });
      if (invitation) await rescheduleInvitation(tx, deps, employee, invitation.invitationScheduledAt);
      if (endChanged && row.active) {
        const plan = endDate ? endDateDeactivation(endDate, actor, deps.settings) : null;
        await setScheduledDeactivation(tx, deps, actor, row, plan, endDate ? 'end date set by updateEmployee' : 'end date cleared by updateEmployee');
      }
      if (changed.length === 0) return tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
      if (email !== employee.email && employee.auth0SyncStatus === 'VERIFIED') {
        await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: 'CREATED', detail: 'email changed' });
      }
      if (changed.length > 0) await deps.queue.enqueue(tx, 'sync-employee-account', employeeId, { delaySeconds: jobDelaySeconds(deps.settings) });
      return row;
    });
  } catch (error) {
    if (input.userName && employees.isUniqueViolationOn(error, 'userName')) return new UserNameAlreadyUsedError(input.userName);
    // The unique index is the arbiter: another employee took the address since the check.
    if (externalId !== null && employees.isUniqueViolationOn(error, 'externalId')) return new ExternalIdAlreadyUsedError(externalId);
    if (employees.isUniqueViolation(error)) return new EmailAlreadyUsedError(email);
    if (employees.isRoleChangedMeanwhile(error)) return updateEmployee(deps, actor, employeeId, input);
    throw error;
  }
  return changed.length > 0 ? attempt(deps, actor, updated) : updated;
}

/** The identity provider's attributes (SCIM userName, profile) that differ from the row's. */
function directoryChanges(employee: Employee, input: UpdateEmployeeInput): { changed: string[]; data: { userName?: string; directoryProfile?: DirectoryProfile } } {
  const userName = input.userName && input.userName !== employee.userName ? input.userName : undefined;
  const profile = input.directoryProfile && canonical(input.directoryProfile) !== canonical(employee.directoryProfile) ? input.directoryProfile : undefined;
  return {
    changed: [...(userName !== undefined ? ['userName'] : []), ...(profile !== undefined ? ['directoryProfile'] : [])],
    data: { ...(userName !== undefined ? { userName } : {}), ...(profile !== undefined ? { directoryProfile: profile } : {}) },
  };
}

/** JSON with sorted keys: PostgreSQL's jsonb keeps keys in its own order. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}

/**
 * Whether an Auth0 user that is not this employee's holds the address (users-by-email is immediately
 * consistent). Auth0 unreachable: not known yet; the queued PATCH meets the conflict and records it.
 */
async function foreignAuth0UserHolds(deps: EmployeeLifecycleDeps, actor: Actor, employee: Employee, email: string): Promise<boolean> {
  if (!deps.settings.isEnabled()) return false;
  try {
    const users = await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_FIND_USERS_BY_EMAIL', employeeId: employee.id, auth0UserId: employee.auth0UserId, successStatus: 200 },
      () => deps.identityProvider.findUsersByEmail(email),
    );
    return users.some((user) => user.userId !== employee.auth0UserId);
  } catch (error) {
    if (error instanceof IdentityError) return false;
    throw error;
  }
}

export async function deactivateEmployee(
  deps: EmployeeLifecycleDeps,
  actor: Actor,
  employeeId: string,
  reason: string,
  effectiveAt: Date | null = null,
): Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError | ScheduleNotAllowedError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'deactivateEmployee');
  if (outOfReach) return outOfReach;
  if (!employee.active) return employee;
  if (effectiveAt && effectiveAt.getTime() > scheduleOf(deps.settings).clock.now().getTime()) {
    // A future moment schedules instead (the schedule acts later through this same function).
    const refused = refuseSchedule(actor, employee.role);
    if (refused) return refused;
    return deps.prisma.$transaction(async (tx) => {
      await setScheduledDeactivation(tx, deps, actor, employee, { at: effectiveAt, reason, actor }, 'deactivateEmployee with effectiveAt');
      return tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
    });
  }
  const replaced = employee.scheduledDeactivationAt && actor.id !== SCHEDULE_ACTOR_ID ? ` (instead of the one scheduled for ${employee.scheduledDeactivationAt.toISOString()})` : '';
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await employees.updateFromRole(tx, employeeId, employee.role, {
      active: false,
      deactivatedAt: new Date(),
      deactivationReason: reason,
      auth0SyncStatus: 'DISABLED',
      accountRevision: { increment: 1 },
      // Done now: nothing is pending any more (a waiting scheduled job is removed below).
      ...NO_SCHEDULED_DEACTIVATION,
    });
    if (employee.scheduledDeactivationAt) await deps.queue.reschedule(tx, 'scheduled-deactivation', employeeId, null);
    await deps.audit.event(tx, actor, { action: 'EMPLOYEE_DEACTIVATED', employeeId, auth0UserId: row.auth0UserId, detail: `${reason}${replaced}` });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: 'DISABLED' });
    await deps.queue.enqueue(tx, 'sync-employee-account', employeeId, { delaySeconds: jobDelaySeconds(deps.settings) });
    return row;
  }).catch((error: unknown) => (employees.isRoleChangedMeanwhile(error) ? null : Promise.reject(error)));
  if (!updated) return deactivateEmployee(deps, actor, employeeId, reason, effectiveAt);
  return attempt(deps, actor, updated);
}

/**
 * Unblocks the Auth0 user and gives the current role back. Without an Auth0 user yet (deactivated before
 * provisioning finished) the employee is PENDING again and provisioning is queued.
 */
export async function reactivateEmployee(
  deps: EmployeeLifecycleDeps,
  actor: Actor,
  employeeId: string,
): Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  // The role given back is the one the employee holds: a manager must not hand an admin's back.
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'reactivateEmployee');
  if (outOfReach) return outOfReach;
  if (employee.active) {
    // Still here: a reactivation cancels the pending deactivation, and the end date that set it.
    if (!employee.scheduledDeactivationAt && !employee.endDate) return employee;
    return deps.prisma.$transaction(async (tx) => {
      await employees.updateFromRole(tx, employeeId, employee.role, { endDate: null });
      await setScheduledDeactivation(tx, deps, actor, employee, null, 'cancelled by reactivateEmployee');
      return tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
    }).catch((error: unknown) => (employees.isRoleChangedMeanwhile(error) ? reactivateEmployee(deps, actor, employeeId) : Promise.reject(error)));
  }
  const status = employee.auth0UserId ? 'CREATED' : 'PENDING';
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await employees.updateFromRole(tx, employeeId, employee.role, {
      active: true,
      deactivatedAt: null,
      deactivationReason: null,
      auth0SyncStatus: status,
      auth0SyncError: null,
      auth0SyncFailureReason: null,
      accountRevision: { increment: 1 },
      // A returner's end date has passed; the source system sends a new one if there is one.
      endDate: null,
      ...NO_SCHEDULED_DEACTIVATION,
    });
    await deps.audit.event(tx, actor, { action: 'EMPLOYEE_REACTIVATED', employeeId, auth0UserId: row.auth0UserId });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: status });
    const kind = row.auth0UserId ? 'sync-employee-account' : 'provision-employee';
    await deps.queue.enqueue(tx, kind, employeeId, { delaySeconds: jobDelaySeconds(deps.settings) });
    return row;
  }).catch((error: unknown) => (employees.isRoleChangedMeanwhile(error) ? null : Promise.reject(error)));
  if (!updated) return reactivateEmployee(deps, actor, employeeId);
  return attempt(deps, actor, updated);
}

const NO_SCHEDULED_DEACTIVATION = {
  scheduledDeactivationAt: null,
  scheduledDeactivationReason: null,
  scheduledDeactivationBy: null,
  scheduledDeactivationPermissions: [] as string[],
};

/** The bounded attempt: Auth0 within PROVISIONING_WAIT_MS, else the row as stored (the queue finishes). */
async function attempt(deps: EmployeeLifecycleDeps, actor: Actor, employee: Employee): Promise<Employee> {
  if (!deps.settings.isEnabled() || employee.auth0UserId === null) return employee;
  return withinBound(deps, employee.id, syncEmployeeAccount(deps, actor, employee.id));
}
