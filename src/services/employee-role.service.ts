// assignRole: change an employee's role locally at once, then in Auth0 (remove the old RBAC role, add
// the new) within the bounded wait, or later through the queue when Auth0 is slow or down.
//
// Who may grant what (employee-reach.ts): admins any role to anyone; managers production_associate or
// team_lead, and only to employees who hold one of those two (EmployeeOutOfReachError otherwise).
import type { Employee } from '../generated/prisma/client.ts';
import * as employees from '../store/employee-store.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError, RoleNotGrantableError } from './errors.ts';
import { auth0RoleName } from './employee-input.ts';
import { auditRefusal, mayGrant, refuseOutOfReach } from './employee-reach.ts';
import { IdentityError, isRetryable, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';
import { acquireLease, releaseLease, type LeaseDeps } from './provisioning/employee-lease.ts';
import { jobDelaySeconds } from './provisioning/job-policy.ts';
import { withinBound, type AttemptOutcome, type BoundedWaitDeps } from './provisioning/provisioning-attempt.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

const ALL_ROLES: readonly EmployeeRole[] = Object.values(EmployeeRole);

export interface SyncEmployeeRoleDeps extends LeaseDeps {
  audit: AuditTrail;
  identityProvider: Pick<IdentityProvider, 'removeRoles' | 'assignRoles'>;
}

export interface AssignRoleDeps extends SyncEmployeeRoleDeps, BoundedWaitDeps {
  queue: ProvisioningQueue;
  /** `isEnabled` (kill switch), `waitMs` (the bounded wait and the job's delay after it), `leaseMs` (the sync's lease). */
  settings: ProvisioningSettings;
}

export async function assignRole(
  deps: AssignRoleDeps,
  actor: Actor,
  employeeId: string,
  role: EmployeeRole,
): Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError | RoleNotGrantableError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'assignRole');
  if (outOfReach) return outOfReach;
  if (!mayGrant(actor, employee.role, role)) {
    await auditRefusal(deps, actor, employee, `assignRole: the caller may not grant ${auth0RoleName(role)}`);
    return new RoleNotGrantableError(role);
  }

  let current = employee;
  if (employee.role !== role) {
    const changed = await deps.prisma.$transaction(async (tx) => {
      // Only from the role mayGrant judged: a concurrent change (say, to MANAGER) must not be overwritten
      // by a grant that is no longer allowed. No row matched rolls back and answers null.
      // The account revision moves too: app_metadata.role_code follows the role (sync-employee-account).
      const updated = await employees.updateFromRole(tx, employeeId, employee.role, { role, accountRevision: { increment: 1 } });
      await deps.audit.event(tx, actor, {
        action: 'EMPLOYEE_ROLE_CHANGED',
        employeeId,
        auth0UserId: updated.auth0UserId,
        detail: `${auth0RoleName(employee.role)} -> ${auth0RoleName(role)}`,
      });
      await deps.queue.enqueue(tx, 'sync-employee-role', employeeId, { delaySeconds: jobDelaySeconds(deps.settings) });
      await deps.queue.enqueue(tx, 'sync-employee-account', employeeId, { delaySeconds: jobDelaySeconds(deps.settings) });
      return updated;
    }).catch((error: unknown) => {
      if (employees.isRoleChangedMeanwhile(error)) return null;
      throw error;
    });
    // The role changed meanwhile: judge again against the current one.
    if (!changed) return assignRole(deps, actor, employeeId, role);
    current = changed;
  }
  // Nothing owed to Auth0: no account yet (provisioning assigns the current role) or already in step.
  if (!deps.settings.isEnabled() || !inAuth0(current) || current.auth0Role === current.role) return current;
  return withinBound(deps, employeeId, syncEmployeeRole(deps, actor, employeeId));
}

function inAuth0(employee: Employee): boolean {
  return employee.auth0UserId !== null && (employee.auth0SyncStatus === 'CREATED' || employee.auth0SyncStatus === 'VERIFIED');
}

/**
 * Brings the Auth0 role in line with the local one. The old role is removed before the new one is
 * added, so the user never holds more than either role grants (at worst, briefly, none). Idempotent:
 * a second run finds auth0Role equal to role and does nothing.
 */
export async function syncEmployeeRole(deps: SyncEmployeeRoleDeps, actor: Actor, employeeId: string): Promise<AttemptOutcome> {
  const lease = await acquireLease(deps, employeeId, { onlyPending: false });
  if (lease.kind !== 'leased') return { kind: 'busy' };
  let employee = lease.employee;
  try {
    // The role may change again while Auth0 is being updated: loop until it holds still (at most 3 rounds).
    for (let round = 0; round < 3; round += 1) {
      if (!inAuth0(employee) || employee.auth0Role === employee.role) break;
      const { role } = employee;
      const userId = employee.auth0UserId!;
      const stale = employee.auth0Role ? [employee.auth0Role] : ALL_ROLES.filter((candidate) => candidate !== role);
      await deps.audit.identityCall(
        actor,
        { action: 'AUTH0_REMOVE_ROLES', employeeId, auth0UserId: userId, successStatus: 204 },
        () => deps.identityProvider.removeRoles(userId, stale.map(auth0RoleName)),
      );
      await deps.audit.identityCall(
        actor,
        { action: 'AUTH0_ASSIGN_ROLES', employeeId, auth0UserId: userId, successStatus: 204 },
        () => deps.identityProvider.assignRoles(userId, [auth0RoleName(role)]),
      );
      // The returned row carries the role as it is now: the next round sees a change made meanwhile.
      employee = await employees.recordAuth0Role(deps.prisma, employeeId, role);
    }
    return { kind: 'settled', employee };
  } catch (error) {
    if (error instanceof IdentityError && isRetryable(error)) {
      return { kind: 'transient', reason: error.message, credentialsRejected: error.kind === 'credentials-rejected' };
    }
    if (error instanceof IdentityError) {
      // Audited already; retrying as is will not help. The row keeps auth0Role != role, visible to operators.
      return { kind: 'settled', employee: await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } }) };
    }
    throw error;
  } finally {
    await releaseLease(deps, employeeId);
  }
}
