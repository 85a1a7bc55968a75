// Operator CLIs of the lifecycle, run as an operator runs them (a separate process on this run's database
// and a running emulator): the import's per-line report, and the metadata backfill (dry run, --execute, rerun).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

describe('lifecycle CLIs', () => {
  let gateway: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    dir = await mkdtemp(path.join(tmpdir(), 'gw-lifecycle-cli-'));
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (script: string, args: string[]) =>
    runCli(script, args, gateway.emulator.url).catch((error: { code: number; stdout: string; stderr: string }) => error);

  it('npm run import reports invalid rows by their line in the file', async () => {
    const department = uniqueDepartment('Lines');
    const first = uniqueEmail('line.one');
    const file = path.join(dir, 'employees.csv');
    // Line 3 holds a quoted line break, so the row after it starts on line 5 (row 3 of the data).
    await writeFile(
      file,
      [
        'name,email,department,role',
        `Line One,${first},${department},`,
        `"Two\nLines",${uniqueEmail('line.two')},${department},team_lead`,
        `Bad Role,${uniqueEmail('line.bad')},${department},supervisor`,
        `Dup,${first},${department},`,
      ].join('\n'),
    );
    const { stdout } = await cli('src/cli/import-employees.ts', [file, '--dry-run']);
    expect(stdout).toContain('line 5 (');
    expect(stdout).toContain('role: Role must be one of production_associate, team_lead, manager, admin');
    expect(stdout).toContain(`line 6 (${first}): email: duplicate of line 2 in this import`);
    expect(stdout).not.toMatch(/^row /m);
  });

  it('npm run metadata:backfill lists, then applies, then skips what is current', { timeout: 60_000 }, async () => {
    const department = uniqueDepartment('Backfill');
    // Users made with the old metadata shape (no department, no role_code): what a tenant has before the backfill.
    const stale = await seedEmployee(gateway, { name: 'Old Shape', department, role: 'TEAM_LEAD', auth0: true });
    const missing = await seedEmployee(gateway, { name: 'Gone User', department, auth0: 'auth0|0000000000000000000000aa' });

    const dry = await cli('src/cli/metadata-backfill.ts', ['--department', department]);
    expect(dry.stdout).toContain(`would update: ${stale.employee.auth0UserId} <${stale.employee.email}>`);
    expect(dry.stdout).toContain(`user missing in Auth0: ${missing.employee.auth0UserId}`);
    expect(dry.stdout).toContain('dry run (nothing changed; --execute applies): | would update 1 | already current 0 | user missing 1');
    const before = (await gateway.control.users()).find((user) => user.user_id === stale.employee.auth0UserId);
    expect(before?.app_metadata).not.toHaveProperty('role_code');

    const applied = await cli('src/cli/metadata-backfill.ts', ['--department', department, '--execute']);
    expect(applied.stdout).toContain('metadata backfill: | updated 1 | already current 0 | user missing 1 | busy 0 | failed 0');
    const after = (await gateway.control.users()).find((user) => user.user_id === stale.employee.auth0UserId);
    expect(after).toMatchObject({
      app_metadata: { employee_id: stale.employee.id, created_by: 'productivity_system', department, role_code: 'team_lead' },
      user_metadata: { full_name: 'Old Shape', department },
    });
    const audited = await gateway.prisma.auditEvent.findMany({ where: { employeeId: stale.employee.id, action: 'AUTH0_UPDATE_USER' } });
    expect(audited.map((event) => [event.outcome, event.actor.startsWith('cli:metadata-backfill:')])).toEqual([['SUCCESS', true]]);

    const rerun = await cli('src/cli/metadata-backfill.ts', ['--department', department, '--execute']);
    expect(rerun.stdout).toContain('metadata backfill: | updated 0 | already current 1 | user missing 1');
  });
});
