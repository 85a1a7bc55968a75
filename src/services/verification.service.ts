// The onboarding email and how the gateway learns an employee verified. Invite mode (the default) has
// Auth0 itself email the employee a link to set their first password (the Authentication API's
// change-password request; the gateway never sees the link); verify mode keeps Auth0's verification email.
// Why not password-change tickets, and the invitation's own job: docs/design.md "First password by invitation".
//
// sendInvitation is the queued first invitation (send-invitation); resendVerification resends whichever
// email the mode sends, with the per-employee cooldown and, for invitations, Auth0's limit of about one
// change-password email per minute per address. VERIFIED comes from log-stream `sv` and `scp` events,
// and from a periodic read of email_verified.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import * as onboarding from '../store/employee-onboarding.ts';
import * as employees from '../store/employee-store.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import {
  AlreadyVerifiedError,
  Auth0UnavailableError,
  EmployeeNotFoundError,
  EmployeeOutOfReachError,
  NoAuth0UserYetError,
  ProvisioningStateError,
  VerificationCooldownError,
} from './errors.ts';
import { refuseOutOfReach } from './employee-reach.ts';
import { scheduleOf } from './employee-schedule.ts';
import { markInvitationFailed } from './invitation-status.ts';
import { IdentityError, isRetryable, type IdentityDirectory, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface MarkVerifiedDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

export interface VerificationDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityProvider, 'getUser' | 'sendVerificationEmail' | 'sendInvitationEmail'>;
  /** `isEnabled`: with the kill switch off no email is sent; `onboardingEmail`: which email a resend sends. */
  settings: Pick<ProvisioningSettings, 'isEnabled' | 'onboardingEmail'>;
  cooldownSeconds: number;
}

export interface InvitationDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityProvider, 'sendInvitationEmail'>;
  /** The schedule's clock decides whether a deferred invitation is due. */
  settings?: Pick<ProvisioningSettings, 'schedule'>;
}

/**
 * Auth0 sends at most one change-password email per minute per address (10 burst, 1 per minute:
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public);
 * the gateway keeps invitations at least this far apart whatever the cooldown.
 */
export const INVITATION_SPACING_SECONDS = 60;

export interface VerifiedEmailCheckDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityDirectory, 'searchUsersByIds'>;
}

export type InvitationOutcome =
  | { kind: 'sent' }
  /** Already sent (or being sent) for this account, verified, or no account: nothing to do. */
  | { kind: 'skipped' }
  | { kind: 'transient'; reason: string }
  | { kind: 'rejected'; reason: string };

/**
 * The first invitation of an account (the send-invitation job, queued when the user was linked). The
 * claim on `invitationSentAt` is taken before the call, so the queue, a second process and a resend never
 * send two for one creation; a failed call gives the claim back and the queue retries (an answer lost
 * after Auth0 acted, e.g. a timeout, may then send a second one: better than none).
 */
export async function sendInvitation(
  deps: InvitationDeps,
  actor: Actor,
  employeeId: string,
  options: { finalAttempt?: boolean } = {},
): Promise<InvitationOutcome> {
  const before = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!before?.auth0UserId) return { kind: 'skipped' };
  // The address is read with the claim: an email change committed before it sends the invitation to the
  // new address; one committed after it finds the claim and sends a fresh one (emailChangeFollowUp).
  const address = await employees.claimFirstInvitation(deps.prisma, employeeId, scheduleOf(deps.settings ?? {}).clock.now());
  if (!address) return { kind: 'skipped' };
  try {
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_SEND_INVITATION_EMAIL', employeeId, auth0UserId: before.auth0UserId, successStatus: 200 },
      () => deps.identityProvider.sendInvitationEmail(address),
    );
    await onboarding.invitationSent(deps.prisma, employeeId);
    return { kind: 'sent' };
  } catch (error) {
    await employees.setEmailsSentAt(deps.prisma, employeeId, { invitationSentAt: null, verificationEmailSentAt: before.verificationEmailSentAt });
    if (!(error instanceof IdentityError)) throw error;
    const outcome: InvitationOutcome = isRetryable(error) ? { kind: 'transient', reason: error.message } : { kind: 'rejected', reason: error.message };
    // Refused outright, or the queue's last try: the employee has no invitation until someone acts.
    if (outcome.kind === 'rejected' || options.finalAttempt) {
      const reason = outcome.kind === 'rejected' ? 'AUTH0_REFUSED' : 'AUTH0_UNAVAILABLE';
      await markInvitationFailed(deps, actor, { employeeId }, { reason, detail: error.message });
    }
    return outcome;
  }
}

export async function resendVerification(
  deps: VerificationDeps,
  actor: Actor,
  employeeId: string,
): Promise<
  | Employee
  | EmployeeNotFoundError
  | EmployeeOutOfReachError
  | AlreadyVerifiedError
  | NoAuth0UserYetError
  | VerificationCooldownError
  | Auth0UnavailableError
  | ProvisioningStateError
> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const outOfReach = await refuseOutOfReach(deps, actor, employee, 'resendVerification');
  if (outOfReach) return outOfReach;
  // A leaver's account is blocked: an email inviting them to sign in would only mislead.
  if (!employee.active) return new ProvisioningStateError('The employee is deactivated; reactivate them first');
  if (employee.auth0SyncStatus === 'VERIFIED') return new AlreadyVerifiedError();
  if (!employee.auth0UserId) return new NoAuth0UserYetError();
  if (!deps.settings.isEnabled()) return new Auth0UnavailableError('Auth0 provisioning is switched off');
  const userId = employee.auth0UserId;
  const invite = deps.settings.onboardingEmail === 'invite';
  const spacingSeconds = invite ? Math.max(deps.cooldownSeconds, INVITATION_SPACING_SECONDS) : deps.cooldownSeconds;

  // The cooldown is claimed atomically, so two clicks in the same second send one email. An invitation
  // also takes the first-invitation claim, so a still queued send-invitation job sends nothing more.
  const claimed = await employees.claimEmailResend(deps.prisma, employeeId, { spacingSeconds, invite });
  if (!claimed) {
    // Verified in Auth0 since the last email (the gateway not told yet): that is the answer, not the cooldown.
    const user = await deps.identityProvider.getUser(userId).catch(() => undefined);
    if (user?.emailVerified) {
      await markVerified(deps, actor, { employeeId });
      return new AlreadyVerifiedError();
    }
    const sentAt = (await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } })).verificationEmailSentAt ?? new Date();
    return new VerificationCooldownError(new Date(sentAt.getTime() + spacingSeconds * 1000), employee.email);
  }
  const giveBackCooldown = () =>
    employees.setEmailsSentAt(deps.prisma, employeeId, {
      verificationEmailSentAt: employee.verificationEmailSentAt,
      invitationSentAt: employee.invitationSentAt,
    });
  try {
    const user = await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_GET_USER', employeeId, auth0UserId: userId, successStatus: 200 },
      () => deps.identityProvider.getUser(userId),
    );
    if (user.emailVerified) {
      await giveBackCooldown();
      await markVerified(deps, actor, { employeeId });
      return new AlreadyVerifiedError();
    }
    if (invite) {
      await deps.audit.identityCall(
        actor,
        { action: 'AUTH0_SEND_INVITATION_EMAIL', employeeId, auth0UserId: userId, successStatus: 200 },
        () => deps.identityProvider.sendInvitationEmail(employee.email),
      );
    } else {
      await deps.audit.identityCall(
        actor,
        { action: 'AUTH0_SEND_VERIFICATION_EMAIL', employeeId, auth0UserId: userId, successStatus: 201 },
        () => deps.identityProvider.sendVerificationEmail(userId),
      );
    }
    // A resend clears an earlier FAILED: a new email is on its way.
    await onboarding.invitationSent(deps.prisma, employeeId);
    return await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    await giveBackCooldown();
    if (!isRetryable(error) && error.httpStatus !== 429) {
      await markInvitationFailed(deps, actor, { employeeId }, { reason: 'AUTH0_REFUSED', detail: error.message });
    }
    // Auth0's own per-address limit (another sender, or a clock apart from ours): the same typed answer.
    if (error.httpStatus === 429 && invite) {
      return new VerificationCooldownError(new Date(Date.now() + (error.retryAfterSeconds ?? INVITATION_SPACING_SECONDS) * 1000), employee.email);
    }
    return new Auth0UnavailableError(error.message);
  }
}

/** CREATED -> VERIFIED, once; a duplicate or late event changes nothing. Returns whether it changed. */
export async function markVerified(
  deps: MarkVerifiedDeps,
  actor: Actor,
  target: { employeeId: string } | { auth0UserId: string },
): Promise<boolean> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await employees.markVerifiedIfCreated(tx, target);
    if (!employee) return false;
    await onboarding.invitationAccepted(tx, employee.id);
    await deps.audit.syncStatusChanged(tx, actor, { employeeId: employee.id, auth0UserId: employee.auth0UserId, to: 'VERIFIED' });
    return true;
  });
}

/** Employees one email_verified search covers (the search's page size): one Auth0 read per 100 CREATED employees. */
export const VERIFICATION_IDS_PER_SEARCH = 100;
/** Employees one pass of the check reads at most (10 searches); the rest wait for the next pass, in line. */
export const VERIFICATION_CHECK_PER_PASS = 1000;

export interface VerifiedEmailCheckResult {
  checked: number;
  verified: number;
  searches: number;
}

/**
 * Covers a missed log-stream event (or no log stream at all): reads email_verified of CREATED employees in
 * turn, least recently checked first (employee-onboarding.ts keeps the line), one user search
 * `user_id:(...) AND email_verified:true` per 100 employees, paced like every Management API call. A
 * search answer is trusted only for the address the employee has now (the index may still show an old
 * one, verified). A transient failure ends the pass and puts the unread employees back in line.
 */
export async function checkVerifiedEmails(
  deps: VerifiedEmailCheckDeps,
  actor: Actor,
  perPass = VERIFICATION_CHECK_PER_PASS,
): Promise<VerifiedEmailCheckResult> {
  const candidates = await onboarding.takeVerificationCandidates(deps.prisma, perPass);
  const result: VerifiedEmailCheckResult = { checked: 0, verified: 0, searches: 0 };
  for (let start = 0; start < candidates.length; start += VERIFICATION_IDS_PER_SEARCH) {
    const group = candidates.slice(start, start + VERIFICATION_IDS_PER_SEARCH);
    let found: Awaited<ReturnType<VerifiedEmailCheckDeps['identityProvider']['searchUsersByIds']>>;
    try {
      result.searches += 1;
      found = await deps.identityProvider.searchUsersByIds(group.map((candidate) => candidate.auth0UserId), { emailVerified: true });
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      // A refused search (not worth repeating) keeps its place at the back of the line; Auth0 being
      // unavailable ends the pass with everyone not read yet back at the front.
      if (!isRetryable(error)) continue;
      await onboarding.giveBackVerificationCandidates(deps.prisma, candidates.slice(start));
      break;
    }
    result.checked += group.length;
    const verifiedUsers = new Map(found.filter((user) => user.emailVerified).map((user) => [user.userId, user.email.toLowerCase()]));
    for (const candidate of group) {
      if (verifiedUsers.get(candidate.auth0UserId) !== candidate.email) continue;
      if (await markVerified(deps, actor, { employeeId: candidate.id })) result.verified += 1;
    }
  }
  return result;
}
