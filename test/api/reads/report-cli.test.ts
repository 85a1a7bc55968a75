// The two report CLIs as an operator runs them, against this run's database and a running emulator.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.ts';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment, uniqueNameTag } from './seed.ts';

describe('report CLIs', () => {
  let gateway: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    await gateway.control.configure({ searchLagMs: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'gw-report-cli-'));
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (script: string, args: string[]) => runCli(script, args, gateway.emulator.url);

  it('npm run report:reconciliation prints the report for a department (text and JSON)', async () => {
    const department = uniqueDepartment('Cli');
    const missing = await seedEmployee(gateway, { name: 'Cli Missing', department, status: 'FAILED' });
    await seedEmployee(gateway, { name: 'Cli Fine', department, auth0: true });

    const json = JSON.parse((await cli('src/cli/report-reconciliation.ts', ['--department', department, '--json'])).stdout);
    expect(json.employeesChecked).toBe(2);
    expect(json.employeesWithoutAuth0User).toHaveLength(1);
    expect(json.employeesWithoutAuth0User[0]).toMatchObject({ reason: 'NOT_LINKED', employee: { id: missing.employee.id } });
    expect([json.orphanedAuth0Users, json.duplicateAuth0Users, json.roleDrift, json.staleUnverified]).toEqual([[], [], [], []]);

    const text = (await cli('src/cli/report-reconciliation.ts', ['--department', department])).stdout;
    expect(text).toContain('Employees without an Auth0 user (1)');
    expect(text).toContain(`NOT_LINKED          Cli Missing <${missing.employee.email}>`);
    expect(text).toContain('Role drift (0)');
  });

  it('npm run report:podfactory -- roster.csv matches a CSV roster', async () => {
    const tag = uniqueNameTag();
    const employee = await seedEmployee(gateway, {
      name: `Cli Person${tag}`,
      email: `cli.person${tag}@warehouse-example.com`,
      department: uniqueDepartment('Cli'),
    });
    const file = path.join(dir, 'roster.csv');
    await writeFile(file, `name,email\n"cli.person${tag}",\nSomeone Else${tag},cli.person${tag}.pick@warehouse-example.com\nNobody${tag},\n`);
    const { stdout } = await cli('src/cli/report-podfactory.ts', [file]);
    expect(stdout).toContain(`MATCHED    cli.person${tag} -> Cli Person${tag} <${employee.employee.email}>`);
    expect(stdout).toContain('by EMAIL (name differs: renamed?)');
    expect(stdout).toContain(`UNMATCHED  Nobody${tag}`);
    expect(stdout).toContain('3 entries: 2 matched, 0 ambiguous, 1 unmatched.');
  });

  it('refuses a missing roster argument with the usage', async () => {
    await expect(cli('src/cli/report-podfactory.ts', [])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing argument (npm run report:podfactory -- <roster.csv> [--json]); see npm run report:podfactory -- --help'),
    });
  });

  it('answers a roster or import file that does not exist with one line and exit 2, no stack trace', async () => {
    const missing = path.join(dir, 'no-such-file.csv');
    for (const script of ['src/cli/report-podfactory.ts', 'src/cli/import-employees.ts']) {
      const failure = await cli(script, [missing]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure.code, script).toBe(2);
      const command = script.includes('podfactory') ? 'npm run report:podfactory --' : 'npm run import --';
      expect(failure.stderr.trim().split('\n'), script).toEqual([`cannot read ${missing}: ENOENT: no such file or directory, open '${missing}'; see ${command} --help`]);
    }
  });
});
