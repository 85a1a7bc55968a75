// The assign-new-user-role worker's step: new Auth0 users get their role in batches, one
// `POST /roles/{id}/users` per role, instead of one call per user.
import type { Employee } from '../../generated/prisma/client.ts';
import type { EmployeeRole } from '../../generated/prisma/enums.ts';
import type { Actor } from '../audit-trail.ts';
import { auth0RoleName } from '../employee-input.ts';
import { IdentityError, isRetryable, type IdentityProvider } from '../identity-provider.ts';
import { acquireLinkedPendingLeases, releaseLeases, type LeaseDeps } from './employee-lease.ts';
import { linkedUserOf, markFailed, markManySynced, markSynced, type MarkSyncedDeps } from './provisioning-outcome.ts';

export interface NewUserRoleBatchDeps extends LeaseDeps, MarkSyncedDeps {
  identityProvider: Pick<IdentityProvider, 'assignRoleToUsers' | 'assignRoles'>;
}

/**
 * Role batching: gives the role to every listed employee that has its Auth0 user but is still PENDING,
 * with one `POST /roles/{id}/users` per role (up to the batch's size), then marks them CREATED. Employees
 * leased elsewhere, already settled, or without their Auth0 user yet (a rerun of provision-employee queues
 * them again) are skipped. A rejected batch (e.g. one user deleted meanwhile)
 * falls back to one call per user, so one bad user cannot hold the others back.
 */
export async function assignNewUserRoles(
  deps: NewUserRoleBatchDeps,
  actor: Actor,
  employeeIds: readonly string[],
): Promise<{ transient: string | null; credentialsRejected: boolean }> {
  // Set-based (one lease statement, one update and one audit statement per role group): the batch's own
  // database work stays small next to its one Auth0 call, however many users it holds.
  const leased = await acquireLinkedPendingLeases(deps, [...new Set(employeeIds)]);
  let transient: string | null = null;
  let credentialsRejected = false;
  // The provision job queues this job just before it releases the employee's lease, and NOTIFY wakes this
  // worker at once: wait that moment out (briefly) rather than leave the employee PENDING.
  for (let wait = 0; ; wait += 1) {
    const leasedIds = new Set(leased.map((employee) => employee.id));
    const busy = await deps.prisma.employee.findMany({
      where: { id: { in: employeeIds.filter((id) => !leasedIds.has(id)) }, auth0SyncStatus: 'PENDING', auth0UserId: { not: null } },
      select: { id: true },
    });
    if (busy.length === 0) break;
    // Still held after about 2 s: the batch is retried (with backoff) for them.
    if (wait === 8) {
      transient = 'another process holds the lease of a user waiting for its role';
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    leased.push(...(await acquireLinkedPendingLeases(deps, busy.map((employee) => employee.id))));
  }
  try {
    const byRole = new Map<EmployeeRole, Employee[]>();
    for (const employee of leased) byRole.set(employee.role, [...(byRole.get(employee.role) ?? []), employee]);
    for (const [employeeRole, group] of byRole) {
      const role = auth0RoleName(employeeRole);
      const targets = group.map((employee) => ({
        action: 'AUTH0_ASSIGN_ROLES' as const,
        employeeId: employee.id,
        auth0UserId: employee.auth0UserId,
        successStatus: 200,
      }));
      try {
        await deps.audit.identityCallForMany(actor, targets, () =>
          deps.identityProvider.assignRoleToUsers(role, group.map((employee) => employee.auth0UserId!)),
        );
        await markManySynced(deps, actor, group, employeeRole);
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        if (isRetryable(error)) {
          transient = error.message;
          credentialsRejected ||= error.kind === 'credentials-rejected';
          continue;
        }
        for (const employee of group) {
          try {
            await deps.audit.identityCall(
              actor,
              { action: 'AUTH0_ASSIGN_ROLES', employeeId: employee.id, auth0UserId: employee.auth0UserId, successStatus: 204 },
              () => deps.identityProvider.assignRoles(employee.auth0UserId!, [role]),
            );
            await markSynced(deps, actor, employee, linkedUserOf(employee));
          } catch (single) {
            if (single instanceof IdentityError && isRetryable(single)) {
              transient = single.message;
              credentialsRejected ||= single.kind === 'credentials-rejected';
            }
            else if (single instanceof IdentityError) await markFailed(deps, actor, employee.id, 'AUTH0_REJECTED', single.message);
            else throw single;
          }
        }
      }
    }
  } finally {
    // Those marked CREATED or FAILED hold no lease any more; this releases the rest (transient failures).
    await releaseLeases(deps, leased.map((employee) => employee.id));
  }
  return { transient, credentialsRejected };
}
