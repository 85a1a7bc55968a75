// GET /metrics after real work against the emulator: a creation, a 409 linked to its employee, 429s,
// token fetches; scraped over HTTP from METRICS_PORT and parsed. Label values stay in bounded sets.
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../../helpers/emulator.ts';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { parsePrometheusText, sumOf, type Sample } from '../../helpers/prometheus-text.ts';

describe('GET /metrics', () => {
  let emulator: RunningEmulator;
  let gateway: TestGateway;
  let metricsUrl: string;

  beforeAll(async () => {
    emulator = await startGatewayEmulator();
    // Short-lived Management API tokens: the SDK fetches a new one (10 s before expiry) for later calls.
    await new EmulatorControl(emulator.url).configure({ tokenLifetimeSec: 11 });
    gateway = await startTestGateway({ emulator, metricsPort: 0, maxRetries: 0, pacing: false, retry: { delaySeconds: 1, delayMaxSeconds: 1 } });
    const port = await gateway.composition.serveOps();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
  });

  const scrape = async (): Promise<Sample[]> => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  };
  const create = async (name: string) => {
    const data = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name, email: uniqueEmail('metrics'), department: 'Metrics' } } }),
    );
    if (data.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(data.createEmployee.__typename);
    return data.createEmployee.employee;
  };
  const settled = (email: string) =>
    expect
      .poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus, { timeout: 20_000, interval: 200 })
      .toBe('CREATED');

  it('is served on METRICS_PORT only, not next to the API', async () => {
    expect((await fetch(metricsUrl)).status).toBe(200);
    expect((await gateway.app.fetch('http://gateway.test/metrics')).status).toBe(404);
  });

  it('counts a creation, its Auth0 call time, the time to CREATED, the token fetch and the GraphQL operation', async () => {
    const before = await scrape();
    const employee = await create('Metrics Success');
    expect(employee.auth0SyncStatus).toBe('CREATED');
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sumOf(after, name, labels) - sumOf(before, name, labels);
    expect(delta('auth0_user_creation_total', { status: 'success' })).toBe(1);
    expect(delta('auth0_user_creation_duration_seconds_count')).toBe(1);
    expect(delta('provisioning_time_to_created_seconds_count')).toBe(1);
    expect(delta('graphql_operations_total', { operation_name: 'CreateEmployee', operation_type: 'mutation' })).toBe(1);
    expect(delta('graphql_operation_duration_seconds_count', { operation_name: 'CreateEmployee' })).toBe(1);
    expect(sumOf(after, 'auth0_token_refresh_total', { status: 'success' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'provisioning_employees', { status: 'CREATED' })).toBeGreaterThanOrEqual(1);
    expect(sumOf(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('counts a 409 whose user is the employee\'s own as conflict_linked, and the 500 before it as an API error', { timeout: 30_000 }, async () => {
    const before = await scrape();
    // The create commits in Auth0 but answers 500; the queue's retry gets 409 and links the user.
    await gateway.control.configure({ commitThenFail: { mode: 'status', status: 500, count: 1, routes: ['POST /api/v2/users'] } });
    const employee = await create('Metrics Conflict');
    await settled(employee.email);
    await gateway.control.configure({ commitThenFail: null });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sumOf(after, name, labels) - sumOf(before, name, labels);
    expect(delta('auth0_user_creation_total', { status: 'retryable_failure' })).toBe(1);
    expect(delta('auth0_user_creation_total', { status: 'conflict_linked' })).toBe(1);
    expect(delta('auth0_api_errors_total', { status: '500', route: 'POST /api/v2/users' })).toBe(1);
    expect(delta('auth0_api_errors_total', { status: '409', route: 'POST /api/v2/users', error_code: 'auth0_idp_error' })).toBe(1);
    expect(delta('provisioning_attempt_failures_total', { kind: 'retryable' })).toBe(1);
  });

  it('counts 429s by route, and each later token fetch', { timeout: 40_000 }, async () => {
    const before = await scrape();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the 11 s token is now due for refresh
    await gateway.control.configure({ preset: 'free' }); // 2 Management API calls per second
    const employees = await Promise.all(Array.from({ length: 6 }, (_, i) => create(`Metrics Burst ${i}`)));
    for (const employee of employees) await settled(employee.email);
    await gateway.control.configure({ preset: 'off' });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sumOf(after, name, labels) - sumOf(before, name, labels);
    expect(delta('auth0_rate_limited_total')).toBeGreaterThanOrEqual(1);
    expect(delta('auth0_api_errors_total', { status: '429' })).toBe(delta('auth0_rate_limited_total'));
    expect(delta('auth0_token_refresh_total', { status: 'success' })).toBeGreaterThanOrEqual(1);
    for (const sample of after.filter((s) => s.name === 'auth0_rate_limited_total')) {
      expect(sample.labels.route).toMatch(/^(GET|POST|DELETE|PATCH|PUT) \/api\/v2\/[a-z-]+(\/(:id|[a-z-]+))*$/);
    }
  });

  it('shows queue depth and oldest job age, and keeps every label value bounded', async () => {
    const samples = await scrape();
    for (const state of ['ready', 'deferred', 'active']) {
      expect(samples.some((s) => s.name === 'provisioning_queue_jobs' && s.labels.queue === 'provision-employee' && s.labels.state === state)).toBe(true);
    }
    expect(samples.some((s) => s.name === 'provisioning_queue_oldest_job_age_seconds' && s.labels.queue === 'assign-new-user-role')).toBe(true);
    const values = samples.flatMap((sample) => Object.values(sample.labels));
    expect(values.filter((value) => /@|auth0\||[0-9a-f]{8}-[0-9a-f]{4}-|https?:/.test(value))).toEqual([]);
  });
});
