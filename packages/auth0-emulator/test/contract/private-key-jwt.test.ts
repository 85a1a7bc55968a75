// private_key_jwt at POST /oauth/token (RFC 7523; https://auth0.com/docs/get-started/authentication-and-authorization-flow/authenticate-with-private-key-jwt):
// the official SDK authenticates with a signing key alone, and every malformed, foreign, stale or replayed
// assertion is refused with the token endpoint's 401.
import { ManagementClient } from 'auth0';
import { exportPKCS8, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, rewritingFetch, useTestEmulator } from './helpers.ts';

const t = useTestEmulator({ token: false });
const BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

let privateKey: CryptoKey;
let privatePem: string;
let publicPem: string;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  privatePem = await exportPKCS8(pair.privateKey);
  publicPem = await exportSPKI(pair.publicKey);
  otherKey = (await generateKeyPair('RS256')).privateKey;
});

async function keyClient(): Promise<string> {
  const client = await t.control.createClient({
    public_keys: [{ pem: publicPem }],
    grants: [{ audience: t.emulator.managementAudience, scope: ['read:users'] }],
  });
  expect(client.client_secret).toBeUndefined();
  return client.client_id;
}

function assertion(clientId: string, overrides: { key?: CryptoKey; aud?: string; iss?: string; exp?: number; jti?: string | null; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(overrides.jti === null ? {} : { jti: overrides.jti ?? crypto.randomUUID() })
    .setProtectedHeader({ alg: overrides.alg ?? 'RS256' })
    .setIssuer(overrides.iss ?? clientId)
    .setSubject(clientId)
    .setAudience(overrides.aud ?? `https://${t.emulator.domain}/`)
    .setIssuedAt(now)
    .setExpirationTime(overrides.exp ?? now + 60);
  return jwt.sign(overrides.key ?? privateKey);
}

function tokenWith(clientId: string, clientAssertion: string, extra: Record<string, string> = {}) {
  return api(t.emulator, 'POST', '/oauth/token', {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      audience: t.emulator.managementAudience,
      client_assertion_type: BEARER,
      client_assertion: clientAssertion,
      ...extra,
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('private_key_jwt client authentication', () => {
  it('lets the official SDK call the Management API with a signing key and no secret', async () => {
    const clientId = await keyClient();
    const client = new ManagementClient({
      domain: t.emulator.domain,
      clientId,
      clientAssertionSigningKey: privatePem,
      fetch: rewritingFetch(t.emulator),
      maxRetries: 0,
      telemetry: false,
    });
    const page = await client.users.list();
    expect(page.data).toEqual([]);
  });

  it('issues a token for a valid assertion, once per jti', async () => {
    const clientId = await keyClient();
    const signed = await assertion(clientId);
    const first = await tokenWith(clientId, signed);
    expect(first.status).toBe(200);
    expect(first.body.scope).toBe('read:users');
    const replay = await tokenWith(clientId, signed);
    expect([replay.status, replay.body]).toEqual([401, { error: 'access_denied', error_description: 'Invalid client assertion: jti has already been used' }]);
  });

  it('refuses assertions signed by another key, for another audience or issuer, expired, too long-lived or without jti', async () => {
    const clientId = await keyClient();
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, Promise<string>]> = [
      ['signature', assertion(clientId, { key: otherKey })],
      ['audience', assertion(clientId, { aud: 'https://another-tenant.example/' })],
      ['issuer', assertion(clientId, { iss: 'someone-else' })],
      ['expired', assertion(clientId, { exp: now - 60 })],
      ['lifetime', assertion(clientId, { exp: now + 3600 })],
      ['jti', assertion(clientId, { jti: null })],
    ];
    for (const [name, signed] of cases) {
      const response = await tokenWith(clientId, await signed);
      expect([name, response.status, response.body.error]).toEqual([name, 401, 'access_denied']);
      expect(response.body.error_description).toMatch(/client assertion/i);
    }
  });

  it('refuses a secret from a key client, an assertion for a secret client, and a wrong assertion type', async () => {
    const clientId = await keyClient();
    const withSecret = await api(t.emulator, 'POST', '/oauth/token', {
      json: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'anything', audience: t.emulator.managementAudience },
    });
    expect([withSecret.status, withSecret.body]).toEqual([401, { error: 'access_denied', error_description: 'Unauthorized' }]);

    const secretClient = await tokenWith(t.emulator.clientId, await assertion(t.emulator.clientId));
    expect([secretClient.status, secretClient.body.error]).toEqual([401, 'access_denied']);

    const wrongType = await tokenWith(clientId, await assertion(clientId), { client_assertion_type: 'urn:example:other' });
    expect([wrongType.status, wrongType.body.error]).toEqual([400, 'invalid_request']);
  });
});
