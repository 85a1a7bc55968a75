// An Auth0 outage is visible: the SDK's failed connections are named by their network error (not
// "Auth0 answered without a status"), and /ready's Auth0 check turns unreachable when any call fails to
// connect, not only a token fetch (a cached token means Management API calls meet the outage first).
import { ManagementClient, ManagementError } from 'auth0';
import { describe, expect, it } from 'vitest';
import { freePort } from '../helpers/gateway-process.ts';
import { toIdentityError } from '../../src/auth0/auth0-identity-provider.ts';
import { unreachable } from '../../src/auth0/network-error.ts';
import { Auth0CredentialTracker, observedAuth0Fetch } from '../../src/observability/auth0-http-observer.ts';

describe('Auth0 outage', () => {
  it('names the network error of a Management API call that could not connect', async () => {
    const port = await freePort();
    const client = new ManagementClient({
      domain: `127.0.0.1:${port}`,
      token: 'not-used',
      maxRetries: 0,
      fetch: ((input: string | URL | Request, init?: RequestInit) =>
        fetch(String(input instanceof Request ? input.url : input).replace('https://', 'http://'), init)) as typeof fetch,
    });
    const error = await client.users.get('auth0|someone').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect(toIdentityError(error)).toMatchObject({ kind: 'transient', message: 'Auth0 unreachable (ECONNREFUSED)' });
  });

  it('says timed out or TLS when that is what happened', () => {
    expect(unreachable(new TypeError('fetch failed', { cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } }))).toBe('Auth0 unreachable (timed out, UND_ERR_CONNECT_TIMEOUT)');
    expect(unreachable(new TypeError('fetch failed', { cause: { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } }))).toBe('Auth0 unreachable (TLS failed, DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(unreachable(new Error('no code here'))).toBe('Auth0 unreachable');
  });

  it('a Management API call that cannot connect makes the Auth0 check unreachable; the next answer clears it', async () => {
    const credentials = new Auth0CredentialTracker();
    credentials.record({ state: 'accepted', at: new Date() });
    let down = true;
    const send = (async () => {
      if (down) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      return new Response('[]', { status: 200 });
    }) as unknown as typeof fetch;
    const observed = observedAuth0Fetch(send, { credentials });
    await expect(observed('https://tenant.example/api/v2/roles')).rejects.toThrow('fetch failed');
    expect(credentials.current).toMatchObject({ state: 'unreachable', detail: 'Auth0 unreachable (ECONNREFUSED)' });
    down = false;
    await observed('https://tenant.example/api/v2/roles');
    expect(credentials.current).toMatchObject({ state: 'accepted' });
  });
});
