// Ctrl-C halfway through the long commands, as an operator presses it: the command starts no further
// work, lets what is in flight finish, says where it stopped ("stopped after N of M ...; run the same
// command again to resume") and exits 130; the same command then resumes and finishes (exit 0).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployees, uniqueDepartment } from '../reads/seed.ts';

describe('interrupted commands resume', () => {
  // The CLIs turn and read this gateway's kill switch and queue (same schema, no prefix).
  const schema = `pgboss_interrupt_${process.pid}_${Date.now().toString(36)}`;
  const cliEnv = { PROVISIONING_QUEUE_SCHEMA: schema, USER: 'operator' };
  const admin = { id: 'test:interrupt', correlationId: null };
  let gateway: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ queueSchema: schema, queuePrefix: '' });
    dir = await mkdtemp(path.join(tmpdir(), 'gw-interrupt-'));
  });
  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${schema}/` } });
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const setProvisioning = async (enabled: boolean) =>
    (await gateway.composition.provisioningSwitch()).set(await gateway.composition.audit(), admin, enabled, 'interrupted-cli test');

  /** The command in its own process; `interruptWhen` decides when Ctrl-C reaches it. */
  async function interrupted(script: string, args: string[], interruptWhen: (output: string) => Promise<boolean>) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl(), AUTH0_EMULATOR_URL: gateway.emulator.url, ...cliEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect.poll(() => interruptWhen(stderr), { timeout: 120_000, interval: 200 }).toBe(true);
    child.kill('SIGINT');
    return { code: await exited, stdout, stderr };
  }

  it('npm run import: stopped while following provisioning, then followed to the end', { timeout: 240_000 }, async () => {
    await setProvisioning(false);
    const department = uniqueDepartment('InterruptImport');
    const emails = Array.from({ length: 5 }, (_, i) => uniqueEmail(`interrupt.import.${i}`));
    const file = path.join(dir, 'staff.csv');
    await writeFile(file, `name,email,department\n${emails.map((email, i) => `Stop Person ${i},${email},${department}`).join('\n')}\n`);

    // Two progress lines in a log (stderr is no terminal here): the bar reports every few seconds.
    const first = await interrupted('src/cli/import-employees.ts', [file], async (stderr) => (stderr.match(/^provisioning \[/gm) ?? []).length >= 2);
    expect(first.code, first.stderr).toBe(130);
    expect(first.stderr).toMatch(/stopped after 0 of 5 rows provisioned .*; run the same command again/);
    expect(first.stdout).toContain('created 5 | already exist 0 | invalid 0 | provisioning failed 0 | still pending 5');
    expect(await gateway.prisma.employee.count({ where: { email: { in: emails }, auth0SyncStatus: 'PENDING' } })).toBe(5);

    await setProvisioning(true);
    const again = await runCli('src/cli/import-employees.ts', [file], gateway.emulator.url, cliEnv);
    expect(again.stdout).toContain('created 0 | already exist 5 | invalid 0 | provisioning failed 0 | still pending 0');
    expect(await gateway.prisma.employee.count({ where: { email: { in: emails }, auth0SyncStatus: 'CREATED' } })).toBe(5);
  });

  it('npm run metadata:backfill --execute: stopped part-way, then the rest', { timeout: 240_000 }, async () => {
    const department = uniqueDepartment('InterruptBackfill');
    // Users with the old metadata shape (no department, no role_code): each needs one PATCH.
    const seeded = await seedEmployees(gateway, Array.from({ length: 40 }, (_, i) => ({ name: `Backfill Person ${i}`, department, auth0: true as const })));
    const ids = seeded.map((seed) => seed.employee.id);
    // Essentials limits: a burst of writes, then a few per second, so Ctrl-C lands in the middle.
    await gateway.control.configure({ preset: 'essentials', timeScale: 1 });
    const updated = () =>
      gateway.prisma.auditEvent.count({ where: { employeeId: { in: ids }, action: 'AUTH0_UPDATE_USER', actor: { startsWith: 'cli:metadata-backfill:' } } });
    try {
      const first = await interrupted('src/cli/metadata-backfill.ts', ['--execute', '--department', department], async () => (await updated()) >= 22);
      expect(first.code, first.stderr).toBe(130);
      const stopped = /stopped after (\d+) of 40 users; run the same command again to resume/.exec(first.stderr);
      expect(stopped, first.stderr).not.toBeNull();
      expect(Number(stopped![1])).toBeLessThan(40);

      const again = await runCli('src/cli/metadata-backfill.ts', ['--execute', '--department', department], gateway.emulator.url, cliEnv);
      const summary = /updated (\d+) \| already current (\d+) \| user missing 0 \| busy 0 \| failed 0/.exec(again.stdout);
      expect(summary, again.stdout).not.toBeNull();
      expect(Number(summary![1]) + Number(summary![2])).toBe(40);
      expect(Number(summary![1])).toBeGreaterThan(0);
      // Every user updated exactly once across both runs.
      expect(await updated()).toBe(40);
    } finally {
      await gateway.control.configure({ preset: 'off' });
    }
  });

  it('npm run rollback --execute: stopped part-way, then resumed to the end', { timeout: 240_000 }, async () => {
    const department = uniqueDepartment('InterruptRollback');
    const seeded = await seedEmployees(gateway, Array.from({ length: 40 }, (_, i) => ({ name: `Rollback Person ${i}`, department, auth0: true as const })));
    const ids = seeded.map((seed) => seed.employee.id);
    // Off beforehand, so the command starts without its grace period.
    await setProvisioning(false);
    await new Promise((resolve) => setTimeout(resolve, 600)); // the search index catches up (500 ms lag)
    await gateway.control.configure({ preset: 'essentials', timeScale: 1 });
    const blocked = () => gateway.prisma.auditEvent.count({ where: { employeeId: { in: ids }, action: 'AUTH0_BLOCK_USER', outcome: 'SUCCESS' } });
    try {
      const args = ['--execute', '--mode', 'block', '--department', department];
      const first = await interrupted('src/cli/rollback.ts', args, async () => (await blocked()) >= 22);
      expect(first.code, first.stderr).toBe(130);
      const stopped = /stopped after (\d+) of 40 users \(provisioning stays off\); run the same command again to resume/.exec(first.stderr);
      expect(stopped, first.stderr).not.toBeNull();
      expect(Number(stopped![1])).toBeLessThan(40);

      const again = await runCli('src/cli/rollback.ts', args, gateway.emulator.url, cliEnv);
      expect(again.stderr).toMatch(/resuming rollback run [0-9a-f-]+/);
      expect(again.stdout).toMatch(/40\/40 users blocked/);
      expect(await blocked()).toBe(40);
    } finally {
      await gateway.control.configure({ preset: 'off' });
      await setProvisioning(true);
    }
  });
});
