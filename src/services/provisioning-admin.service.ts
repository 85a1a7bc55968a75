// Operator actions on stuck provisioning: retryProvisioning re-queues a FAILED employee;
// linkAuth0User deliberately attaches an existing Auth0 user (the EmailTakenInAuth0 resolution).
import { Prisma, type Employee, type PrismaClient } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError, ProvisioningStateError, Auth0UnavailableError } from './errors.ts';
import { refuseOutOfReach } from './employee-reach.ts';
import { IdentityError, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';
import * as employees from '../store/employee-links.ts';

export interface RetryProvisioningDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  queue: ProvisioningQueue;
  /** To confirm that a linked user is really gone before provisioning a fresh one. */
  identityProvider: Pick<IdentityProvider, 'getUser'>;
}

export interface LinkAuth0UserDeps extends RetryProvisioningDeps {
  identityProvider: Pick<IdentityProvider, 'getUser'>;
}

/**
 * Re-queues a FAILED or stuck PENDING employee. A CREATED or VERIFIED one is accepted only when its
 * linked Auth0 user was deleted outside the gateway (reconciliation's LINKED_USER_MISSING), as Auth0
 * confirms now: the link is dropped (the old id stays in the audit trail) and a fresh user is created.
 */
export async function retryProvisioning(
  deps: RetryProvisioningDeps,
  actor: Actor,
  employeeId: string,
): Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError | ProvisioningStateError | Auth0UnavailableError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'retryProvisioning');
  if (outOfReach) return outOfReach;
  if (employee.auth0SyncStatus === 'FAILED' || employee.auth0SyncStatus === 'PENDING') {
    return requeue(deps, actor, employee, 'retry requested');
  }
  if ((employee.auth0SyncStatus !== 'CREATED' && employee.auth0SyncStatus !== 'VERIFIED') || employee.auth0UserId === null) {
    return new ProvisioningStateError(`Only FAILED or PENDING employees, or those whose Auth0 user was deleted, can be retried; this one is ${employee.auth0SyncStatus}`);
  }
  const oldUserId = employee.auth0UserId;
  try {
    await deps.audit.identityCall(actor, { action: 'AUTH0_GET_USER', employeeId, auth0UserId: oldUserId, successStatus: 200 }, () =>
      deps.identityProvider.getUser(oldUserId),
    );
    return new ProvisioningStateError(`The employee's Auth0 user ${oldUserId} still exists; nothing to provision`);
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    if (error.kind !== 'not-found') return new Auth0UnavailableError(error.message);
  }
  return deps.prisma.$transaction(async (tx) => {
    // Only from the state judged above: a concurrent retry (or link) must not unlink twice.
    if (await employees.unlinkAccount(tx, employeeId, 'PENDING', oldUserId)) {
      await deps.audit.event(tx, actor, {
        action: 'PROVISIONING_REQUEUED',
        employeeId,
        auth0UserId: oldUserId,
        detail: `linked Auth0 user ${oldUserId} no longer exists in Auth0; provisioning a new user`,
      });
      await deps.queue.enqueue(tx, 'provision-employee', employeeId);
    }
    return tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
  });
}

async function requeue(deps: RetryProvisioningDeps, actor: Actor, employee: Employee, detail: string): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const updated = await employees.requeueProvisioning(tx, employee.id);
    await deps.audit.event(tx, actor, { action: 'PROVISIONING_REQUEUED', employeeId: employee.id, auth0UserId: updated.auth0UserId, detail });
    await deps.queue.enqueue(tx, 'provision-employee', employee.id);
    return updated;
  });
}

/**
 * Attaches an Auth0 user an operator vouches for. Its email must be the employee's; the queue then
 * assigns the role and marks CREATED as for any provisioning.
 */
export async function linkAuth0User(
  deps: LinkAuth0UserDeps,
  actor: Actor,
  employeeId: string,
  auth0UserId: string,
): Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError | ProvisioningStateError | Auth0UnavailableError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'linkAuth0User');
  if (outOfReach) return outOfReach;
  if (employee.auth0UserId === auth0UserId) return employee;
  if (employee.auth0UserId) return new ProvisioningStateError('The employee is already linked to another Auth0 user');
  let email: string;
  try {
    email = (
      await deps.audit.identityCall(actor, { action: 'AUTH0_GET_USER', employeeId, auth0UserId, successStatus: 200 }, () =>
        deps.identityProvider.getUser(auth0UserId),
      )
    ).email;
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    if (error.kind === 'not-found') return new ProvisioningStateError('No Auth0 user has this id');
    return new Auth0UnavailableError(error.message);
  }
  if (email.toLowerCase() !== employee.email) {
    return new ProvisioningStateError("The Auth0 user's email is not the employee's");
  }
  try {
    return await deps.prisma.$transaction(async (tx) => {
      // Not the gateway's account: it never gets created_by, and a rollback only unlinks it.
      const updated = await employees.linkByHand(tx, employeeId, auth0UserId);
      await deps.audit.event(tx, actor, { action: 'AUTH0_USER_LINKED', employeeId, auth0UserId, detail: 'linked by an operator' });
      await deps.queue.enqueue(tx, 'provision-employee', employeeId);
      // The account is marked at once (employee_id, linked_at): the rollback can tell it from the gateway's own.
      await deps.queue.enqueue(tx, 'sync-employee-account', employeeId);
      return updated;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return new ProvisioningStateError('Another employee is already linked to this Auth0 user');
    }
    throw error;
  }
}
