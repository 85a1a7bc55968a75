// Bad input gets Auth0's status and JSON body, never a crash; discovery documents; the control API.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.ts';
import { api, decodeJwt, sdk, startTestEmulator, TEST_CALLER_ROLES, useTestEmulator } from './helpers.ts';

const t = useTestEmulator({ callerRoles: TEST_CALLER_ROLES });

describe('malformed requests', () => {
  it('answers malformed JSON with 400 and a non-JSON content type with 415', async () => {
    const malformed = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, body: '{"connection":', headers: { 'content-type': 'application/json' } });
    expect(malformed.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Invalid request payload JSON format' });
    const text = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, body: 'connection=x', headers: { 'content-type': 'text/plain' } });
    expect(text.body).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'Unsupported Media Type' });
    const noBody = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token });
    expect([noBody.status, noBody.body.errorCode]).toEqual([400, 'invalid_body']);
  });

  it('answers unknown routes and methods with 404 JSON', async () => {
    for (const [method, path] of [['GET', '/api/v2/nothing'], ['PUT', '/api/v2/users/auth0%7C1'], ['GET', '/'], ['GET', '//double']]) {
      const response = await api(t.emulator, method!, path!, { token: t.token });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Not Found' });
    }
  });

  it('answers a body over 1 MB with 413 and a very long URL with 414', async () => {
    const huge = JSON.stringify({ connection: 'x', user_metadata: { blob: 'x'.repeat(1_100_000) } });
    const tooLarge = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, body: huge, headers: { 'content-type': 'application/json' } });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Request Entity Too Large' });
    const tooLong = await api(t.emulator, 'GET', `/api/v2/users?q=${'a'.repeat(9000)}`, { token: t.token });
    expect(tooLong.status).toBe(414);
    // The emulator is still fine afterwards.
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
  });

  it('answers a bad percent-encoding in an id with 400 and keeps ids with | working', async () => {
    const bad = await api(t.emulator, 'GET', '/api/v2/users/%E0%A4%A', { token: t.token });
    expect([bad.status, bad.body.statusCode]).toEqual([400, 400]);
    const encoded = await api(t.emulator, 'GET', '/api/v2/users/auth0%7C000000000000000000000000', { token: t.token });
    expect(encoded.body.errorCode).toBe('inexistent_user');
  });

  it('survives a client that disconnects mid-body', async () => {
    const { port } = new URL(t.emulator.url);
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v2/users', headers: { 'content-type': 'application/json', 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"connection":');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
  });
});

describe('discovery documents', () => {
  it('publishes the OpenID configuration and the JWKS the tokens are signed with', async () => {
    const config = await api(t.emulator, 'GET', '/.well-known/openid-configuration');
    expect(config.body).toMatchObject({
      issuer: t.emulator.issuer,
      jwks_uri: `${t.emulator.url}/.well-known/jwks.json`,
      token_endpoint: `${t.emulator.url}/oauth/token`,
    });
    const jwks = await api(t.emulator, 'GET', '/.well-known/jwks.json');
    expect(jwks.body.keys).toHaveLength(1);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });
});

describe('control API', () => {
  it('validates config patches and merges them per top-level key', async () => {
    const invalid = await api(t.emulator, 'PUT', '/__emulator/config', { json: { preset: 'gold', latency: { fixedMs: -1 } } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/preset/);
    expect(invalid.body.message).toMatch(/latency\.fixedMs/);
    const unknownKey = await api(t.emulator, 'PUT', '/__emulator/config', { json: { presett: 'free' } });
    expect(unknownKey.status).toBe(400);
    const unknownRoute = await api(t.emulator, 'PUT', '/__emulator/config', { json: { errorRate: { rate: 1, routes: ['POST /api/v2/usrs'] } } });
    expect(unknownRoute.body.message).toMatch(/unknown route/);

    const merged = await t.control.configure({ searchLagMs: 250, latency: { fixedMs: 5, jitterMs: 0 } });
    expect(merged).toMatchObject({ searchLagMs: 250, latency: { fixedMs: 5, jitterMs: 0 }, preset: 'off', tokenLifetimeSec: 86400 });
    const again = await t.control.configure({ tokenLifetimeSec: 60 });
    expect(again).toMatchObject({ searchLagMs: 250, tokenLifetimeSec: 60 });
    expect(() => t.emulator.configure({ timeScale: -1 })).toThrow(/timeScale/);
  });

  it('reset restores the seeded tenant and the initial config, and clears the logs', async () => {
    const client = sdk(t.emulator);
    await client.roles.create({ name: 'temporary' });
    await client.users.create({ connection: 'Username-Password-Authentication', email: 'reset.me@warehouse-example.com', password: 'Tr0ub4dor&3-Horse' });
    await t.control.configure({ searchLagMs: 9999 });
    await t.control.reset();
    expect(await t.control.users()).toEqual([]);
    expect(await t.control.emails()).toEqual([]);
    expect((await t.control.requests()).total).toBe(0);
    expect((await t.control.config()).searchLagMs).toBe(0);
    expect((await client.roles.list()).data.map((role) => role.name)).not.toContain('temporary');
    // The signing key survives a reset, so a client's cached token keeps working.
    expect((await t.control.requests()).counts['POST /oauth/token']).toBeUndefined();
  });

  it('mints caller tokens for the gateway API with the permissions of the caller-role table', async () => {
    const lead = await t.control.mintToken({ sub: 'auth0|lead-1', roles: ['lead'], expiresIn: 600 });
    const claims = decodeJwt(lead);
    expect(claims).toMatchObject({
      iss: t.emulator.issuer,
      aud: t.emulator.apiAudience,
      sub: 'auth0|lead-1',
      permissions: ['read:self', 'read:team'],
      'https://employee-gateway/roles': ['lead'],
    });
    expect(claims.exp - claims.iat).toBe(600);
    const both = decodeJwt(await t.control.mintToken({ sub: 'a', roles: ['admin', 'associate'] }));
    expect(both.permissions).toEqual(['read:self', 'read:team', 'write:team', 'read:audit']);
    const explicit = decodeJwt(await t.control.mintToken({ sub: 'b', permissions: ['read:audit'] }));
    expect(explicit.permissions).toEqual(['read:audit']);
    const unknownRole = await api(t.emulator, 'POST', '/__emulator/tokens', { json: { sub: 'x', roles: ['ceo'] } });
    expect([unknownRole.status, unknownRole.body.message]).toEqual([400, 'Unknown role(s): ceo; known roles: associate, lead, admin']);
    expect(t.emulator.callerRoles).toEqual(['associate', 'lead', 'admin']);
    const seeds = await t.control.seeds();
    expect(seeds.resourceServers.find((server) => server.identifier === t.emulator.apiAudience)).toMatchObject({ scopes: ['read:self', 'read:team', 'write:team', 'read:audit'] });
  });

  it('without a caller-role table refuses tokens by role and still mints them with explicit permissions', async () => {
    const { emulator, control } = await startTestEmulator();
    try {
      const byRole = await api(emulator, 'POST', '/__emulator/tokens', { json: { sub: 'x', roles: ['admin'] } });
      expect(byRole.status).toBe(400);
      expect(byRole.body.message).toMatch(/no caller-role table .*callerRoles.*pass permissions instead/);
      const explicit = decodeJwt(await control.mintToken({ sub: 'b', permissions: ['read:audit'] }));
      expect(explicit).toMatchObject({ sub: 'b', permissions: ['read:audit'] });
      expect(explicit['https://employee-gateway/roles']).toBeUndefined();
      expect(emulator.callerRoles).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('refuses to start with an invalid initial config', async () => {
    await expect(startEmulator({ port: 0, config: { searchLagMs: -5 } })).rejects.toThrow(/searchLagMs/);
  });
});
