// Writes shared by several routes: storing a user (which also feeds the lagging search index), sending
// a verification email to the outbox, and the employee following the verification link.
import { userNotFound } from './errors.ts';
import { newTicketSecret } from './ids.ts';
import type { RequestContext, Services } from './router.ts';
import type { StoredUser } from './state.ts';
import type { LogOrigin } from './tenant-logs.ts';

/** Default lifetime of every ticket (verification and password change): five days. */
export const DEFAULT_TICKET_TTL_SEC = 432_000;

/** The stored user, or Auth0's 404 `inexistent_user`. */
export function lookUpUser(services: Services, userId: string): StoredUser {
  const stored = services.state.users.get(userId);
  if (!stored) throw userNotFound();
  return stored;
}

export function saveUser(services: Services, stored: StoredUser): void {
  services.state.putUser(stored);
  services.state.indexUser(stored.user.user_id, stored.user, Date.now() + services.config().searchLagMs);
}

export function removeUser(services: Services, userId: string): void {
  if (!services.state.deleteUser(userId)) return;
  services.state.indexUser(userId, null, Date.now() + services.config().searchLagMs);
}

export function originOf(ctx: RequestContext): LogOrigin {
  return { ip: ctx.ip, userAgent: ctx.userAgent, clientId: ctx.caller?.clientId, clientName: ctx.caller?.clientName };
}

/** Mints an email-verification ticket; the link works against the emulator (`GET /u/email-verification`). */
export function createVerificationTicket(
  services: Services,
  userId: string,
  ttlSec = DEFAULT_TICKET_TTL_SEC,
): { secret: string; url: string; clickableUrl: string } {
  const secret = newTicketSecret();
  services.state.tickets.set(secret, { secret, kind: 'email-verification', user_id: userId, expires_at: Date.now() + ttlSec * 1000 });
  return {
    secret,
    // What the API returns: Auth0's https://{domain} form.
    url: `https://${services.urls.domain}/u/email-verification?ticket=${secret}#`,
    // What the outbox shows: the emulator speaks plain HTTP, so this one can actually be opened.
    clickableUrl: `${services.urls.url}/u/email-verification?ticket=${secret}`,
  };
}

export function sendVerificationEmail(services: Services, stored: StoredUser, reason: 'signup' | 'job' | 'email_change'): void {
  const ticket = createVerificationTicket(services, stored.user.user_id);
  const emails = services.state.emails;
  emails.push({
    id: `email_${emails.length + 1}`,
    type: 'verification_email',
    to: stored.user.email,
    user_id: stored.user.user_id,
    link: ticket.clickableUrl,
    ticket: ticket.secret,
    reason,
    sent_at: new Date().toISOString(),
  });
}

/** The employee clicked the link: the address is verified and Auth0 logs `sv`. */
export function markVerified(services: Services, stored: StoredUser, origin: LogOrigin, ticket: string): StoredUser {
  const user = { ...stored.user, email_verified: true, updated_at: new Date().toISOString() };
  const updated = { ...stored, user };
  saveUser(services, updated);
  services.logs.verified(origin, { user, connectionId: stored.connectionId }, ticket);
  return updated;
}

/**
 * The employee set a password through the change-password link: the ticket is used up, the address is
 * verified (setting a password from an emailed link proves the mailbox, which is what Auth0's invitation
 * pattern relies on: https://auth0.com/docs/customize/email/send-email-invitations-for-application-signup)
 * and Auth0 logs `scp`. The emulator keeps no passwords, so the password is only checked against the policy.
 */
export function setPasswordFromTicket(services: Services, stored: StoredUser, origin: LogOrigin, ticket: string): StoredUser {
  const user = { ...stored.user, email_verified: true, updated_at: new Date().toISOString() };
  const updated = { ...stored, user };
  saveUser(services, updated);
  services.logs.passwordChanged(origin, { user, connectionId: stored.connectionId }, ticket);
  return updated;
}
