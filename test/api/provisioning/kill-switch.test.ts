// The runtime kill switch across processes: an admin turns it off through this (in-process) gateway's
// GraphQL API, and a second gateway *process* on the same database and queue, which does all the queue
// work here, stops calling Auth0 within 5 s without a restart, and drains the backlog once it is back on.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEmployeeIdempotentDocument,
  ProvisioningStatusDocument,
  SetProvisioningEnabledDocument,
} from '../../generated/graphql.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { startGatewayProcess, type GatewayProcess } from '../../helpers/gateway-process.ts';

const SCHEMA = `pgboss_switch_${process.pid}_${Date.now().toString(36)}`;

describe('kill switch (setProvisioningEnabled) across gateway processes', () => {
  let gateway: TestGateway;
  let other: GatewayProcess | undefined;
  let otherUrl: string;

  beforeAll(async () => {
    // This gateway only serves the API: the other process works the whole queue.
    gateway = await startTestGateway({ workers: false, queueSchema: SCHEMA, queuePrefix: '', provisioning: { waitMs: 1000 } });
    await gateway.control.configure({ searchLagMs: 0 });
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}/graphql`;
    other = await startGatewayProcess({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      PROVISIONING_QUEUE_SCHEMA: SCHEMA,
      PROVISIONING_WAIT_MS: '1000',
      PROVISIONING_SWEEP_SECONDS: '0',
      VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
      PROVISIONING_RETRY_DELAY_SECONDS: '1',
      PROVISIONING_RETRY_DELAY_MAX_SECONDS: '2',
    });
  }, 60_000);

  afterAll(async () => {
    if (other && other.child.exitCode === null) {
      const exited = new Promise((resolve) => other!.child.once('exit', resolve));
      other.child.kill('SIGTERM');
      await exited;
    }
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${SCHEMA}/` } });
    await gateway?.close();
  }, 30_000);

  /** createEmployee sent to the other process over HTTP, as a manager. */
  async function createThroughOther(name: string) {
    const response = await fetch(otherUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('manager')}` },
      body: JSON.stringify({
        query: 'mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { ... on CreateEmployeePayload { employee { id auth0SyncStatus } } } }',
        variables: { input: { name, email: uniqueEmail('switch'), department: 'Switch' } },
      }),
    });
    const body = (await response.json()) as { data?: { createEmployee: { employee: { id: string; auth0SyncStatus: string } } } };
    expect(body.data?.createEmployee.employee, JSON.stringify(body)).toBeDefined();
    return body.data!.createEmployee.employee;
  }

  const userCreations = async () => (await gateway.control.requests()).requests.filter((request) => request.route === 'POST /api/v2/users').length;
  const setSwitch = async (enabled: boolean, reason: string) =>
    expectNoGraphQLErrors(await gateway.execute({ document: SetProvisioningEnabledDocument, variables: { enabled, reason } })).setProvisioningEnabled;

  it('stops the other process calling Auth0 within 5 s of being switched off, leaves its jobs waiting, and resumes when switched on', { timeout: 60_000 }, async () => {
    expect((await createThroughOther('Switch Before')).auth0SyncStatus).toBe('CREATED');

    const offAt = Date.now();
    expect(await setSwitch(false, 'incident 42: Auth0 creating duplicates')).toMatchObject({
      __typename: 'SetProvisioningEnabledPayload',
      status: { enabled: false, reason: 'incident 42: Auth0 creating duplicates', changedBy: 'auth0|test-admin' },
    });
    // The other process notices by itself (it polls the row): it logs so, and from then on calls Auth0 for nothing.
    await expect.poll(() => other!.output().includes('provisioning switched off'), { timeout: 5_000, interval: 100 }).toBe(true);
    expect(Date.now() - offAt).toBeLessThan(5_000);

    const before = await userCreations();
    const parked = await Promise.all(Array.from({ length: 5 }, (_, i) => createThroughOther(`Switch Parked ${i}`)));
    expect(parked.map((employee) => employee.auth0SyncStatus)).toEqual(parked.map(() => 'PENDING'));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await userCreations()).toBe(before);
    const ids = parked.map((employee) => Buffer.from(employee.id, 'base64').toString().split(':')[1]!);
    expect(await gateway.prisma.employee.count({ where: { id: { in: ids }, auth0SyncStatus: 'PENDING' } })).toBe(5);
    // Their jobs wait, with no retry burned.
    const jobs = await gateway.prisma.$queryRawUnsafe<{ state: string; retry_count: number }[]>(
      `SELECT state::text, retry_count FROM ${SCHEMA}.job WHERE name = 'provision-employee' AND data->>'employeeId' = ANY($1)`,
      ids,
    );
    expect(jobs).toHaveLength(5);
    expect(jobs.every((job) => job.state === 'created' && job.retry_count === 0)).toBe(true);
    const status = expectNoGraphQLErrors(await gateway.execute({ document: ProvisioningStatusDocument, as: 'manager' })).provisioningStatus;
    expect(status).toMatchObject({ enabled: false, reason: 'incident 42: Auth0 creating duplicates', changedBy: 'auth0|test-admin' });

    await setSwitch(true, 'incident 42 resolved');
    await expect
      .poll(() => gateway.prisma.employee.count({ where: { id: { in: ids }, auth0SyncStatus: 'CREATED' } }), { timeout: 20_000, interval: 250 })
      .toBe(5);
    expect(other!.output()).toContain('provisioning switched on');
    const audit = await gateway.prisma.auditEvent.findMany({
      where: { action: 'PROVISIONING_SWITCHED', actor: 'auth0|test-admin', occurredAt: { gte: new Date(offAt - 1000) } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(audit.map((event) => event.detail)).toEqual(
      expect.arrayContaining(['switched off: incident 42: Auth0 creating duplicates', 'switched on: incident 42 resolved']),
    );
  });

  it('is turned by admins only, with a reason; provisioningStatus is readable by whoever reads employees', async () => {
    for (const role of ['manager', 'team_lead', 'production_associate'] as const) {
      const refused = await gateway.execute({ document: SetProvisioningEnabledDocument, variables: { enabled: false, reason: 'not mine' }, as: role });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await gateway.execute({ document: SetProvisioningEnabledDocument, variables: { enabled: false, reason: 'x' }, as: 'anonymous' })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await gateway.execute({ document: ProvisioningStatusDocument, as: 'production_associate' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(expectNoGraphQLErrors(await gateway.execute({ document: ProvisioningStatusDocument, as: 'team_lead' })).provisioningStatus.enabled).toBe(true);

    const blank = expectNoGraphQLErrors(await gateway.execute({ document: SetProvisioningEnabledDocument, variables: { enabled: false, reason: '   ' } }));
    expect(blank.setProvisioningEnabled).toMatchObject({ __typename: 'InputValidationError', issues: [{ path: ['reason'] }] });
    expect(expectNoGraphQLErrors(await gateway.execute({ document: ProvisioningStatusDocument })).provisioningStatus.enabled).toBe(true);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
