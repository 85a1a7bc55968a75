// Least privilege at the rollback: an application granted the gateway's scopes but not delete:users
// (the README's advice: delete only with the rollback's own credentials) runs `npm run rollback -- --mode
// delete --execute` and stops before its first change, naming the scope: provisioning stays on, no run is
// recorded, no user is touched. Its dry run says the same in advance.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_MANAGEMENT_SCOPES } from '../../../src/services/management-scopes.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

const run = promisify(execFile);

describe('npm run rollback without delete:users', () => {
  const schema = `pgboss_scopes_${process.pid}_${Date.now().toString(36)}`;
  let gateway: TestGateway;
  let credentials: { AUTH0_CLIENT_ID: string; AUTH0_CLIENT_SECRET: string };

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false, queueSchema: schema, queuePrefix: '' });
    await gateway.control.configure({ searchLagMs: 0 });
    const client = await gateway.control.createClient({ grants: [{ audience: gateway.emulator.managementAudience, scope: [...GATEWAY_MANAGEMENT_SCOPES] }] });
    credentials = { AUTH0_CLIENT_ID: client.client_id, AUTH0_CLIENT_SECRET: client.client_secret! };
  }, 60_000);

  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${schema}/` } });
    await gateway?.close();
  }, 30_000);

  const rollback = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/rollback.ts', '--mode', 'delete', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        USER: 'operator',
        NODE_ENV: 'test',
        DATABASE_URL: testDatabaseUrl(),
        AUTH0_EMULATOR_URL: gateway.emulator.url,
        PROVISIONING_QUEUE_SCHEMA: schema,
        ...credentials,
      },
      cwd: process.cwd(),
      timeout: 90_000,
    });

  it('stops before its first change, naming the scope; the dry run warns', { timeout: 180_000 }, async () => {
    const department = uniqueDepartment('RollbackScopes');
    const { employee } = await seedEmployee(gateway, { department, auth0: true });
    const before = (await gateway.control.requests()).counts;

    const dryRun = await rollback(['--department', department]);
    expect(dryRun.stdout).toContain('--execute would stop before any change: the application lacks the Auth0 Management API scope delete:users');

    const failed = await rollback(['--department', department, '--execute']).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('rollback --mode delete needs the Auth0 Management API scope delete:users');
    expect(failed?.stderr).toContain('nothing was changed');

    const live = await gateway.composition.provisioningSwitch();
    expect((await live.refresh()).enabled).toBe(true);
    expect(await gateway.prisma.rollbackRun.count({ where: { department } })).toBe(0);
    expect(await gateway.prisma.employee.findUnique({ where: { id: employee.id } })).toMatchObject({ auth0UserId: employee.auth0UserId, auth0SyncStatus: 'CREATED' });
    expect((await gateway.control.users()).some((user) => user.user_id === employee.auth0UserId)).toBe(true);
    const after = (await gateway.control.requests()).counts;
    expect(after['DELETE /api/v2/users/:id'] ?? 0).toBe(before['DELETE /api/v2/users/:id'] ?? 0);
    expect(after['PATCH /api/v2/users/:id'] ?? 0).toBe(before['PATCH /api/v2/users/:id'] ?? 0);
  });
});
