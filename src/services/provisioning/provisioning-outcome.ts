// How a provisioning attempt ends for one employee: CREATED (markSynced) or FAILED with a typed reason
// (markFailed), each with its audit row in the same transaction.
import { Prisma, type Employee, type PrismaClient } from '../../generated/prisma/client.ts';
import type { EmployeeRole, ProvisioningFailureReason } from '../../generated/prisma/enums.ts';
import { EMPLOYEE_ROLE_LABELS, EMPLOYEE_COLUMNS, employeeFromRow } from './employee-row.ts';
import { insertAuditRowsSql, syncStatusChangedRow, type Actor, type AuditRow, type AuditTrail } from '../audit-trail.ts';
import type { IdentityUser } from '../identity-provider.ts';
import type { ProvisioningQueue } from '../provisioning-queue.ts';
import type { ProvisioningObserver } from './provisioning-observer.ts';

export interface MarkFailedDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

export interface MarkSyncedDeps extends MarkFailedDeps {
  /** For the role sync a role change made during the attempt still owes Auth0. */
  queue: ProvisioningQueue;
  provisioningObserver?: Pick<ProvisioningObserver, 'createdAfter'>;
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
  const synced = (await markSyncedIfNothingOwed(deps, before, user, audit)) ?? (await markSyncedOwingChanges(deps, before, user, audit));
  deps.provisioningObserver?.createdAfter((synced.updatedAt.getTime() - before.createdAt.getTime()) / 1000);
  return synced;
}

async function markSyncedIfNothingOwed(
  deps: MarkSyncedDeps,
  before: Employee,
  user: LinkedUser,
  audit: readonly AuditRow[],
): Promise<Employee | null> {
  const [row] = await deps.prisma.$queryRaw<Record<string, unknown>[]>`
    WITH synced AS (
      UPDATE "Employee"
         SET "auth0UserId" = ${user.userId}, "auth0AccountCreatedAt" = ${user.createdAt}::timestamptz,
             "auth0SyncStatus" = 'CREATED', "auth0SyncError" = NULL, "auth0SyncFailureReason" = NULL,
             "auth0Role" = role, "provisioningLeaseUntil" = NULL, "provisioningLeaseOwner" = NULL, "updatedAt" = now()
       WHERE id = ${before.id}::uuid
         AND role = ${EMPLOYEE_ROLE_LABELS[before.role]}::"EmployeeRole"
         AND "accountRevision" <= "auth0AccountRevision"
      RETURNING ${EMPLOYEE_COLUMNS}),
    audit AS (${insertAuditRowsSql(audit, Prisma.sql`EXISTS (SELECT 1 FROM synced)`)})
    SELECT * FROM synced`;
  return row ? employeeFromRow(row) : null;
}

async function markSyncedOwingChanges(
  deps: MarkSyncedDeps,
  before: Employee,
  user: LinkedUser,
  audit: readonly AuditRow[],
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await tx.employee.update({
      where: { id: before.id },
      data: {
        auth0UserId: user.userId,
        auth0AccountCreatedAt: user.createdAt,
        auth0SyncStatus: 'CREATED',
        auth0SyncError: null,
        auth0SyncFailureReason: null,
        auth0Role: before.role,
        provisioningLeaseUntil: null,
        provisioningLeaseOwner: null,
      },
    });
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
  const synced = await deps.prisma.$transaction(async (tx) => {
    const employees = await tx.employee.updateManyAndReturn({
      where: { id: { in: before.map((employee) => employee.id) }, auth0SyncStatus: 'PENDING' },
      data: {
        auth0SyncStatus: 'CREATED',
        auth0SyncError: null,
        auth0SyncFailureReason: null,
        auth0Role: role,
        provisioningLeaseUntil: null,
        provisioningLeaseOwner: null,
      },
    });
    await deps.audit.syncStatusesChanged(tx, actor, employees.map((employee) => ({ employeeId: employee.id, auth0UserId: employee.auth0UserId })), 'CREATED');
    // Role or profile changes that arrived while the account was being created are still owed to Auth0.
    await deps.queue.enqueueMany(tx, 'sync-employee-role', employees.filter((employee) => employee.role !== role).map((employee) => employee.id));
    await deps.queue.enqueueMany(
      tx,
      'sync-employee-account',
      employees.filter((employee) => employee.accountRevision > employee.auth0AccountRevision).map((employee) => employee.id),
    );
    return employees;
  });
  for (const employee of synced) deps.provisioningObserver?.createdAfter((employee.updatedAt.getTime() - employee.createdAt.getTime()) / 1000);
}

export async function markFailed(
  deps: MarkFailedDeps,
  actor: Actor,
  employeeId: string,
  reason: ProvisioningFailureReason,
  detail: string,
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    // Only a PENDING employee can fail: one that another worker settled meanwhile (CREATED, VERIFIED)
    // must never be turned back into FAILED by a late, stale failure.
    const { count } = await tx.employee.updateMany({
      where: { id: employeeId, auth0SyncStatus: 'PENDING' },
      data: {
        auth0SyncStatus: 'FAILED',
        auth0SyncError: detail,
        auth0SyncFailureReason: reason,
        provisioningLeaseUntil: null,
        provisioningLeaseOwner: null,
      },
    });
    const employee = await tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
    if (count === 0) return employee;
    await deps.audit.syncStatusChanged(tx, actor, {
      employeeId,
      auth0UserId: employee.auth0UserId,
      to: 'FAILED',
      detail,
    });
    return employee;
  });
}

/**
 * The Auth0 columns of an employee whose account link is dropped (its user was deleted outside the
 * gateway, or by a rollback): nothing of the old account remains, so provisioning gives them a fresh user
 * and a fresh invitation. A leaver stays DISABLED; reactivation provisions them when they return.
 */
export function unlinkedAccount(status: 'PENDING' | 'DISABLED') {
  return {
    auth0UserId: null,
    auth0AccountCreatedAt: null,
    auth0LinkedAt: null,
    auth0Role: null,
    auth0Profile: Prisma.DbNull,
    auth0Blocked: false,
    auth0SyncStatus: status,
    auth0SyncError: null,
    auth0SyncFailureReason: null,
    verificationEmailSentAt: null,
    invitationSentAt: null,
  } satisfies Prisma.EmployeeUpdateManyMutationInput;
}
