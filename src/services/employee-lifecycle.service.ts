// updateEmployee, deactivateEmployee, reactivateEmployee: the local change, its audit event and its
// sync-employee-account job commit in one transaction (like createEmployee), then a bounded attempt
// brings Auth0 along; whatever it does not finish, the queue does (retried with backoff, under the
// per-employee lease). The Auth0 side: employee-account-sync.ts.
import { Prisma, type Employee } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { syncEmployeeAccount, type SyncEmployeeAccountDeps } from './employee-account-sync.ts';
import type { UpdateEmployeeInput } from './employee-input.ts';
import { EmailAlreadyUsedError, EmailTakenInAuth0Error, EmployeeNotFoundError } from './errors.ts';
import { IdentityError, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';
import { withinBound, type BoundedWaitDeps } from './provisioning/provisioning-attempt.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface EmployeeLifecycleDeps extends SyncEmployeeAccountDeps, BoundedWaitDeps {
  audit: AuditTrail;
  queue: ProvisioningQueue;
  identityProvider: SyncEmployeeAccountDeps['identityProvider'] & Pick<IdentityProvider, 'findUsersByEmail'>;
  settings: ProvisioningSettings;
}

export async function updateEmployee(
  deps: EmployeeLifecycleDeps,
  actor: Actor,
  employeeId: string,
  input: UpdateEmployeeInput,
): Promise<Employee | EmployeeNotFoundError | EmailAlreadyUsedError | EmailTakenInAuth0Error> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const name = input.name ?? employee.name;
  const email = input.email ?? employee.email;
  const department = input.department ?? employee.department;
  const changed = [
    ...(name !== employee.name ? ['name'] : []),
    ...(email !== employee.email ? ['email'] : []),
    ...(department !== employee.department ? ['department'] : []),
  ];
  if (changed.length === 0) return employee;

  if (email !== employee.email) {
    if (await deps.prisma.employee.findUnique({ where: { email }, select: { id: true } })) return new EmailAlreadyUsedError(email);
    const foreign = await foreignAuth0UserHolds(deps, actor, employee, email);
    if (foreign) return new EmailTakenInAuth0Error(email);
  }
  let updated: Employee;
  try {
    updated = await deps.prisma.$transaction(async (tx) => {
      // previousNames is appended in SQL from the row as it is, so two renames racing both keep their old names.
      if (name !== employee.name) {
        await tx.$executeRaw`UPDATE "Employee" SET "previousNames" = array_append(coalesce("previousNames", ARRAY[]::text[]), name) WHERE id = ${employeeId}::uuid AND name <> ${name}`;
      }
      const row = await tx.employee.update({
        where: { id: employeeId },
        data: {
          name,
          email,
          department,
          accountRevision: { increment: 1 },
          // A new address is unverified until the employee confirms it.
          ...(email !== employee.email && employee.auth0SyncStatus === 'VERIFIED' ? { auth0SyncStatus: 'CREATED' as const } : {}),
        },
      });
      await deps.audit.event(tx, actor, {
        action: 'EMPLOYEE_UPDATED',
        employeeId,
        auth0UserId: row.auth0UserId,
        detail: `changed: ${changed.join(', ')}`,
      });
      if (email !== employee.email && employee.auth0SyncStatus === 'VERIFIED') {
        await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: 'CREATED', detail: 'email changed' });
      }
      await deps.queue.enqueue(tx, 'sync-employee-account', employeeId, { delaySeconds: jobDelay(deps) });
      return row;
    });
  } catch (error) {
    // The unique index is the arbiter: another employee took the address since the check.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return new EmailAlreadyUsedError(email);
    throw error;
  }
  return attempt(deps, actor, updated);
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
): Promise<Employee | EmployeeNotFoundError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  if (!employee.active) return employee;
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.employee.update({
      where: { id: employeeId },
      data: {
        active: false,
        deactivatedAt: new Date(),
        deactivationReason: reason,
        auth0SyncStatus: 'DISABLED',
        accountRevision: { increment: 1 },
      },
    });
    await deps.audit.event(tx, actor, { action: 'EMPLOYEE_DEACTIVATED', employeeId, auth0UserId: row.auth0UserId, detail: reason });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: 'DISABLED' });
    await deps.queue.enqueue(tx, 'sync-employee-account', employeeId, { delaySeconds: jobDelay(deps) });
    return row;
  });
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
): Promise<Employee | EmployeeNotFoundError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  if (employee.active) return employee;
  const status = employee.auth0UserId ? 'CREATED' : 'PENDING';
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.employee.update({
      where: { id: employeeId },
      data: {
        active: true,
        deactivatedAt: null,
        deactivationReason: null,
        auth0SyncStatus: status,
        auth0SyncError: null,
        auth0SyncFailureReason: null,
        accountRevision: { increment: 1 },
      },
    });
    await deps.audit.event(tx, actor, { action: 'EMPLOYEE_REACTIVATED', employeeId, auth0UserId: row.auth0UserId });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: row.auth0UserId, to: status });
    const kind = row.auth0UserId ? 'sync-employee-account' : 'provision-employee';
    await deps.queue.enqueue(tx, kind, employeeId, { delaySeconds: jobDelay(deps) });
    return row;
  });
  return attempt(deps, actor, updated);
}

function jobDelay(deps: Pick<EmployeeLifecycleDeps, 'settings'>): number {
  return deps.settings.isEnabled() ? Math.ceil(deps.settings.waitMs / 1000) + 1 : 0;
}

/** The bounded attempt: Auth0 within PROVISIONING_WAIT_MS, else the row as stored (the queue finishes). */
async function attempt(deps: EmployeeLifecycleDeps, actor: Actor, employee: Employee): Promise<Employee> {
  if (!deps.settings.isEnabled() || employee.auth0UserId === null) return employee;
  return withinBound(deps, employee.id, syncEmployeeAccount(deps, actor, employee.id));
}
