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
import { IdentityError, isRetryable, type IdentityProvider } from './identity-provider.ts';
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
}

/**
 * Auth0 sends at most one change-password email per minute per address (10 burst, 1 per minute:
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public);
 * the gateway keeps invitations at least this far apart whatever the cooldown.
 */
export const INVITATION_SPACING_SECONDS = 60;

export interface VerifiedEmailCheckDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityProvider, 'getUser'>;
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
export async function sendInvitation(deps: InvitationDeps, actor: Actor, employeeId: string): Promise<InvitationOutcome> {
  const before = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!before?.auth0UserId) return { kind: 'skipped' };
  // The address is read with the claim: an email change committed before it sends the invitation to the
  // new address; one committed after it finds the claim and sends a fresh one (emailChangeFollowUp).
  const address = await employees.claimFirstInvitation(deps.prisma, employeeId);
  if (!address) return { kind: 'skipped' };
  try {
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_SEND_INVITATION_EMAIL', employeeId, auth0UserId: before.auth0UserId, successStatus: 200 },
      () => deps.identityProvider.sendInvitationEmail(address),
    );
    return { kind: 'sent' };
  } catch (error) {
    await employees.setEmailsSentAt(deps.prisma, employeeId, { invitationSentAt: null, verificationEmailSentAt: before.verificationEmailSentAt });
    if (!(error instanceof IdentityError)) throw error;
    return isRetryable(error) ? { kind: 'transient', reason: error.message } : { kind: 'rejected', reason: error.message };
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
    return await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    await giveBackCooldown();
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
    await deps.audit.syncStatusChanged(tx, actor, { employeeId: employee.id, auth0UserId: employee.auth0UserId, to: 'VERIFIED' });
    return true;
  });
}

/** Covers a missed log-stream event: reads email_verified for CREATED employees, oldest first. */
export async function checkVerifiedEmails(deps: VerifiedEmailCheckDeps, actor: Actor, limit = 50): Promise<number> {
  const candidates = await deps.prisma.employee.findMany({
    where: { auth0SyncStatus: 'CREATED', auth0UserId: { not: null } },
    orderBy: { updatedAt: 'asc' },
    take: limit,
    select: { id: true, auth0UserId: true },
  });
  let verified = 0;
  for (const candidate of candidates) {
    try {
      const user = await deps.identityProvider.getUser(candidate.auth0UserId!);
      if (user.emailVerified && (await markVerified(deps, actor, { employeeId: candidate.id }))) verified += 1;
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      if (isRetryable(error)) break;
    }
  }
  return verified;
}
