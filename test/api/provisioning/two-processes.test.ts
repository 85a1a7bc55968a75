// Two gateway processes on one database and one queue: this test's in-process gateway and a real
// `src/server.ts` child process. Every employee must be provisioned exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeIdempotentDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, type GatewayProcess } from '../../helpers/gateway-process.ts';

const SCHEMA = `pgboss_two_${process.pid}_${Date.now().toString(36)}`;

describe('two gateway processes on one database', () => {
  let gateway: TestGateway;
  let other: GatewayProcess | undefined;

  beforeAll(async () => {
    gateway = await startTestGateway({
      provisioning: { waitMs: 300 },
      queueSchema: SCHEMA,
      queuePrefix: '',
      retry: { limit: 8, delaySeconds: 1, delayMaxSeconds: 2 },
    });
    other = await startGatewayProcess(secondGatewayEnv(testDatabaseUrl(), gateway.emulator.url, SCHEMA));
  }, 60_000);

  afterAll(async () => {
    if (other && other.child.exitCode === null) {
      const exited = new Promise((resolve) => other!.child.once('exit', resolve));
      other.child.kill('SIGTERM');
      await exited;
    }
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  it('provisions every employee exactly once when both processes work the queue', { timeout: 60_000 }, async () => {
    await gateway.control.configure({ outages: [{ status: 503 }] });
    const emails = Array.from({ length: 30 }, (_, i) => uniqueEmail(`two-proc.${i}`));
    const results = await Promise.all(
      emails.map(async (email, i) =>
        expectNoGraphQLErrors(
          await gateway.execute({ document: CreateEmployeeIdempotentDocument, variables: { input: { name: `Two Proc ${i}`, email, department: 'Picking' } } }),
        ).createEmployee,
      ),
    );
    expect(results.every((result) => result.__typename === 'CreateEmployeePayload' && result.employee.auth0SyncStatus === 'PENDING')).toBe(true);
    const ids = (await gateway.prisma.employee.findMany({ where: { email: { in: emails } } })).map((employee) => employee.id);
    // Some Auth0 latency keeps either process from draining the whole backlog alone before the other polls.
    await gateway.control.configure({ outages: [], latency: { fixedMs: 300, jitterMs: 50 } });

    await expect
      .poll(async () => gateway.prisma.employee.count({ where: { id: { in: ids }, auth0SyncStatus: 'CREATED' } }), { timeout: 40_000, interval: 250 })
      .toBe(30);
    const users = await gateway.control.users();
    const perEmployee = ids.map((id) => users.filter((user) => (user.app_metadata as { employee_id?: string }).employee_id === id).length);
    expect(perEmployee).toEqual(ids.map(() => 1));
    // Both processes called Auth0: each SDK client fetches (and caches) one M2M token.
    const tokens = (await gateway.control.requests()).requests.filter((request) => request.route === 'POST /oauth/token' && request.status === 200);
    expect(tokens).toHaveLength(2);
  });
});
