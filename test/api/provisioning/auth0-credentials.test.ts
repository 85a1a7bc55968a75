// A 401 from the Management API: one fresh token and one retry; credentials still rejected keep the
// work PENDING (AUTH0_CREDENTIALS_REJECTED), retried by the queue, loud once in the log and visible in
// /ready (503 with the reason), until the secret is right again. Over HTTP against PostgreSQL and the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateEmployeeIdempotentDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

describe('Auth0 credentials rejected', () => {
  let gateway: TestGateway;
  const logLines: string[] = [];
  const tokenRequests: number[] = [];

  const countingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.endsWith('/oauth/token')) tokenRequests.push(Date.now());
    return fetch(request);
  };

  beforeAll(async () => {
    gateway = await startTestGateway({
      logDestination: { write: (line: string) => void logLines.push(line) },
      logLevel: 'info',
      auth0Fetch: countingFetch,
      provisioning: { waitMs: 1500 },
      retry: { limit: 20, delaySeconds: 1, delayMaxSeconds: 1 },
      onboardingEmail: 'verify',
    });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
  });

  async function create(prefix: string) {
    const email = uniqueEmail(prefix);
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeIdempotentDocument, variables: { input: { name: 'Key Holder', email, department: 'Picking' } } }),
    ).createEmployee;
    if (result.__typename !== 'CreateEmployeePayload') throw new Error(`expected a payload, got ${JSON.stringify(result)}`);
    return result.employee;
  }

  const ready = async () => {
    const response = await gateway.opsFetch('/ready');
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, unknown>; reasons: string[] } };
  };
  const rejectionLogs = () =>
    logLines.map((line) => JSON.parse(line) as { level: number; reason?: string; msg: string }).filter((line) => line.reason === 'AUTH0_CREDENTIALS_REJECTED');

  it('a token revoked mid-run costs one fresh token and the call succeeds', async () => {
    expect((await create('warm')).auth0SyncStatus).toBe('CREATED');
    const tokensBefore = tokenRequests.length;
    await gateway.control.invalidateTokens();

    const employee = await create('after-revocation');
    expect(employee.auth0SyncStatus).toBe('CREATED');
    expect(tokenRequests.length - tokensBefore).toBe(1);
    const statuses = (await gateway.control.requests()).statuses['POST /api/v2/users'] ?? {};
    expect(statuses['401']).toBe(1);
    expect(statuses['201']).toBeGreaterThanOrEqual(2);
    expect(rejectionLogs()).toEqual([]);
    expect((await ready()).body.checks.auth0).toEqual({ ok: true });
  });

  it('a rotated secret leaves the employee PENDING with AUTH0_CREDENTIALS_REJECTED, loud once, in /ready, then recovers', { timeout: 60_000 }, async () => {
    const { client_secret: rotated } = await gateway.control.rotateClientSecret(gateway.emulator.clientId);
    await gateway.control.invalidateTokens();

    const employee = await create('rotated');
    expect(employee).toMatchObject({ auth0SyncStatus: 'PENDING', auth0SyncFailureReason: 'AUTH0_CREDENTIALS_REJECTED' });
    expect(employee.auth0SyncError).toMatch(/^AUTH0_CREDENTIALS_REJECTED: /);
    const row = await gateway.prisma.employee.findUniqueOrThrow({ where: { email: employee.email } });
    expect(row.auth0UserId).toBeNull();

    // /ready says why this process cannot work; /health (liveness) stays 200.
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(notReady.body.reasons).toEqual(['auth0: Auth0 rejected the client credentials (401 access_denied)']);
    expect((await gateway.app.fetch('http://gateway.test/health')).status).toBe(200);

    // The queue keeps retrying (several more 401s from the token endpoint) but says it once, at error level.
    await expect.poll(async () => (await gateway.control.requests()).statuses['POST /oauth/token']?.['401'] ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
    expect(rejectionLogs().map((line) => line.level)).toEqual([50]);
    const logs = logLines.join('\n');
    expect(logs).not.toContain(gateway.emulator.clientSecret);
    expect(logs).not.toContain(rotated);
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { id: row.id } })).auth0SyncStatus).toBe('PENDING');

    // The operator puts the right secret back: the next retry goes through.
    await gateway.control.rotateClientSecret(gateway.emulator.clientId, gateway.emulator.clientSecret);
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { id: row.id } })).auth0SyncStatus, { timeout: 20_000, interval: 200 }).toBe('CREATED');
    const settled = await gateway.prisma.employee.findUniqueOrThrow({ where: { id: row.id } });
    expect(settled).toMatchObject({ auth0SyncError: null, auth0SyncFailureReason: null });
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(rejectionLogs()).toHaveLength(1);
    expect(logLines.some((line) => line.includes('accepts the gateway credentials again'))).toBe(true);
  });
});
