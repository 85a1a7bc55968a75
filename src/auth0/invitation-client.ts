// The invitation email through Auth0's own Authentication API SDK (@auth0/auth0-auth-js): `POST
// /dbconnections/change_password` {client_id, email, connection} makes Auth0 email the user a link to set
// their password (https://auth0.com/docs/api/authentication/change-password/change-password). It is the
// invitation pattern of https://auth0.com/docs/customize/email/send-email-invitations-for-application-signup:
// the response is only a confirmation text, so no link or ticket ever passes through the gateway.
import { AuthClient, ChangePasswordError } from '@auth0/auth0-auth-js';
import { IdentityError } from '../services/identity-provider.ts';
import { rewritingFetch } from './management-client.ts';

export interface InvitationSender {
  /** Throws IdentityError: 429 and 5xx are `transient` (429 with `retryAfterSeconds`), other answers `rejected`. */
  send(email: string): Promise<void>;
}

export interface InvitationSenderSettings {
  /** Bare host, as for the Management API. */
  domain: string;
  /** The application the email is sent for; it must be enabled on the database connection. */
  clientId: string;
  connection: string;
  timeoutSeconds: number;
  /** The emulator: rewrite https://<domain> to this plain-HTTP base URL, as the Management API client does. */
  rewriteToBaseUrl?: string;
  fetch?: typeof fetch;
}

export function createInvitationSender(settings: InvitationSenderSettings): InvitationSender {
  const base = settings.fetch ?? fetch;
  const send = settings.rewriteToBaseUrl ? rewritingFetch(`https://${settings.domain}`, settings.rewriteToBaseUrl, base) : base;
  const timed: typeof fetch = (input, init) => send(input, { ...init, signal: AbortSignal.timeout(settings.timeoutSeconds * 1000) });
  // No client secret: the change-password request is a public endpoint authenticated by client_id alone.
  const client = new AuthClient({ domain: settings.domain, clientId: settings.clientId, customFetch: timed });
  return {
    async send(email) {
      try {
        await client.database.changePassword({ email, connection: settings.connection });
      } catch (error) {
        throw toInvitationError(error);
      }
    },
  };
}

/** Messages carry Auth0's status and error text only, never the request (the email) or any link. */
export function toInvitationError(error: unknown): IdentityError {
  if (!(error instanceof ChangePasswordError)) return new IdentityError('transient', 'Auth0 change_password unreachable');
  const status = error.statusCode ?? null;
  if (status === null) {
    // The SDK's own checks (missing fields) have no status; a network failure says so.
    return /network error/i.test(error.message)
      ? new IdentityError('transient', 'Auth0 change_password unreachable')
      : new IdentityError('rejected', `Auth0 change_password refused: ${error.message}`);
  }
  const code = error.cause?.error ?? null;
  const message = `Auth0 answered ${status} to change_password${error.cause?.error_description ? `: ${error.cause.error_description}` : ''}`;
  if (status === 429) return new IdentityError('transient', message, status, code, retryAfterSeconds(error.headers));
  if (status === 408 || status >= 500) return new IdentityError('transient', message, status, code);
  return new IdentityError('rejected', message, status, code);
}

function retryAfterSeconds(headers: Headers | undefined): number | null {
  const retryAfter = Number(headers?.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.ceil(retryAfter);
  const reset = Number(headers?.get('x-ratelimit-reset'));
  if (Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - Date.now() / 1000));
  return null;
}
