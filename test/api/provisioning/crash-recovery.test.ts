// Crash recovery in seconds: a gateway process SIGKILLed while it holds provisioning jobs, next to a
// separate `npm run worker` on the same database, on the default heartbeat (20 s), lease (30 s) and job
// timeout (300 s). The worker retries the dead process's jobs within 60 s of the kill (the job timeout
// alone took 300 s), and every employee ends with exactly one Auth0 user, with its role.
import { print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportEmployeesDocument } from '../../generated/graphql.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { freePort, startGatewayProcess, startWorkerProcess, type GatewayProcess, stopChild } from '../../helpers/gateway-process.ts';
import { parsePrometheusText, sumOf } from '../../helpers/prometheus-text.ts';

const SCHEMA = `pgboss_heartbeat_${process.pid}_${Date.now().toString(36)}`;

describe('crash recovery', () => {
  let gateway: TestGateway;
  let killed: GatewayProcess | undefined;
  let worker: GatewayProcess | undefined;

  afterAll(async () => {
    await stopChild(killed?.child);
    await stopChild(worker?.child);
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  it('retries the jobs of a SIGKILLed gateway within 60 s on another process, provisioning each employee exactly once', { timeout: 150_000 }, async () => {
    // This test's gateway only hosts the emulator and reads the database; the two processes do the work.
    gateway = await startTestGateway({ workers: false, queueSchema: SCHEMA, queuePrefix: '' });
    // Slow creates, so the gateway holds several jobs when it dies.
    await gateway.control.configure({ latency: { fixedMs: 300, jitterMs: 100, routes: ['POST /api/v2/users'] } });
    const port = await freePort();
    const env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      PROVISIONING_QUEUE_SCHEMA: SCHEMA,
      VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
    };
    killed = await startGatewayProcess({ ...env, PORT: String(port) });
    worker = await startWorkerProcess({ ...env, METRICS_PORT: '0' });

    const employees = Array.from({ length: 60 }, (_, i) => ({ name: `Heartbeat Person ${i}`, email: uniqueEmail(`heartbeat.${i}`), department: 'Heartbeat' }));
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('admin')}` },
      body: JSON.stringify({ query: print(ImportEmployeesDocument), variables: { input: { employees } } }),
    });
    const body = (await response.json()) as { data: { importEmployees: { batchId: string; created: number } } };
    expect(body.data.importEmployees.created).toBe(60);
    const batchId = body.data.importEmployees.batchId;

    // Kill the gateway while it holds provision-employee jobs.
    const heldByGateway = async () =>
      (
        await gateway.prisma.$queryRawUnsafe<{ employeeId: string }[]>(
          `SELECT data->>'employeeId' AS "employeeId" FROM ${SCHEMA}.job
            WHERE name = 'provision-employee' AND state = 'active'
              AND data->>'employeeId' IN (SELECT id::text FROM "Employee" WHERE "provisioningLeaseOwner" LIKE $1)`,
          `pid-${killed!.child.pid}-%`,
        )
      ).map((row) => row.employeeId);
    await expect.poll(async () => (await heldByGateway()).length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(1);
    const exited = new Promise((resolve) => killed!.child.once('exit', resolve));
    killed.child.kill('SIGKILL');
    const killedAt = performance.now();
    await exited;
    const orphaned = await heldByGateway();
    expect(orphaned.length).toBeGreaterThanOrEqual(1);

    // The worker alone retries what the dead gateway held, within 60 s of the kill.
    await expect
      .poll(() => gateway.prisma.employee.count({ where: { id: { in: orphaned }, auth0SyncStatus: 'CREATED' } }), { timeout: 60_000, interval: 250 })
      .toBe(orphaned.length);
    const recoverySeconds = (performance.now() - killedAt) / 1000;
    console.info(`crash recovery: ${orphaned.length} jobs held by the killed gateway CREATED ${recoverySeconds.toFixed(1)} s after SIGKILL`);
    expect(recoverySeconds).toBeLessThan(60);

    // Where the batch stands, in the failure message when it is not all CREATED in time.
    const statuses = async () =>
      (await gateway.prisma.employee.groupBy({ by: ['auth0SyncStatus'], where: { importBatchId: batchId }, _count: true }))
        .map((group) => `${group.auth0SyncStatus} ${group._count}`)
        .sort();
    await expect
      .poll(statuses, { timeout: 60_000, interval: 250 })
      .toEqual(['CREATED 60'])
      .catch(async (error: unknown) => {
        // What happened to an employee the killed gateway held, for the failure message.
        const trail = await gateway.prisma.auditEvent.findMany({ where: { employeeId: orphaned[0] }, orderBy: { occurredAt: 'asc' } });
        const row = await gateway.prisma.employee.findUnique({ where: { id: orphaned[0] } });
        throw new Error(
          `${String(error)}\n${JSON.stringify(row)}\n${trail.map((event) => `${event.occurredAt.toISOString()} ${event.actor} ${event.action} ${event.outcome} ${event.detail ?? ''}`).join('\n')}`,
        );
      });
    const ids = (await gateway.prisma.employee.findMany({ where: { importBatchId: batchId } })).map((employee) => employee.id);
    const users = await gateway.control.users();
    const perEmployee = ids.map((id) => users.filter((user) => (user.app_metadata as { employee_id?: string }).employee_id === id).length);
    expect(perEmployee).toEqual(ids.map(() => 1));
    const mine = users.filter((user) => ids.includes((user.app_metadata as { employee_id?: string }).employee_id ?? ''));
    expect(mine.every((user) => (user as { roles?: string[] }).roles?.includes('production_associate'))).toBe(true);

    // The worker serves its own /metrics: the creations it made are counted there.
    const ready = worker.output().split('\n').find((line) => line.includes('provisioning worker ready'))!;
    const { metricsPort } = JSON.parse(ready) as { metricsPort: number };
    const scrape = parsePrometheusText(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    expect(sumOf(scrape, 'auth0_user_creation_total')).toBeGreaterThanOrEqual(orphaned.length);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/ready`)).status).toBe(200);
  });
});
