// What a caller without a token can learn or spend through the API port: /health and /ready say ok or
// not ok and nothing more (the detail stays on METRICS_PORT).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';

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
});
