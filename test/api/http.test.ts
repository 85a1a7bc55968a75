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

  it('answers /health as a liveness check; the ops port names the Auth0 it talks to', async () => {
    const response = await gateway.app.fetch('http://gateway.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(await (await gateway.opsFetch('/health')).json()).toEqual({ status: 'ok', identityProvider: `Auth0 EMULATOR at ${gateway.emulator.url}` });
  });

  // Masking of unexpected errors is tested in security/graphql-limits.test.ts (a gateway with a broken database).
  const employeeQuery = (id: string) => JSON.stringify({ query: `{ employee(id: "${id}") { id } }` });

  it('answers a string that is not a global id with a plain GraphQL error, no internals', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('admin')}` },
      body: employeeQuery('bm90LWEtZ2xvYmFsLWlk'), // base64 of "not-a-global-id"
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: unknown }[] };
    expect(body.data).toEqual({ employee: null });
    expect(body.errors?.map((error) => error.message)).toEqual(['Invalid global ID: bm90LWEtZ2xvYmFsLWlk']);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it('answers node(id) of an employee that does not exist with null and no error', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('admin')}` },
      body: JSON.stringify({
        query: `{ node(id: "${Buffer.from(`Employee:${crypto.randomUUID()}`).toString('base64')}") { id } }`,
      }),
    });
    expect(await response.json()).toEqual({ data: { node: null } });
  });

  it('answers an anonymous caller UNAUTHENTICATED, without internals', async () => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: employeeQuery(Buffer.from('Employee:00000000-0000-0000-0000-000000000000').toString('base64')),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.data).toEqual({ employee: null });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });
});
