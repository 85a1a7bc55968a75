// Cross-origin callers: only listed front-end origins get CORS headers, and credentials only when asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/env.ts';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';

const CONSOLE = 'https://console.warehouse.example';

async function preflight(gateway: TestGateway, origin: string): Promise<Headers> {
  const response = await gateway.app.fetch('http://gateway.test/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
  return response.headers;
}

describe('CORS', () => {
  let listed: TestGateway;
  let credentialed: TestGateway;

  beforeAll(async () => {
    listed = await startTestGateway({ workers: false, cors: { origins: [CONSOLE], allowCredentials: false } });
    credentialed = await startTestGateway({ workers: false, cors: { origins: [CONSOLE], allowCredentials: true } });
  });
  afterAll(async () => {
    await listed?.close();
    await credentialed?.close();
  });

  it('gives a listed origin CORS headers without credentials, and an unlisted one none at all', async () => {
    const allowed = await preflight(listed, CONSOLE);
    expect(allowed.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(allowed.get('access-control-allow-headers')).toContain('authorization');
    expect(allowed.get('access-control-allow-credentials')).toBeNull();

    const refused = await preflight(listed, 'https://evil.example.com');
    expect(refused.get('access-control-allow-origin')).toBeNull();
    expect(refused.get('access-control-allow-credentials')).toBeNull();

    const post = await listed.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ roles { name } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows credentials only when configured, and only for a listed origin', async () => {
    expect((await preflight(credentialed, CONSOLE)).get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(credentialed, 'https://evil.example.com')).get('access-control-allow-credentials')).toBeNull();
  });

  it('defaults to no cross-origin caller in production and to the gateway\'s own origins in development', () => {
    const production = loadEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/x', AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 's', AUTH_AUDIENCE: 'https://api' });
    expect(production.cors).toEqual({ origins: [], allowCredentials: false });
    expect(loadEnv({ PORT: '4000' }).cors.origins).toEqual(['http://localhost:4000', 'http://127.0.0.1:4000']);
    expect(loadEnv({ NODE_ENV: 'production', CORS_ORIGINS: `${CONSOLE}, https://admin.example`, DATABASE_URL: 'postgresql://db/x', AUTH0_DOMAIN: 't.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 's', AUTH_AUDIENCE: 'https://api' }).cors.origins).toEqual([CONSOLE, 'https://admin.example']);
    expect(() => loadEnv({ CORS_ORIGINS: 'https://console.example/path' })).toThrow(/CORS_ORIGINS.*must be origins/);
  });
});
