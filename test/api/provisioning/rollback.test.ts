// `npm run rollback` as an operator runs it (a child process on this run's database and the emulator):
// the dry run changes nothing; --execute switches provisioning off, blocks (or deletes) every Auth0 user
// the system created under the emulator's essentials limits (time-scaled), unlinks their employees, and
// resumes after a SIGKILL without changing any user twice; users the system did not create are never touched.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorUser, RequestLogSnapshot } from '@employee-gateway/auth0-emulator/control-client';
import { randomStrongPassword } from '../../../src/auth0/random-password.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

const run = promisify(execFile);
const SYSTEM = 'productivity_system';

interface Seeded {
  department: string;
  /** System-created users linked to an employee, by user id. */
  linked: Map<string, string>;
  /** System-created users no employee links (a crash between create and link). */
  orphans: string[];
  /** Users someone else created: one linked by hand to an employee, the rest alone. */
  foreign: string[];
  foreignLinkedEmployee: string;
}

async function seed(gateway: TestGateway, counts: { linked: number; orphans: number; foreign: number }, department = uniqueDepartment('Rollback')): Promise<Seeded> {
  const linked = new Map<string, string>();
  for (let start = 0; start < counts.linked; start += 20) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(20, counts.linked - start) }, (_, i) => seedEmployee(gateway, { name: `Rollback Person ${start + i}`, department, auth0: true })),
    );
    for (const { employee } of chunk) linked.set(employee.auth0UserId!, employee.id);
  }
  const orphans = await Promise.all(
    Array.from({ length: counts.orphans }, async (_, i) =>
      (await gateway.identityProvider.createUser({ email: uniqueEmail(`orphan.${i}`), name: `Orphan ${i}`, employeeId: crypto.randomUUID() })).userId,
    ),
  );
  const client = emulatorManagementClient(gateway);
  const foreign = await Promise.all(
    Array.from({ length: counts.foreign }, async (_, i) => {
      const user = await client.users.create({
        connection: 'Username-Password-Authentication',
        email: uniqueEmail(`foreign.${i}`),
        password: randomStrongPassword(),
        ...(i % 2 === 0 ? { app_metadata: { created_by: 'hr_onboarding_tool' } } : {}),
      });
      return user.user_id!;
    }),
  );
  // An admin linked this one by hand (linkAuth0User): linked, but not the system's to remove.
  const handLinked = await seedEmployee(gateway, { name: 'Hand Linked', department, auth0: foreign[0]!, status: 'CREATED' });
  return { department, linked, orphans, foreign, foreignLinkedEmployee: handLinked.employee.id };
}

/** Write requests (PATCH or DELETE) per user id that Auth0 carried out (a 429 changed nothing; the SDK retries it). */
function writesPerUser(log: RequestLogSnapshot, method: 'PATCH' | 'DELETE'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of log.requests) {
    const match = /^\/api\/v2\/users\/([^/]+)$/.exec(request.path);
    if (request.method !== method || !match || request.status === 429) continue;
    const id = decodeURIComponent(match[1]!);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const systemUsers = (users: EmulatorUser[]) => users.filter((user) => (user.app_metadata as { created_by?: string } | undefined)?.created_by === SYSTEM);

function cliEnv(gateway: TestGateway, schema: string) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    USER: 'operator',
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    AUTH0_EMULATOR_URL: gateway.emulator.url,
    PROVISIONING_QUEUE_SCHEMA: schema,
  };
}

function rollback(gateway: TestGateway, schema: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/rollback.ts', ...args], {
    env: { ...cliEnv(gateway, schema), ...env },
    cwd: process.cwd(),
    timeout: 120_000,
  });
}

describe('npm run rollback (block, 200 users, essentials limits)', () => {
  const schema = `pgboss_rollback_${process.pid}_${Date.now().toString(36)}`;
  let gateway: TestGateway;
  let seeded: Seeded;

  beforeAll(async () => {
    // The switch row the CLI turns is this gateway's (same queue schema, no prefix).
    gateway = await startTestGateway({ workers: false, queueSchema: schema, queuePrefix: '' });
    seeded = await seed(gateway, { linked: 180, orphans: 20, foreign: 6 });
    // Bucket sizes as on Essentials, refilled 5x faster (200 writes/min become 1000/min).
    await gateway.control.configure({ preset: 'essentials', timeScale: 5 });
    await new Promise((resolve) => setTimeout(resolve, 600)); // the search index catches up (500 ms lag)
  }, 120_000);

  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${schema}/` } });
    await gateway?.close();
  }, 30_000);

  it('a dry run prints the counts and a sample, and changes nothing', { timeout: 120_000 }, async () => {
    // Runs of the two selections dry-run here (the whole tenant, the department); other files, running
    // alongside on this database, start runs of their own departments only.
    const ownRuns = () => gateway.prisma.rollbackRun.count({ where: { createdAfter: null, OR: [{ department: null }, { department: seeded.department }] } });
    const runsBefore = await ownRuns();
    const { stdout } = await rollback(gateway, schema, []);
    expect(stdout).toContain('DRY RUN: nothing was changed.');
    expect(stdout).toContain('Auth0 users created by this system (app_metadata.created_by = productivity_system): 200');
    expect(stdout).toContain('linked to an employee: 180; linked to no employee: 20; already blocked: 0');
    expect(stdout).toContain('Left alone: 1 linked users this system did not create');
    // (200 - 20 burst) / (200 per minute); the two search pages fit the read bucket's burst.
    expect(stdout).toMatch(/Essentials \/ Professional\s+54 s\n/);
    expect(stdout).toContain('Sample (10 of 200):');

    const { stdout: byDepartment } = await rollback(gateway, schema, ['--department', seeded.department, '--mode', 'delete']);
    expect(byDepartment).toContain('created by this system (app_metadata.created_by = productivity_system): 180');

    const log = await gateway.control.requests();
    expect(writesPerUser(log, 'PATCH').size + writesPerUser(log, 'DELETE').size).toBe(0);
    expect(await ownRuns()).toBe(runsBefore);
    expect(await gateway.prisma.provisioningSwitch.findUnique({ where: { scope: `${schema}/` } })).toMatchObject({ enabled: true });
    expect(await gateway.prisma.employee.count({ where: { id: { in: [...seeded.linked.values()] }, auth0SyncStatus: 'CREATED' } })).toBe(180);
  });

  it('blocks every system-created user once, resumes after SIGKILL, unlinks employees, and touches no other user', { timeout: 300_000 }, async () => {
    // First run: killed mid-way.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/rollback.ts', '--execute', '--mode', 'block'], {
      env: cliEnv(gateway, schema),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const doneInRun = async () => {
      // This CLI's selection (the whole tenant): other files' runs are of one department.
      const run = await gateway.prisma.rollbackRun.findFirst({ where: { finishedAt: null, mode: 'BLOCK', createdAfter: null, department: null }, orderBy: { createdAt: 'desc' } });
      return run ? gateway.prisma.rollbackUser.count({ where: { runId: run.id, state: 'DONE' } }) : 0;
    };
    await expect.poll(doneInRun, { timeout: 90_000, interval: 100 }).toBeGreaterThanOrEqual(40);
    child.kill('SIGKILL');
    await exited;
    const doneBeforeKill = await doneInRun();
    expect(doneBeforeKill, output).toBeLessThan(200);
    expect(output).toContain('provisioning switched OFF');

    // Second run: continues the same run.
    const { stdout, stderr } = await rollback(gateway, schema, ['--execute', '--mode', 'block']);
    expect(stderr).toMatch(/provisioning is already off/);
    expect(stderr).toMatch(/resuming rollback run [0-9a-f-]+: .*200 users, \d+ done/);
    expect(stdout).toMatch(/: 200\/200 users blocked \(or found so\), employees unlinked \| failed 0 \| elapsed \d+/);
    expect(stdout).toContain('remaining 0');

    const users = await gateway.control.users();
    const ours = systemUsers(users);
    expect(ours).toHaveLength(200);
    expect(ours.filter((user) => !user.blocked)).toEqual([]);
    // Each was changed exactly once, across both runs.
    const patches = writesPerUser(await gateway.control.requests(), 'PATCH');
    expect(ours.map((user) => patches.get(user.user_id))).toEqual(ours.map(() => 1));
    // Users the system did not create: never written, still usable.
    for (const id of seeded.foreign) expect(patches.get(id)).toBeUndefined();
    expect(users.filter((user) => seeded.foreign.includes(user.user_id)).map((user) => user.blocked ?? false)).toEqual(seeded.foreign.map(() => false));
    expect(await gateway.prisma.employee.findUnique({ where: { id: seeded.foreignLinkedEmployee } })).toMatchObject({ auth0UserId: seeded.foreign[0], auth0SyncStatus: 'CREATED' });

    // Employees unlinked (never deleted), the old id kept in the audit trail.
    const employees = await gateway.prisma.employee.findMany({ where: { id: { in: [...seeded.linked.values()] } } });
    expect(employees).toHaveLength(180);
    expect(employees.every((employee) => employee.auth0UserId === null && employee.auth0SyncStatus === 'PENDING')).toBe(true);
    const unlinked = await gateway.prisma.auditEvent.findMany({ where: { action: 'EMPLOYEE_UNLINKED', employeeId: { in: [...seeded.linked.values()] } } });
    expect(unlinked).toHaveLength(180);
    expect(unlinked.every((event) => seeded.linked.get(event.auth0UserId!) === event.employeeId && event.actor === 'cli:rollback:operator')).toBe(true);
    const blocks = await gateway.prisma.auditEvent.count({ where: { action: 'AUTH0_BLOCK_USER', outcome: 'SUCCESS', auth0UserId: { in: ours.map((user) => user.user_id) } } });
    expect(blocks).toBe(200);

    // Provisioning was switched off first, audited, and stays off.
    expect(await gateway.prisma.provisioningSwitch.findUnique({ where: { scope: `${schema}/` } })).toMatchObject({
      enabled: false,
      changedBy: 'cli:rollback:operator',
    });
    expect(await gateway.prisma.auditEvent.count({ where: { action: 'PROVISIONING_SWITCHED', actor: 'cli:rollback:operator' } })).toBeGreaterThanOrEqual(1);

    // A third run (a new one: the last finished) finds them all blocked and sends no write.
    const before = (await gateway.control.requests()).requests.length;
    const { stdout: again } = await rollback(gateway, schema, ['--execute', '--mode', 'block']);
    expect(again).toMatch(/200\/200 users blocked/);
    const writesAfter = (await gateway.control.requests()).requests.slice(before).filter((request) => request.path.startsWith('/api/v2/') && request.method !== 'GET');
    expect(writesAfter).toEqual([]);
  });
});

describe('npm run rollback (one department)', () => {
  const schema = `pgboss_rollback_del_${process.pid}_${Date.now().toString(36)}`;
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false, queueSchema: schema, queuePrefix: '' });
    await gateway.control.configure({ searchLagMs: 0 });
  });
  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${schema}/` } });
    await gateway?.close();
  }, 30_000);

  it('deletes the department’s system-created users only, and unlinks their employees', { timeout: 90_000 }, async () => {
    const target = await seed(gateway, { linked: 8, orphans: 2, foreign: 2 });
    const other = await seed(gateway, { linked: 4, orphans: 0, foreign: 0 });
    // A leaver: deactivated, still linked.
    const leaver = [...target.linked.values()][0]!;
    await gateway.prisma.employee.update({ where: { id: leaver }, data: { active: false, auth0SyncStatus: 'DISABLED' } });
    const { stdout } = await rollback(gateway, schema, ['--execute', '--mode', 'delete', '--department', target.department]);
    expect(stdout).toMatch(/: 8\/8 users deleted/);

    const remaining = new Set((await gateway.control.users()).map((user) => user.user_id));
    expect([...target.linked.keys()].filter((id) => remaining.has(id))).toEqual([]);
    // Orphans have no department: only a rollback without --department removes them.
    expect(target.orphans.every((id) => remaining.has(id))).toBe(true);
    expect([...other.linked.keys()].every((id) => remaining.has(id))).toBe(true);
    expect(target.foreign.every((id) => remaining.has(id))).toBe(true);
    const deletes = writesPerUser(await gateway.control.requests(), 'DELETE');
    expect([...deletes.keys()].sort()).toEqual([...target.linked.keys()].sort());
    expect(await gateway.prisma.employee.count({ where: { id: { in: [...target.linked.values()] }, auth0UserId: null, auth0SyncStatus: 'PENDING' } })).toBe(7);
    // The leaver is unlinked but stays DISABLED: switching provisioning on must not give them a new account.
    expect(await gateway.prisma.employee.findUnique({ where: { id: leaver } })).toMatchObject({ auth0UserId: null, auth0SyncStatus: 'DISABLED', active: false });
    expect(await gateway.prisma.employee.count({ where: { id: { in: [...other.linked.values()] }, auth0SyncStatus: 'CREATED' } })).toBe(4);
  });

  it('reads a user whose call failed before calling again: a PATCH carried out despite a 503 is not sent twice', { timeout: 90_000 }, async () => {
    const target = await seed(gateway, { linked: 3, orphans: 0, foreign: 0 });
    // Auth0 blocks each user but answers 503; without SDK retries the CLI sees the failure itself.
    await gateway.control.configure({ commitThenFail: { mode: 'status', status: 503, routes: ['PATCH /api/v2/users/:id'] } });
    try {
      const { stdout } = await rollback(gateway, schema, ['--execute', '--department', target.department], { AUTH0_MAX_RETRIES: '0' });
      expect(stdout).toMatch(/: 3\/3 users blocked \(or found so\)/);
    } finally {
      await gateway.control.configure({ commitThenFail: null });
    }
    const patches = writesPerUser(await gateway.control.requests(), 'PATCH');
    expect([...target.linked.keys()].map((id) => patches.get(id))).toEqual([1, 1, 1]);
    const steps = await gateway.prisma.auditEvent.findMany({
      where: { action: 'AUTH0_BLOCK_USER', auth0UserId: { in: [...target.linked.keys()] } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(steps.map((step) => `${step.outcome} ${step.httpStatus}`).sort()).toEqual(['FAILURE 503', 'FAILURE 503', 'FAILURE 503', 'SUCCESS null', 'SUCCESS null', 'SUCCESS null']);
    expect(steps.filter((step) => step.outcome === 'SUCCESS').every((step) => step.detail === 'rollback: blocked (found blocked when resuming)')).toBe(true);
  });

  it('refuses bad arguments with the usage', async () => {
    await expect(rollback(gateway, schema, ['--mode', 'erase'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--mode must be block or delete') });
    await expect(rollback(gateway, schema, ['--created-after', 'yesterday'])).rejects.toMatchObject({ code: 2 });
  });
});
