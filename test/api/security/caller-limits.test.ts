// A fair share per caller, shared by every process through PostgreSQL: two gateway processes on one
// database (this test's in-process gateway and a real `src/server.ts` child) hold a caller to
// CALLER_LIMIT_POINTS changes per window together. Past it, the caller gets RateLimitedError
// { retryAfter } from either process, nothing is stored and Auth0 is not called, while another caller
// goes on; the refusals are counted in caller_rate_limited_total.
import { createServer } from 'node:net';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../src/auth/permissions.ts';
import { CreateEmployeeDocument, ImportEmployeesDocument } from '../../generated/graphql.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, type GatewayProcess } from '../../helpers/gateway-process.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

const SCHEMA = `pgboss_limits_${process.pid}_${Date.now().toString(36)}`;
const POINTS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('per-caller limits across processes', () => {
  let gateway: TestGateway;
  let other: GatewayProcess | undefined;
  let otherUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      workers: false,
      queueSchema: SCHEMA,
      queuePrefix: '',
      callerLimits: { points: POINTS, windowSeconds: 600 },
    });
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}`;
    other = await startGatewayProcess({
      ...secondGatewayEnv(testDatabaseUrl(), gateway.emulator.url, SCHEMA),
      PORT: String(port),
      PROVISIONING_WORKERS: 'false',
      CALLER_LIMIT_POINTS: String(POINTS),
      CALLER_LIMIT_WINDOW_SECONDS: '600',
    }, [], 90_000);
  }, 120_000);

  afterAll(async () => {
    if (other && other.child.exitCode === null) {
      const exited = new Promise((resolve) => other!.child.once('exit', resolve));
      other.child.kill('SIGTERM');
      await exited;
    }
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  const callerToken = (sub: string) => gateway.control.mintToken({ sub, permissions: [...ROLE_PERMISSIONS.manager], expiresIn: 600 });

  async function create(where: 'in-process' | 'child', token: string) {
    const email = uniqueEmail('limited');
    const body = JSON.stringify({ query: print(CreateEmployeeDocument), variables: { input: { name: 'Limited Hire', email, department: 'Picking' } } });
    const init = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body };
    const response = where === 'in-process' ? await gateway.app.fetch('http://gateway.test/graphql', init) : await fetch(`${otherUrl}/graphql`, init);
    const json = (await response.json()) as { data?: { createEmployee: Record<string, unknown> & { __typename: string } }; errors?: unknown };
    expect(json.errors, JSON.stringify(json)).toBeUndefined();
    return { email, result: json.data!.createEmployee };
  }

  it('refuses a caller over its share in every process while another caller goes on', { timeout: 90_000 }, async () => {
    const suffix = `${process.pid}.${Date.now().toString(36)}`;
    const [busy, quiet] = await Promise.all([callerToken(`auth0|busy.${suffix}`), callerToken(`auth0|quiet.${suffix}`)]);

    const allowed = [await create('in-process', busy), await create('child', busy), await create('in-process', busy)];
    expect(allowed.map(({ result }) => result.__typename)).toEqual(['CreateEmployeePayload', 'CreateEmployeePayload', 'CreateEmployeePayload']);
    const usersBefore = (await gateway.control.users()).length;

    const refused = [await create('child', busy), await create('in-process', busy)];
    for (const { email, result } of refused) {
      expect(result).toMatchObject({ __typename: 'RateLimitedError', code: 'RATE_LIMITED' });
      expect(await gateway.prisma.employee.count({ where: { email } })).toBe(0);
    }
    expect((await gateway.control.users()).length).toBe(usersBefore);

    expect((await create('child', quiet)).result.__typename).toBe('CreateEmployeePayload');
    expect((await create('in-process', quiet)).result.__typename).toBe('CreateEmployeePayload');

    // An import counts one per row: two rows do not fit in the one change the quiet caller has left, a dry run costs nothing.
    const rows = [1, 2].map((i) => ({ name: `Import Limited ${i}`, email: uniqueEmail('limited.import'), department: 'Picking' }));
    const importAs = async (dryRun: boolean) => {
      const response = await gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${quiet}` },
        body: JSON.stringify({ query: print(ImportEmployeesDocument), variables: { input: { employees: rows, dryRun } } }),
      });
      return ((await response.json()) as { data: { importEmployees: { __typename: string } } }).data.importEmployees.__typename;
    };
    expect(await importAs(true)).toBe('ImportEmployeesPayload');
    expect(await importAs(false)).toBe('RateLimitedError');
    expect(await gateway.prisma.employee.count({ where: { email: { in: rows.map((row) => row.email) } } })).toBe(0);
    expect((await create('in-process', quiet)).result.__typename).toBe('CreateEmployeePayload');

    const metrics = await (await gateway.app.fetch('http://gateway.test/metrics')).text();
    expect(metrics).toMatch(/^caller_rate_limited_total\{operation="create"\} 1$/m);
    expect(metrics).toMatch(/^caller_rate_limited_total\{operation="import"\} 1$/m);
  });
});
