// Subscriptions over Server-Sent Events, across processes: this test's in-process gateway (no queue
// workers) serves the subscribers over real HTTP; a second gateway process (`src/server.ts`) takes the
// mutations and does the Auth0 work. Whatever it writes reaches the subscribers here through PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../src/auth/permissions.ts';
import {
  CreateEmployeeDocument,
  EmployeeSyncStatusDocument,
  ImportBatchProgressDocument,
  ImportEmployeesDocument,
  type CreateEmployeeMutation,
} from '../../generated/graphql.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, type GatewayProcess } from '../../helpers/gateway-process.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { freePort, serveOverHttp, subscribe } from '../../helpers/sse.ts';
import { print } from 'graphql';

const SCHEMA = `pgboss_live_${process.pid}_${Date.now().toString(36)}`;

// A database of its own: a test drops every change-feed connection on its database, which on the shared one
// would hit the gateways of the files running alongside.
describe('subscriptions over SSE', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;
  let other: GatewayProcess;
  let otherUrl: string;

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    gateway = await startTestGateway({ databaseUrl: database.url, workers: false, queueSchema: SCHEMA, queuePrefix: '' });
    http = await serveOverHttp(gateway.app);
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}`;
    other = await startGatewayProcess({
      ...secondGatewayEnv(database.url, gateway.emulator.url, SCHEMA),
      PORT: String(port),
      PROVISIONING_WAIT_MS: '300',
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.control.configure({ outages: [] });
    if (other && other.child.exitCode === null) {
      const exited = new Promise((resolve) => other.child.once('exit', resolve));
      other.child.kill('SIGTERM');
      await exited;
    }
    await http?.close();
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
    await database?.drop();
  }, 30_000);

  /** createEmployee through the other process, over its HTTP port. */
  async function createOnOtherProcess(name: string, email: string) {
    const response = await fetch(`${otherUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('manager')}` },
      body: JSON.stringify({ query: print(CreateEmployeeDocument), variables: { input: { name, email, department: 'Picking' } } }),
    });
    const body = (await response.json()) as { data: CreateEmployeeMutation };
    const created = body.data.createEmployee;
    if (created.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(body));
    return created.employee;
  }

  it('delivers PENDING, then CREATED, for an employee another gateway process provisions', { timeout: 60_000 }, async () => {
    await gateway.control.configure({ outages: [{ status: 503 }] });
    const employee = await createOnOtherProcess('Live Status', uniqueEmail('live'));
    expect(employee.auth0SyncStatus).toBe('PENDING');

    const stream = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: employee.id },
      token: await gateway.tokenFor('team_lead'),
    });
    try {
      expect(stream.status).toBe(200);
      const first = await stream.next();
      expect(first).toEqual({ data: { employeeSyncStatus: expect.objectContaining({ id: employee.id, auth0SyncStatus: 'PENDING', auth0UserId: null }) } });

      await gateway.control.configure({ outages: [] });
      const second = await stream.next(30_000);
      expect(second?.data?.employeeSyncStatus).toMatchObject({ id: employee.id, auth0SyncStatus: 'CREATED', auth0UserId: expect.stringMatching(/^auth0\|/) });
    } finally {
      stream.close();
    }
  });

  it('ends with null for an unknown employee', async () => {
    const stream = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: Buffer.from('Employee:7d0c0a5e-2b0c-4d7e-9a41-0a1f4f0c9b11').toString('base64') },
      token: await gateway.tokenFor('manager'),
    });
    expect(await stream.rest()).toEqual([{ data: { employeeSyncStatus: null } }]);
  });

  it('refuses callers without the permission of the matching query', async () => {
    const employee = await createOnOtherProcess('Not Yours', uniqueEmail('live.denied'));
    const associate = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: employee.id },
      token: await gateway.tokenFor('production_associate'),
    });
    const refused = await associate.rest();
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused[0]!.data ?? null).toBeNull();

    const anonymous = await subscribe(http.url, { document: EmployeeSyncStatusDocument, variables: { employeeId: employee.id } });
    expect((await anonymous.rest())[0]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // A team lead reads employees but imports nothing: no import progress either.
    const lead = await subscribe(http.url, {
      document: ImportBatchProgressDocument,
      variables: { batchId: crypto.randomUUID() },
      token: await gateway.tokenFor('team_lead'),
    });
    expect((await lead.rest())[0]!.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('allows a caller 10 open subscriptions; the 11th is refused until one closes', { timeout: 30_000 }, async () => {
    const employee = await createOnOtherProcess('Much Watched', uniqueEmail('live.limit'));
    const token = await gateway.control.mintToken({ sub: 'auth0|live-limit', permissions: [...ROLE_PERMISSIONS.manager], expiresIn: 600 });
    const open = async () => subscribe(http.url, { document: EmployeeSyncStatusDocument, variables: { employeeId: employee.id }, token });
    const streams = [];
    try {
      for (let i = 0; i < 10; i += 1) {
        const stream = await open();
        expect((await stream.next())?.data?.employeeSyncStatus?.id).toBe(employee.id);
        streams.push(stream);
      }
      const eleventh = await open();
      const [refusal] = await eleventh.rest();
      expect(refusal!.errors).toEqual([
        expect.objectContaining({
          message: 'Too many open subscriptions: at most 10 per caller; close one first',
          extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', limit: 10 }),
        }),
      ]);
      // Another caller is not affected.
      const otherCaller = await subscribe(http.url, {
        document: EmployeeSyncStatusDocument,
        variables: { employeeId: employee.id },
        token: await gateway.tokenFor('manager'),
      });
      expect((await otherCaller.next())?.data?.employeeSyncStatus?.id).toBe(employee.id);
      otherCaller.close();

      streams.pop()!.close();
      await expect
        .poll(async () => {
          const retry = await open();
          const event = await retry.next();
          if (event?.data) streams.push(retry);
          return event?.data?.employeeSyncStatus?.id ?? event?.errors?.[0]?.extensions?.code;
        }, { timeout: 10_000, interval: 200 })
        .toBe(employee.id);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('reports import progress until the batch is finished, then completes', { timeout: 60_000 }, async () => {
    await gateway.control.configure({ outages: [{ status: 503 }] });
    const rows = Array.from({ length: 3 }, (_, i) => ({ name: `Live Import ${i}`, email: uniqueEmail(`live.import.${i}`), department: 'Packing' }));
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees: rows, dryRun: false } }, as: 'manager' }),
    ).importEmployees;
    if (result.__typename !== 'ImportEmployeesPayload') throw new Error(JSON.stringify(result));
    const stream = await subscribe(http.url, {
      document: ImportBatchProgressDocument,
      variables: { batchId: result.batchId! },
      token: await gateway.tokenFor('manager'),
    });
    const first = await stream.next();
    expect(first?.data?.importBatchProgress).toMatchObject({ id: result.batchId, total: 3, created: 3, pending: 3, provisioned: 0, finished: false });

    await gateway.control.configure({ outages: [] });
    const events = (await stream.rest(40_000)).map((event) => event.data?.importBatchProgress);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ pending: 0, provisioned: 3, failed: 0, finished: true });
    // Counts only move forward and each event differs from the one before.
    const progress = [first!.data!.importBatchProgress!, ...events].map((batch) => batch!.provisioned + batch!.failed);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
  });

  it('emits only what it shows changed, though every write of the row notifies; a deleted employee ends the stream', async () => {
    const { id } = await gateway.prisma.employee.create({ data: { name: 'Quiet Writes', email: uniqueEmail('live.quiet'), department: 'Picking' } });
    const stream = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: Buffer.from(`Employee:${id}`).toString('base64') },
      token: await gateway.tokenFor('manager'),
    });
    try {
      expect((await stream.next())?.data?.employeeSyncStatus).toMatchObject({ auth0SyncStatus: 'PENDING', active: true });
      // Each of these notifies; none changes what the subscription shows, so none is emitted.
      await gateway.prisma.$executeRaw`UPDATE "Employee" SET "name" = 'Quiet Rename' WHERE "id" = ${id}::uuid`;
      await gateway.prisma.$executeRaw`UPDATE "Employee" SET "department" = 'Packing' WHERE "id" = ${id}::uuid`;
      await gateway.prisma.$executeRaw`UPDATE "Employee" SET "active" = false WHERE "id" = ${id}::uuid`;
      expect((await stream.next(10_000))?.data?.employeeSyncStatus).toMatchObject({ auth0SyncStatus: 'PENDING', active: false });
      await gateway.prisma.employee.delete({ where: { id } });
      expect(await stream.rest(10_000)).toEqual([{ data: { employeeSyncStatus: null } }]);
    } finally {
      stream.close();
    }
  });

  it('reconnects its LISTEN connection and reports what changed meanwhile, whoever wrote it', { timeout: 30_000 }, async () => {
    const employee = await createOnOtherProcess('Reconnect', uniqueEmail('live.reconnect'));
    const stream = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: employee.id },
      token: await gateway.tokenFor('manager'),
    });
    try {
      expect((await stream.next())?.data?.employeeSyncStatus?.active).toBe(true);
      const listeners = () => gateway.prisma.$queryRaw<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE application_name = 'gateway-change-feed' AND datname = current_database()`;
      const before = (await listeners()).map((row) => row.pid);
      const dropped = await gateway.prisma.$queryRaw<{ pg_terminate_backend: boolean }[]>`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'gateway-change-feed' AND datname = current_database() AND pid <> pg_backend_pid()`;
      expect(dropped.length).toBeGreaterThan(0);
      // A plain SQL writer, while this process is reconnecting: the trigger notifies, or the resync after
      // the reconnect reads it.
      const { id } = (await gateway.prisma.employee.findFirstOrThrow({ where: { email: employee.email } }));
      await gateway.prisma.$executeRaw`UPDATE "Employee" SET "active" = false WHERE "id" = ${id}::uuid`;
      expect((await stream.next(20_000))?.data?.employeeSyncStatus).toMatchObject({ id: employee.id, active: false });
      await gateway.prisma.$executeRaw`UPDATE "Employee" SET "active" = true WHERE "id" = ${id}::uuid`;
      expect((await stream.next(20_000))?.data?.employeeSyncStatus).toMatchObject({ id: employee.id, active: true });
      // A new LISTEN connection replaced the terminated one.
      await expect.poll(async () => (await listeners()).some((row) => !before.includes(row.pid)), { timeout: 10_000 }).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('SIGTERM completes the open streams of that process and exits 0', { timeout: 40_000 }, async () => {
    const employee = await createOnOtherProcess('Shut Down', uniqueEmail('live.stop'));
    const stream = await subscribe(otherUrl, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: employee.id },
      token: await gateway.tokenFor('manager'),
    });
    expect((await stream.next())?.data?.employeeSyncStatus?.id).toBe(employee.id);
    const exited = new Promise<number | null>((resolve) => other.child.once('exit', resolve));
    const started = Date.now();
    other.child.kill('SIGTERM');
    await stream.ended;
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(other.output()).not.toMatch(/"level":(50|60)/);
  });
});
