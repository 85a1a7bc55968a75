// How a provisioning attempt ends for one employee: CREATED (markSynced) or FAILED with a typed reason
// (markFailed), each with its audit row in the same transaction.
import type { Employee, PrismaClient } from '../../generated/prisma/client.ts';
import type { EmployeeRole, ProvisioningFailureReason } from '../../generated/prisma/enums.ts';
import * as employees from '../../store/employee-store.ts';
import { syncStatusChangedRow, type Actor, type AuditRow, type AuditTrail } from '../audit-trail.ts';
import type { IdentityUser } from '../identity-provider.ts';
import type { ProvisioningQueue } from '../provisioning-queue.ts';
import type { ProvisioningObserver } from './provisioning-observer.ts';

export interface MarkFailedDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  provisioningObserver?: Pick<ProvisioningObserver, 'employeeSettled'>;
}

export interface MarkSyncedDeps extends MarkFailedDeps {
  /** For the role sync a role change made during the attempt still owes Auth0. */
  queue: ProvisioningQueue;
  provisioningObserver?: Pick<ProvisioningObserver, 'createdAfter' | 'employeeSettled'>;
}

/** The Auth0 account an employee row is linked to (its `auth0UserId` is set). */
export type LinkedUser = Pick<IdentityUser, 'userId' | 'createdAt'>;

export function linkedUserOf(employee: Employee): LinkedUser {
  return { userId: employee.auth0UserId!, createdAt: employee.auth0AccountCreatedAt ?? new Date() };
}

/**
 * CREATED, with the attempt's audit rows still `pending` and the status change's own. When nothing is owed
 * to Auth0 since `before` was read (the role and the profile are what the attempt sent), that is one
 * statement; otherwise a transaction that also queues what is owed.
 */
export async function markSynced(
  deps: MarkSyncedDeps,
  actor: Actor,
  before: Employee,
  user: LinkedUser,
  pending: readonly AuditRow[] = [],
): Promise<Employee> {
  const audit = [...pending, syncStatusChangedRow(actor, { employeeId: before.id, auth0UserId: user.userId, to: 'CREATED' })];
  const synced = (await employees.markCreatedIfNothingOwed(deps.prisma, before, user, audit)) ?? (await markSyncedOwingChanges(deps, before, user, audit));
  deps.provisioningObserver?.createdAfter((synced.updatedAt.getTime() - before.createdAt.getTime()) / 1000);
  deps.provisioningObserver?.employeeSettled('created');
  return synced;
}

async function markSyncedOwingChanges(
  deps: MarkSyncedDeps,
  before: Employee,
  user: LinkedUser,
  audit: readonly AuditRow[],
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await employees.markCreated(tx, before, user);
    await deps.audit.writeRows(tx, audit);
    // A role change that arrived while the account was being created is still owed to Auth0.
    if (employee.role !== before.role) await deps.queue.enqueue(tx, 'sync-employee-role', employee.id);
    // So is a profile change (updateEmployee) that arrived while the account was being created.
    if (employee.accountRevision > employee.auth0AccountRevision) await deps.queue.enqueue(tx, 'sync-employee-account', employee.id);
    return employee;
  });
}

/**
 * `markSynced` for employees whose role `role` was just given in one call (the role batch): one update,
 * one audit statement, the owed role and profile syncs queued in one statement each, all in one transaction.
 */
export async function markManySynced(deps: MarkSyncedDeps, actor: Actor, before: readonly Employee[], role: EmployeeRole): Promise<void> {
  if (before.length === 0) return;
  const marked = await deps.prisma.$transaction(async (tx) => {
    const synced = await employees.markManyCreated(tx, before.map((employee) => employee.id), role);
    await deps.audit.syncStatusesChanged(tx, actor, synced.map((employee) => ({ employeeId: employee.id, auth0UserId: employee.auth0UserId })), 'CREATED');
    // Role or profile changes that arrived while the account was being created are still owed to Auth0.
    await deps.queue.enqueueMany(tx, 'sync-employee-role', synced.filter((employee) => employee.role !== role).map((employee) => employee.id));
    await deps.queue.enqueueMany(
      tx,
      'sync-employee-account',
      synced.filter((employee) => employee.accountRevision > employee.auth0AccountRevision).map((employee) => employee.id),
    );
    return synced;
  });
  for (const employee of marked) {
    deps.provisioningObserver?.createdAfter((employee.updatedAt.getTime() - employee.createdAt.getTime()) / 1000);
    deps.provisioningObserver?.employeeSettled('created');
  }
}

export async function markFailed(
  deps: MarkFailedDeps,
  actor: Actor,
  employeeId: string,
  reason: ProvisioningFailureReason,
  detail: string,
): Promise<Employee> {
  const { employee, changed } = await deps.prisma.$transaction(async (tx) => {
    const marked = await employees.markFailedIfPending(tx, employeeId, reason, detail);
    if (marked.changed) await deps.audit.syncStatusChanged(tx, actor, { employeeId, auth0UserId: marked.employee.auth0UserId, to: 'FAILED', detail });
    return marked;
  });
  if (changed) deps.provisioningObserver?.employeeSettled('failed');
  return employee;
}

