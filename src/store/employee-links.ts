// The Employee table's link writes outside provisioning: an operator's link to an account the gateway did
// not create, a re-queue, and the unlinking a retry or a rollback does (docs/design.md "Employee store").
import { Prisma, type Employee, type PrismaClient } from '../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * The Auth0 link cleared, back to `status` (PENDING: provisioned afresh; DISABLED: a leaver stays so), with
 * everything that described the old account; the old id stays in the audit trail. Only while the employee
 * is still linked to `fromUserId` when given. Returns whether the row changed.
 */
export async function unlinkAccount(db: Db, employeeId: string, status: 'PENDING' | 'DISABLED', fromUserId?: string): Promise<boolean> {
  const { count } = await db.employee.updateMany({
    where: { id: employeeId, ...(fromUserId ? { auth0UserId: fromUserId } : {}) },
    data: {
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
    },
  });
  return count === 1;
}

/** A FAILED or stuck PENDING employee queued again: PENDING, the last failure cleared. */
export function requeueProvisioning(db: Db, employeeId: string): Promise<Employee> {
  return db.employee.update({ where: { id: employeeId }, data: { auth0SyncStatus: 'PENDING', auth0SyncError: null, auth0SyncFailureReason: null } });
}

/** An operator's link to an account the gateway did not create: marked (auth0LinkedAt), PENDING, one account sync owed (the metadata). */
export function linkByHand(db: Db, employeeId: string, auth0UserId: string): Promise<Employee> {
  return db.employee.update({
    where: { id: employeeId },
    data: { auth0UserId, auth0LinkedAt: new Date(), auth0SyncStatus: 'PENDING', auth0SyncError: null, auth0SyncFailureReason: null, accountRevision: { increment: 1 } },
  });
}

