import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

describe('HTTP surface', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('serves GraphiQL at /graphql to browsers, naming the emulator', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('graphiql');
    expect(html).toContain('Auth0 EMULATOR');
    // Self-contained: these machines (and many offices) cannot reach a CDN.
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:\/\/(?!127\.0\.0\.1)/i);
    expect(html).not.toContain('unpkg.com');
  });

  it('answers /health with the database state', async () => {
    const response = await gateway.app.fetch('http://gateway.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: 'ok',
      identityProvider: `Auth0 EMULATOR at ${gateway.emulator.url}`,
    });
  });

  it('masks unexpected errors instead of leaking internals', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ employee(id: "bm90LWEtZ2xvYmFsLWlk") { id } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toBeDefined();
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });
});
