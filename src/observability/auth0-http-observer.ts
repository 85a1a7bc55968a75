// Watches every request the auth0 SDK sends, at the fetch it was given: the token endpoint (the SDK
// fetches and refreshes its client-credentials token itself, so this is the only place each fetch is
// seen), Management API errors and 429s. It also remembers whether Auth0 accepted the credentials at
// the last token fetch, for /ready.
import { unreachable } from '../auth0/network-error.ts';
import type { GatewayMetrics } from './metrics.ts';

export type CredentialState =
  | { state: 'unknown' }
  | { state: 'accepted'; at: Date }
  /** Auth0 answered the token request with an error status; `detail` names status and error code only. */
  | { state: 'rejected' | 'failing' | 'unreachable'; at: Date; detail: string };

/** The outcome of the last client-credentials token fetch (no token is ever kept here). */
export class Auth0CredentialTracker {
  #current: CredentialState = { state: 'unknown' };

  get current(): CredentialState {
    return this.#current;
  }

  record(state: CredentialState): void {
    this.#current = state;
  }
}

const KNOWN_LITERALS = new Set(['verification-email', 'users-imports', 'users-exports', 'permissions', 'roles', 'users', 'logs']);

/** `POST /api/v2/users/auth0|abc/roles` -> `POST /api/v2/users/:id/roles`: a bounded label, never a raw URL. */
export function routeTemplate(method: string, url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return `${method} other`;
  }
  if (path === '/oauth/token') return `${method} /oauth/token`;
  if (!path.startsWith('/api/v2/')) return `${method} other`;
  const segments = path.slice('/api/v2/'.length).split('/').filter(Boolean);
  const templated = segments.map((segment, index) => {
    if (index % 2 === 0) return /^[a-z][a-z0-9_-]{0,40}$/.test(segment) ? segment : 'other';
    return KNOWN_LITERALS.has(segment) ? segment : ':id';
  });
  return `${method} /api/v2/${templated.slice(0, 4).join('/')}`;
}

/** An Auth0 error code as a label: only code-like strings (`auth0_idp_error`, `access_denied`), else `none`. */
function errorCodeOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'none';
  const { errorCode, error } = body as { errorCode?: unknown; error?: unknown };
  const code = typeof errorCode === 'string' ? errorCode : typeof error === 'string' ? error : null;
  return code && /^[a-z][a-z0-9_.:-]{0,63}$/i.test(code) && !code.includes(' ') ? code : 'none';
}

function systemCodeOf(error: unknown): string | null {
  const code = (error as { cause?: { code?: unknown }; code?: unknown } | null)?.cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : null;
}

export function observedAuth0Fetch(send: typeof fetch, observers: { metrics?: GatewayMetrics; credentials?: Auth0CredentialTracker }): typeof fetch {
  const { metrics, credentials } = observers;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const route = routeTemplate(method, url);
    const isToken = route === 'POST /oauth/token';
    const started = performance.now();
    let response: Response;
    try {
      response = await send(input, init);
      if (route === 'POST /api/v2/users') metrics?.userCreationDuration.observe((performance.now() - started) / 1000);
    } catch (error) {
      const code = systemCodeOf(error);
      metrics?.apiRequests.inc({ route, status_class: 'none' });
      metrics?.apiErrors.inc({ status: 'none', error_code: code ?? 'none', route });
      if (isToken) metrics?.tokenRefreshes.inc({ status: 'unreachable' });
      // Any call that cannot connect, not only a token fetch: with a cached token, Management API calls are
      // what meets an outage first, and /ready must say so.
      credentials?.record({ state: 'unreachable', at: new Date(), detail: unreachable(error) });
      throw error;
    }
    // Reached again: an outage seen by a call ends with the next answer (credentials are judged at token fetches).
    if (!isToken && credentials?.current.state === 'unreachable') credentials.record({ state: 'accepted', at: new Date() });
    const status = response.status;
    metrics?.apiRequests.inc({ route, status_class: `${Math.floor(status / 100)}xx` });
    if (status === 429) metrics?.rateLimited.inc({ route });
    let errorCode = 'none';
    if (status >= 400) {
      errorCode = errorCodeOf(await response.clone().json().catch(() => null));
      metrics?.apiErrors.inc({ status: String(status), error_code: errorCode, route });
    }
    if (isToken) {
      const outcome = status < 400 ? 'success' : status === 401 || status === 403 ? 'rejected' : 'failure';
      metrics?.tokenRefreshes.inc({ status: outcome });
      credentials?.record(
        outcome === 'success'
          ? { state: 'accepted', at: new Date() }
          : {
              state: outcome === 'rejected' ? 'rejected' : 'failing',
              at: new Date(),
              detail: `Auth0 ${outcome === 'rejected' ? 'rejected the client credentials' : 'token endpoint failed'} (${status}${errorCode !== 'none' ? ` ${errorCode}` : ''})`,
            },
      );
    }
    return response;
  };
}
