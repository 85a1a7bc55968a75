// The schedule's reads for the sweep: dated work whose moment has passed and whose job may be missing (a
// job lost to retention, an early run that found nothing due, a reschedule that met a running job).
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Active employees whose scheduled deactivation is due by the schedule's clock, oldest first. */
export async function dueDeactivationIds(db: Db, now: Date, batchSize: number): Promise<string[]> {
  const rows = await db.employee.findMany({
    where: { active: true, scheduledDeactivationAt: { lte: now } },
    select: { id: true },
    orderBy: { scheduledDeactivationAt: 'asc' },
    take: batchSize,
  });
  return rows.map((row) => row.id);
}

/** Linked, unsettled accounts whose deferred first invitation is due and not claimed yet. */
export async function dueInvitationIds(db: Db, now: Date, batchSize: number): Promise<string[]> {
  const rows = await db.employee.findMany({
    where: {
      invitationScheduledAt: { lte: now },
      invitationSentAt: null,
      auth0UserId: { not: null },
      auth0SyncStatus: { in: ['PENDING', 'CREATED'] },
    },
    select: { id: true },
    take: batchSize,
  });
  return rows.map((row) => row.id);
}
