// A real gateway process (src/server.ts) killed with SIGKILL in the middle of a 200-row import, then
// restarted: every row is provisioned exactly once (expired jobs and leases are taken over).
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportEmployeesDocument } from '../../generated/graphql.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startGatewayProcess } from '../../helpers/gateway-process.ts';

const SCHEMA = `pgboss_crash_${process.pid}_${Date.now().toString(36)}`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

describe('import survives a killed gateway', () => {
  let gateway: TestGateway;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  it('provisions every row of a 200-row import exactly once after SIGKILL and restart', { timeout: 360_000 }, async () => {
    // This test's gateway only hosts the emulator and reads the database; the child does the work.
    gateway = await startTestGateway({ workers: false, queueSchema: SCHEMA, queuePrefix: '', jobTimeoutSeconds: 6 });
    // Slow creates until the kill (the 200 rows take seconds, so a test process that the machine's load holds
    // back for a moment still kills it mid-way), fast ones after it.
    await gateway.control.configure({ latency: { fixedMs: 120, jitterMs: 40, routes: ['POST /api/v2/users'] } });
    const port = await freePort();
    const env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      PROVISIONING_QUEUE_SCHEMA: SCHEMA,
      PROVISIONING_SWEEP_SECONDS: '2',
      VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
      PROVISIONING_RETRY_DELAY_SECONDS: '1',
      PROVISIONING_RETRY_DELAY_MAX_SECONDS: '2',
      PROVISIONING_LEASE_SECONDS: '3',
      PROVISIONING_JOB_TIMEOUT_SECONDS: '6',
      // The killed process's jobs are retried once their heartbeat is this old: the shortest allowed.
      PROVISIONING_HEARTBEAT_SECONDS: '10',
    };
    child = (await startGatewayProcess(env)).child;

    const employees = Array.from({ length: 200 }, (_, i) => ({ name: `Crash Person ${i}`, email: uniqueEmail(`crash.${i}`), department: 'Crash' }));
    const token = await gateway.tokenFor('admin');
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(ImportEmployeesDocument), variables: { input: { employees } } }),
    });
    const body = (await response.json()) as { data: { importEmployees: { batchId: string; created: number } } };
    expect(body.data.importEmployees.created).toBe(200);
    const batchId = body.data.importEmployees.batchId;

    // Kill it mid-way: some accounts made, most not.
    await expect.poll(() => gateway.prisma.employee.count({ where: { importBatchId: batchId, auth0UserId: { not: null } } }), { timeout: 90_000, interval: 50 }).toBeGreaterThanOrEqual(20);
    const killed = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await killed;
    const linkedAtKill = await gateway.prisma.employee.count({ where: { importBatchId: batchId, auth0UserId: { not: null } } });
    expect(linkedAtKill).toBeLessThan(200);
    await gateway.control.configure({ latency: { fixedMs: 40, jitterMs: 20, routes: ['POST /api/v2/users'] } });

    child = (await startGatewayProcess(env)).child;
    await expect
      .poll(() => gateway.prisma.employee.count({ where: { importBatchId: batchId, auth0SyncStatus: 'CREATED' } }), { timeout: 150_000, interval: 250 })
      .toBe(200);
    const ids = (await gateway.prisma.employee.findMany({ where: { importBatchId: batchId } })).map((employee) => employee.id);
    const users = await gateway.control.users();
    const perEmployee = ids.map((id) => users.filter((user) => (user.app_metadata as { employee_id?: string }).employee_id === id).length);
    expect(perEmployee).toEqual(ids.map(() => 1));
    expect(users.filter((user) => ids.includes((user.app_metadata as { employee_id?: string }).employee_id ?? '')).every((user) => (user as { roles?: string[] }).roles?.includes('production_associate'))).toBe(true);
  });
});
