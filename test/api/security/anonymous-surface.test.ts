// What a caller without a token can learn or spend through the API port: /health and /ready say ok or
// not ok and nothing more (the detail stays on METRICS_PORT), operation names it invents never become
// metric labels, and with introspection off validation errors suggest no field names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { parsePrometheusText } from '../../helpers/prometheus-text.ts';

describe('the API port to anonymous callers', () => {
  let gateway: TestGateway;
  let opsUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false, metricsPort: 0, limits: { introspection: false } });
    opsUrl = `http://127.0.0.1:${await gateway.composition.serveOps()}`;
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const post = async (body: object, authorization?: string) => {
    const response = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { errors?: { message: string }[] };
  };

  it('answers /health and /ready with a bare status; METRICS_PORT keeps the detail', async () => {
    const health = await gateway.app.fetch('http://gateway.test/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await gateway.app.fetch('http://gateway.test/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });

    expect(await (await fetch(`${opsUrl}/health`)).json()).toEqual({ status: 'ok', identityProvider: `Auth0 EMULATOR at ${gateway.emulator.url}` });
    expect(await (await fetch(`${opsUrl}/ready`)).json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } }, reasons: [] });
  });

  it('answers a failing /ready 503 without naming what fails', async () => {
    const prisma = gateway.prisma as unknown as { $queryRaw: unknown };
    const original = prisma.$queryRaw;
    prisma.$queryRaw = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }));
    try {
      const ready = await gateway.app.fetch('http://gateway.test/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready' });
      expect((await fetch(`${opsUrl}/ready`)).status).toBe(503);
    } finally {
      prisma.$queryRaw = original;
    }
  });

  it('labels GraphQL metrics of callers without a token with one fixed value, whatever operation name they send', async () => {
    const invented = Array.from({ length: 5 }, (_, index) => `Probe${index}${Date.now().toString(36)}`);
    for (const name of invented) await post({ query: `query ${name} { roles { role } }`, operationName: name });
    await post({ query: 'query NamedByAdmin { roles { role } }' }, `Bearer ${await gateway.tokenFor('admin')}`);

    const samples = parsePrometheusText(await (await fetch(`${opsUrl}/metrics`)).text());
    const names = new Set(samples.filter((sample) => sample.name.startsWith('graphql_operation')).map((sample) => sample.labels.operation_name));
    for (const name of invented) expect(names).not.toContain(name);
    expect(names).toContain('unauthenticated');
    expect(names).toContain('NamedByAdmin');
  });

  it('suggests no field names in validation errors when introspection is off', async () => {
    const body = await post({ query: '{ employes(first: 1) { edges { node { id } } } }' }, `Bearer ${await gateway.tokenFor('admin')}`);
    expect(body.errors?.[0]?.message).toMatch(/^Cannot query field "employes" on type "Query"\.?$/);
    expect(JSON.stringify(body)).not.toMatch(/Did you mean/);
  });
});
