// POST /oauth/token (client-credentials, https://auth0.com/docs/api/authentication/client-credential-flow/get-token) and the
// Management API's bearer check (error bodies observed).
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ManagementError } from 'auth0';
import { api, decodeJwt, managementToken, sdk, sleep, TEST_CALLER_ROLES, useTestEmulator } from './helpers.ts';

const t = useTestEmulator({ token: false, callerRoles: TEST_CALLER_ROLES });

function tokenRequest(body: string, contentType: string, headers: Record<string, string> = {}) {
  return api(t.emulator, 'POST', '/oauth/token', { body, headers: { 'content-type': contentType, ...headers } });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('POST /oauth/token', () => {
  it('issues an RS256 client-credentials token from a form body, verifiable with the published JWKS', async () => {
    const { emulator } = t;
    const response = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: emulator.managementAudience }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86400,
      scope: expect.stringContaining('create:users'),
    });
    expect(response.body.scope.split(' ')).toEqual(
      expect.arrayContaining(['read:users', 'create:users', 'update:users', 'delete:users', 'read:roles', 'create:role_members', 'create:user_tickets']),
    );

    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(response.body.access_token, jwks, {
      issuer: emulator.issuer,
      audience: emulator.managementAudience,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: `${emulator.clientId}@clients`, gty: 'client-credentials', azp: emulator.clientId, scope: response.body.scope });
    expect(payload.exp! - payload.iat!).toBe(86400);
  });

  it('accepts a JSON body and HTTP Basic client authentication', async () => {
    const { emulator } = t;
    const json = await tokenRequest(
      JSON.stringify({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: emulator.managementAudience }),
      'application/json',
    );
    expect(json.status).toBe(200);

    const basic = Buffer.from(`${encodeURIComponent(emulator.clientId)}:${encodeURIComponent(emulator.clientSecret)}`).toString('base64');
    const viaBasic = await tokenRequest(form({ grant_type: 'client_credentials', audience: emulator.managementAudience }), 'application/x-www-form-urlencoded', {
      authorization: `Basic ${basic}`,
    });
    expect(viaBasic.status).toBe(200);
    expect(decodeJwt(viaBasic.body.access_token).sub).toBe(`${emulator.clientId}@clients`);
  });

  it('narrows the scopes to a requested subset and honours the configured lifetime', async () => {
    const { emulator } = t;
    await t.control.configure({ tokenLifetimeSec: 120 });
    const response = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: emulator.managementAudience, scope: 'read:users bogus:scope' }),
      'application/x-www-form-urlencoded',
    );
    expect(response.body.scope).toBe('read:users');
    expect(response.body.expires_in).toBe(120);
    const claims = decodeJwt(response.body.access_token);
    expect(claims.exp - claims.iat).toBe(120);
  });

  it('answers Auth0\'s documented errors for bad credentials, audience, grant and grant type', async () => {
    const { emulator } = t;
    const base = { grant_type: 'client_credentials', client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: emulator.managementAudience };
    const post = (fields: Record<string, string>) => tokenRequest(form(fields), 'application/x-www-form-urlencoded');

    const wrongSecret = await post({ ...base, client_secret: 'nope' });
    expect([wrongSecret.status, wrongSecret.body]).toEqual([401, { error: 'access_denied', error_description: 'Unauthorized' }]);
    const unknownClient = await post({ ...base, client_id: 'unknown' });
    expect([unknownClient.status, unknownClient.body.error]).toEqual([401, 'access_denied']);

    const unknownAudience = await post({ ...base, audience: 'https://nowhere.example/api' });
    expect([unknownAudience.status, unknownAudience.body]).toEqual([
      403,
      { error: 'access_denied', error_description: 'Service not enabled within domain: https://nowhere.example/api' },
    ]);

    // The gateway API exists, but the gateway client has no grant for it.
    const noGrant = await post({ ...base, audience: emulator.apiAudience });
    expect(noGrant.status).toBe(403);
    expect(noGrant.body.error).toBe('access_denied');
    expect(noGrant.body.error_description).toBe(
      `Client "${emulator.clientId}" is not authorized to access resource server "${emulator.apiAudience}". You need to create a "client-grant" associated to this API.`,
    );

    const spa = await t.control.createClient({ grant_types: ['authorization_code'], grants: [{ audience: emulator.managementAudience, scope: ['read:users'] }] });
    const wrongGrantType = await post({ ...base, client_id: spa.client_id, client_secret: spa.client_secret! });
    expect([wrongGrantType.status, wrongGrantType.body]).toEqual([
      403,
      {
        error: 'unauthorized_client',
        error_description: "Grant type 'client_credentials' not allowed for the client.",
        error_uri: 'https://auth0.com/docs/clients/client-grant-types',
      },
    ]);

    const noGrantType = await post({ client_id: emulator.clientId, client_secret: emulator.clientSecret, audience: emulator.managementAudience });
    expect([noGrantType.status, noGrantType.body.error]).toEqual([400, 'invalid_request']);
    const wrongType = await tokenRequest('grant_type=client_credentials', 'text/plain');
    expect([wrongType.status, wrongType.body.error]).toEqual([400, 'invalid_request']);
  });

  it('accepts the plain-HTTP spelling of the Management API audience too', async () => {
    const token = await tokenRequest(
      form({ grant_type: 'client_credentials', client_id: t.emulator.clientId, client_secret: t.emulator.clientSecret, audience: `${t.emulator.url}/api/v2/` }),
      'application/x-www-form-urlencoded',
    );
    expect(token.status).toBe(200);
    const users = await api(t.emulator, 'GET', '/api/v2/users', { token: token.body.access_token });
    expect(users.status).toBe(200);
  });
});

describe('Management API bearer check', () => {
  it('rejects a missing, malformed, forged, foreign-audience or expired token with Auth0\'s bodies', async () => {
    const { emulator } = t;
    const missing = await api(emulator, 'GET', '/api/v2/users');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', attributes: { error: missing.body.message } });

    const malformed = await api(emulator, 'GET', '/api/v2/users', { headers: { authorization: 'Token abc' } });
    expect([malformed.status, malformed.body.message]).toEqual([400, 'Bad HTTP authentication header format']);

    const garbage = await api(emulator, 'GET', '/api/v2/users', { token: 'not-a-jwt' });
    expect([garbage.status, garbage.body.message]).toEqual([401, 'Invalid token']);

    const real = await managementToken(emulator);
    const [header, payload] = real.split('.');
    const forged = `${header}.${payload}.${Buffer.from('x'.repeat(256)).toString('base64url')}`;
    const badSignature = await api(emulator, 'GET', '/api/v2/users', { token: forged });
    expect(badSignature.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Invalid signature received for JSON Web Token validation',
      attributes: { error: 'Invalid signature received for JSON Web Token validation' },
    });

    const callerToken = await t.control.mintToken({ sub: 'auth0|someone', roles: ['admin'] });
    const foreign = await api(emulator, 'GET', '/api/v2/users', { token: callerToken });
    expect(foreign.status).toBe(401);

    await t.control.configure({ tokenLifetimeSec: 1 });
    const shortLived = await managementToken(emulator);
    await sleep(1100);
    const expired = await api(emulator, 'GET', '/api/v2/users', { token: shortLived });
    expect(expired.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Expired token received for JSON Web Token validation',
      attributes: { error: 'Expired token received for JSON Web Token validation' },
    });
  });

  it('answers 403 insufficient_scope when the token lacks every scope the endpoint accepts', async () => {
    const readOnly = await managementToken(t.emulator, 'read:users');
    expect((await api(t.emulator, 'GET', '/api/v2/users', { token: readOnly })).status).toBe(200);
    const denied = await api(t.emulator, 'POST', '/api/v2/users', { token: readOnly, json: { connection: 'x' } });
    expect(denied.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Insufficient scope, expected any of: create:users',
      errorCode: 'insufficient_scope',
    });
  });
});

describe('the SDK against the token endpoint', () => {
  it('fetches one token for many calls', async () => {
    const client = sdk(t.emulator);
    await Promise.all([client.roles.list(), client.roles.list(), client.users.list()]);
    await client.roles.list();
    const log = await t.control.requests();
    expect(log.counts['POST /oauth/token']).toBe(1);
    expect(log.counts['GET /api/v2/roles']).toBe(3);
  });

  it('refreshes the token once it is within 10 s of expiry', async () => {
    // 11 s lifetime: the SDK considers it stale 1 s after issue (it refreshes 10 s early).
    await t.control.configure({ tokenLifetimeSec: 11 });
    const client = sdk(t.emulator);
    await client.roles.list();
    await client.roles.list();
    expect((await t.control.requests()).counts['POST /oauth/token']).toBe(1);
    await sleep(1200);
    await client.roles.list();
    expect((await t.control.requests()).counts['POST /oauth/token']).toBe(2);
  });

  it('surfaces a wrong secret as a 401 ManagementError carrying Auth0\'s body', async () => {
    const client = sdk(t.emulator, { clientSecret: 'wrong' });
    const error = await client.roles.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).statusCode).toBe(401);
    expect((error as ManagementError).body).toEqual({ error: 'access_denied', error_description: 'Unauthorized' });
  });
});
