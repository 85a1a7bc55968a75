// The Employee columns of onboarding: where the invitation stands (invitationStatus) and the cursor of the
// periodic email_verified check (verificationCheckedAt). Plain Prisma statements; services call them by name.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { InvitationFailureReason } from '../generated/prisma/enums.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** An employee the email_verified check reads, with the cursor value it had before this pass took it. */
export interface VerificationCandidate {
  id: string;
  auth0UserId: string;
  email: string;
  previousCheckAt: Date | null;
}

/**
 * The next CREATED employees for the email_verified check, never-checked first, then the least recently
 * checked; each is stamped checked now, which moves it to the back of the line. Another process's pass
 * running at the same moment may take some of the same employees (a duplicate read, nothing worse).
 */
export async function takeVerificationCandidates(db: Db, limit: number): Promise<VerificationCandidate[]> {
  const select = { id: true, auth0UserId: true, email: true, verificationCheckedAt: true } as const;
  const where = { auth0SyncStatus: 'CREATED', auth0UserId: { not: null } } as const;
  // Two index-ordered reads (auth0SyncStatus, verificationCheckedAt) rather than one NULLS FIRST sort.
  const never = await db.employee.findMany({ where: { ...where, verificationCheckedAt: null }, select, orderBy: { auth0SyncStatusChangedAt: 'asc' }, take: limit });
  const oldest =
    never.length < limit
      ? await db.employee.findMany({ where: { ...where, verificationCheckedAt: { not: null } }, select, orderBy: [{ verificationCheckedAt: 'asc' }, { auth0SyncStatusChangedAt: 'asc' }], take: limit - never.length })
      : [];
  const rows = [...never, ...oldest];
  if (rows.length > 0) await db.employee.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { verificationCheckedAt: new Date() } });
  return rows.map((row) => ({ id: row.id, auth0UserId: row.auth0UserId!, email: row.email, previousCheckAt: row.verificationCheckedAt }));
}

/** Puts candidates a pass could not read back where they were in the line. */
export async function giveBackVerificationCandidates(db: Db, candidates: readonly VerificationCandidate[]): Promise<void> {
  for (const candidate of candidates) {
    await db.employee.update({ where: { id: candidate.id }, data: { verificationCheckedAt: candidate.previousCheckAt } });
  }
}

/**
 * SCHEDULED: an invitation is due for these employees (queued with the account, or deferred to a start
 * date). The one place that schedules; an invitation already claimed by a sender keeps its state.
 */
export async function scheduleInvitations(db: Db, employeeIds: readonly string[]): Promise<void> {
  if (employeeIds.length === 0) return;
  await db.employee.updateMany({
    where: { id: { in: [...employeeIds] }, invitationSentAt: null },
    data: { invitationStatus: 'SCHEDULED', invitationFailureReason: null },
  });
}

/** SENT: Auth0 accepted the request to email it (a resend clears an earlier FAILED). */
export async function invitationSent(db: Db, employeeId: string): Promise<void> {
  await db.employee.update({ where: { id: employeeId }, data: { invitationStatus: 'SENT', invitationFailureReason: null } });
}

/**
 * FAILED with a reason, unless the employee already used an invitation (ACCEPTED, VERIFIED). A failure
 * Auth0 reported later (`reportedAt`, a log event) changes nothing when another email was sent after it
 * or the invitation is FAILED already; Auth0's own answer to the request always sets its reason (it says
 * more than the log event that may have arrived first). Returns the employee ids it changed.
 */
export async function invitationFailed(
  db: Db,
  target: { employeeId: string } | { auth0UserId: string } | { email: string },
  reason: InvitationFailureReason,
  reportedAt?: Date,
): Promise<string[]> {
  const where: Prisma.EmployeeWhereInput = {
    ...('employeeId' in target ? { id: target.employeeId } : 'auth0UserId' in target ? { auth0UserId: target.auth0UserId } : { email: target.email.toLowerCase() }),
    auth0SyncStatus: { not: 'VERIFIED' },
    OR: [{ invitationStatus: null }, { invitationStatus: { in: reportedAt ? ['SCHEDULED', 'SENT'] : ['SCHEDULED', 'SENT', 'FAILED'] } }],
    ...(reportedAt ? { AND: [{ OR: [{ verificationEmailSentAt: null }, { verificationEmailSentAt: { lte: reportedAt } }] }] } : {}),
  };
  const changed = await db.employee.updateManyAndReturn({ where, data: { invitationStatus: 'FAILED', invitationFailureReason: reason }, select: { id: true } });
  return changed.map((row) => row.id);
}

/** ACCEPTED: the employee is VERIFIED, so whichever invitation they had reached them. */
export async function invitationAccepted(db: Db, employeeId: string): Promise<void> {
  await db.employee.updateMany({ where: { id: employeeId, invitationStatus: { not: null } }, data: { invitationStatus: 'ACCEPTED', invitationFailureReason: null } });
}
