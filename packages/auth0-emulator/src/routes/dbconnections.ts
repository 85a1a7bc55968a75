// The Authentication API's change-password request (https://auth0.com/docs/api/authentication/change-password/change-password):
// Auth0 itself emails the user a link to set a new password. It is the second step of Auth0's
// invitation pattern (https://auth0.com/docs/customize/email/send-email-invitations-for-application-signup):
// the user sets a first password with it, which also verifies the address. Here the email goes to the
// outbox with its ticket; POST /__emulator/set-password uses the ticket as the hosted page would.
import { authApiError, ApiError } from '../errors.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import type { StoredUser } from '../state.ts';
import { DEFAULT_TICKET_TTL_SEC, originOf } from '../user-writes.ts';
import { newTicketSecret } from '../ids.ts';
import { isEmail } from '../validation.ts';

/** The documented response sample; Auth0 answers it as text, not JSON. */
export const CHANGE_PASSWORD_SENT = "We've just sent you an email to reset your password.";

const ONE_MINUTE_MS = 60_000;

function text(status: number, body: string, headers: Record<string, string> = {}): HandlerResult {
  return { status, headers, raw: { contentType: 'text/html; charset=utf-8', text: body } };
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  // The wording of every 400 below is a guess (Authentication API style {error, error_description}).
  if (typeof value !== 'string') throw authApiError(400, 'invalid_request', `${name} must be a string`);
  return value;
}

/**
 * 10 burst, refilled at 1 per minute, per IP and email (the rate-limit tables list it this way; the burst
 * is configurable). A 429 carries the three X-RateLimit headers the endpoint documents.
 */
function takeChangePasswordToken(services: Services, ip: string, email: string): void {
  const { changePasswordBurst: burst, timeScale } = services.config();
  const key = `${ip}|${email}`;
  const now = Date.now();
  const refillMs = ONE_MINUTE_MS / timeScale;
  const bucket = services.state.changePasswordBuckets.get(key) ?? { tokens: burst, at: now };
  const earned = Math.floor((now - bucket.at) / refillMs);
  if (earned > 0) {
    bucket.tokens = Math.min(burst, bucket.tokens + earned);
    bucket.at = bucket.tokens >= burst ? now : bucket.at + earned * refillMs;
  }
  if (bucket.tokens >= burst) bucket.at = now;
  if (bucket.tokens <= 0) {
    services.state.changePasswordBuckets.set(key, bucket);
    const retryAfterSec = Math.max(1, Math.ceil((bucket.at + refillMs - now) / 1000));
    throw new ApiError(
      429,
      { error: 'too_many_requests', error_description: 'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.' },
      {
        'X-RateLimit-Limit': String(burst),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(Math.ceil((bucket.at + refillMs) / 1000)),
        // Not documented for this endpoint (a guess): clients may as well know the wait.
        'Retry-After': String(retryAfterSec),
      },
    );
  }
  bucket.tokens -= 1;
  services.state.changePasswordBuckets.set(key, bucket);
}

function changePassword(ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) {
    throw authApiError(400, 'invalid_request', 'Invalid request body');
  }
  const body = ctx.body as Record<string, unknown>;
  // Documented remark: sending a password is refused ("password is not allowed").
  if (body.password !== undefined) throw authApiError(400, 'invalid_request', 'password is not allowed');
  const clientId = stringField(body, 'client_id');
  if (clientId !== undefined && !state.clients.has(clientId)) throw authApiError(400, 'invalid_request', 'Unknown client');
  const connection = stringField(body, 'connection');
  if (connection === undefined) throw authApiError(400, 'invalid_request', 'Missing required parameter: connection');
  if (connection !== state.connection.name) throw authApiError(400, 'invalid_request', 'connection not found');
  if (stringField(body, 'username') !== undefined) {
    throw authApiError(400, 'invalid_request', 'username is not supported by this connection (it does not require usernames)');
  }
  const rawEmail = stringField(body, 'email');
  if (rawEmail === undefined) throw authApiError(400, 'invalid_request', 'Missing required parameter: email');
  const email = rawEmail.toLowerCase();
  if (!isEmail(email)) throw authApiError(400, 'invalid_request', 'email is not a valid email address');
  if (clientId !== undefined && state.connectionDisabledClients.has(clientId)) refuseDisabledClient(services, ctx, clientId, email);
  takeChangePasswordToken(services, ctx.ip, email);

  const stored = state.findUserByEmail(state.connection.id, email);
  // An unknown address gets the same answer and no email, so the endpoint tells nobody who has an
  // account (a guess that matches the documented single response).
  if (stored) sendChangePasswordEmail(services, stored, ctx, clientId);
  return text(200, CHANGE_PASSWORD_SENT);
}

/**
 * The application is not enabled on the connection: 400 and an `fcpr` log, no email. Auth0's body for
 * this case on change_password is not documented; this is the one it gives a login through a connection
 * the application is not enabled on (a guess: README "Guesses").
 */
function refuseDisabledClient(services: Services, ctx: RequestContext, clientId: string, email: string): never {
  const client = services.state.clients.get(clientId);
  const stored = services.state.findUserByEmail(services.state.connection.id, email);
  services.logs.passwordChangeRequestFailed(
    { ...originOf(ctx), clientId, ...(client ? { clientName: client.name } : {}) },
    { email, connection: services.state.connection.name, connectionId: services.state.connection.id, ...(stored ? { userId: stored.user.user_id } : {}) },
    DISABLED_CLIENT_DESCRIPTION,
  );
  throw authApiError(400, 'invalid_request', DISABLED_CLIENT_DESCRIPTION);
}

export const DISABLED_CLIENT_DESCRIPTION = 'the connection was disabled';

function sendChangePasswordEmail(services: Services, stored: StoredUser, ctx: RequestContext, clientId: string | undefined): void {
  const secret = newTicketSecret();
  services.state.tickets.set(secret, {
    secret,
    kind: 'password-change',
    user_id: stored.user.user_id,
    expires_at: Date.now() + DEFAULT_TICKET_TTL_SEC * 1000,
  });
  const emails = services.state.emails;
  emails.push({
    id: `email_${emails.length + 1}`,
    type: 'change_password',
    to: stored.user.email,
    user_id: stored.user.user_id,
    link: `${services.urls.url}/lo/reset?ticket=${secret}`,
    ticket: secret,
    reason: 'change_password',
    sent_at: new Date().toISOString(),
  });
  const client = clientId ? services.state.clients.get(clientId) : undefined;
  services.logs.passwordChangeRequested(
    { ...originOf(ctx), ...(client ? { clientId: client.client_id, clientName: client.name } : {}) },
    { user: stored.user, connectionId: stored.connectionId },
  );
}

export const dbConnectionRoutes: RouteDefinition[] = [
  { method: 'POST', template: '/dbconnections/change_password', kind: 'authentication', handler: changePassword },
];
