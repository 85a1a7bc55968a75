// Email verification: resendVerification (Auth0's verification-email job, with a per-employee cooldown)
// and the two ways the gateway learns an employee verified (log-stream `sv` events, a periodic read of
// email_verified).
//
// Invite mode (a password-set email instead of a verification email) is deliberately not built: the
// Management API's password-change ticket only mints a link and sends nothing, so the gateway would have
// to email it itself (no mail service here) or hand a password-set link to the manager calling the API,
// which would let that manager set the employee's password. Auth0's own invite pattern sends it through
// the Authentication API's /dbconnections/change_password, limited to 1 per minute per address.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import {
  AlreadyVerifiedError,
  Auth0UnavailableError,
  EmployeeNotFoundError,
  NoAuth0UserYetError,
  VerificationCooldownError,
} from './errors.ts';
import { IdentityError, type IdentityProvider } from './identity-provider.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface MarkVerifiedDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

export interface VerificationDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityProvider, 'getUser' | 'sendVerificationEmail'>;
  /** `isEnabled`: with the kill switch off no verification email is sent. */
  settings: Pick<ProvisioningSettings, 'isEnabled'>;
  cooldownSeconds: number;
}

export interface VerifiedEmailCheckDeps extends MarkVerifiedDeps {
  identityProvider: Pick<IdentityProvider, 'getUser'>;
}

export async function resendVerification(
  deps: VerificationDeps,
  actor: Actor,
  employeeId: string,
): Promise<Employee | EmployeeNotFoundError | AlreadyVerifiedError | NoAuth0UserYetError | VerificationCooldownError | Auth0UnavailableError> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  if (!employee) return new EmployeeNotFoundError(employeeId);
  if (employee.auth0SyncStatus === 'VERIFIED') return new AlreadyVerifiedError();
  if (!employee.auth0UserId) return new NoAuth0UserYetError();
  if (!deps.settings.isEnabled()) return new Auth0UnavailableError('Auth0 provisioning is switched off');
  const userId = employee.auth0UserId;

  // The cooldown is claimed atomically, so two clicks in the same second send one email.
  const claimed = await deps.prisma.$executeRaw`
    UPDATE "Employee" SET "verificationEmailSentAt" = now()
     WHERE id = ${employeeId}::uuid
       AND ("verificationEmailSentAt" IS NULL
            OR "verificationEmailSentAt" <= now() - make_interval(secs => ${deps.cooldownSeconds}::float8))`;
  if (claimed === 0) {
    const sentAt = (await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } })).verificationEmailSentAt ?? new Date();
    return new VerificationCooldownError(new Date(sentAt.getTime() + deps.cooldownSeconds * 1000));
  }
  const giveBackCooldown = () =>
    deps.prisma.employee.update({ where: { id: employeeId }, data: { verificationEmailSentAt: employee.verificationEmailSentAt } });
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
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_SEND_VERIFICATION_EMAIL', employeeId, auth0UserId: userId, successStatus: 201 },
      () => deps.identityProvider.sendVerificationEmail(userId),
    );
    return await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
  } catch (error) {
    if (!(error instanceof IdentityError)) throw error;
    await giveBackCooldown();
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
    const where = 'employeeId' in target ? { id: target.employeeId } : { auth0UserId: target.auth0UserId };
    const changed = await tx.employee.updateMany({
      where: { ...where, auth0SyncStatus: 'CREATED' },
      data: { auth0SyncStatus: 'VERIFIED' },
    });
    if (changed.count === 0) return false;
    const employee = await tx.employee.findUniqueOrThrow({ where });
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
      if (error.kind === 'transient') break;
    }
  }
  return verified;
}
