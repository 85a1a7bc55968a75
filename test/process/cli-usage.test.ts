// Every command parses strictly (src/cli/command.ts): a misspelt flag or an extra argument does nothing,
// says which in one line and exits 2; --help prints the usage and exits 0. Run as an operator runs them,
// with this run's database and an emulator as their configuration, so a command that ignored the flag
// would really do its work (and the assertions below would see it).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../helpers/emulator.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { uniqueEmail } from '../helpers/gateway.ts';
import pg from 'pg';

const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe('every CLI refuses what it does not know', () => {
  let emulator: RunningEmulator;
  let dir: string;
  const email = uniqueEmail('misspelt.flag');

  beforeAll(async () => {
    emulator = await startGatewayEmulator();
    dir = await mkdtemp(path.join(tmpdir(), 'gw-cli-usage-'));
    await writeFile(path.join(dir, 'staff.csv'), `name,email,department\nMis Spelt,${email},Picking\n`);
    await writeFile(path.join(dir, 'roster.csv'), 'name,email\nMis Spelt,\n');
  });
  afterAll(async () => {
    await emulator?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (script: string, args: string[]): Promise<Outcome> =>
    run(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: testDatabaseUrl(), AUTH0_EMULATOR_URL: emulator.url },
      timeout: 120_000,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: Outcome) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  const misspelt: [script: string, args: string[], named: string][] = [
    ['src/cli/import-employees.ts', ['STAFF', '--dry_run'], "unknown option '--dry_run'"],
    ['src/cli/import-employees.ts', ['STAFF', 'STAFF'], 'unexpected argument'],
    ['src/cli/rollback.ts', ['--exeucte'], "unknown option '--exeucte'"],
    ['src/cli/metadata-backfill.ts', ['--excute'], "unknown option '--excute'"],
    ['src/cli/report-reconciliation.ts', ['--jsn'], "unknown option '--jsn'"],
    ['src/cli/report-podfactory.ts', ['ROSTER', '--jsonn'], "unknown option '--jsonn'"],
    ['src/cli/db-migrate.ts', ['--rolledback', 'x'], "unknown option '--rolledback'"],
    ['src/cli/db-migration.ts', ['add_phone', 'extra'], "unexpected argument 'extra'"],
    ['src/cli/worker.ts', ['--concurency', '3'], "unknown option '--concurency'"],
    ['src/cli/dev-token.ts', ['--rol', 'admin'], "unknown option '--rol'"],
    ['src/cli/print-schema.ts', ['--chek'], "unknown option '--chek'"],
    ['src/cli/prisma-generate.ts', ['--schema', 'x'], "unknown option '--schema'"],
    ['src/cli/emulator.ts', ['--prot', '4999'], "nknown option '--prot'"],
    ['packages/auth0-emulator/src/bin.ts', ['--preset', 'platinum', '--port', '0'], 'preset'],
  ];

  it('a misspelt flag or an extra argument: one line naming it, exit 2, nothing done', { timeout: 240_000 }, async () => {
    const schemaBefore = await readFile('schema.graphql', 'utf8');
    const outcomes = await inBatches(misspelt, ([script, args]) =>
      cli(script, args.map((arg) => (arg === 'STAFF' ? path.join(dir, 'staff.csv') : arg === 'ROSTER' ? path.join(dir, 'roster.csv') : arg))),
    );
    for (const [index, [script, args, named]] of misspelt.entries()) {
      const outcome = outcomes[index]!;
      const what = `${script} ${args.join(' ')}: ${JSON.stringify(outcome)}`;
      expect(outcome.code, what).toBe(2);
      expect(outcome.stderr, what).toContain(named);
      expect(outcome.stdout, what).toBe('');
      // The emulator package's own CLI comes from main's copy until the merge; the gateway's commands are ours.
      if (script !== 'src/cli/emulator.ts') expect(outcome.stderr.trim().split('\n'), what).toHaveLength(1);
    }
    // Nothing happened: the import stored nobody, the schema printer wrote nothing.
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      expect((await client.query('SELECT 1 FROM "Employee" WHERE email = $1', [email])).rowCount).toBe(0);
    } finally {
      await client.end();
    }
    expect(await readFile('schema.graphql', 'utf8')).toBe(schemaBefore);
  });

  it('--help prints the usage on stdout and exits 0', { timeout: 240_000 }, async () => {
    const scripts = ['src/cli/import-employees.ts', 'src/cli/rollback.ts', 'src/cli/metadata-backfill.ts', 'src/cli/report-podfactory.ts', 'src/cli/worker.ts', 'src/cli/db-migrate.ts'];
    const outcomes = await inBatches(scripts, (script) => cli(script, ['--help']));
    for (const [index, outcome] of outcomes.entries()) {
      expect(outcome, scripts[index]).toMatchObject({ code: 0, stderr: '' });
      expect(outcome.stdout, scripts[index]).toMatch(/^usage: npm run /);
    }
    const { stdout } = outcomes[0]!;
    for (const flag of ['--dry-run', '--adopt-existing', '--no-wait', '--timeout-seconds']) expect(stdout).toContain(flag);
  });

  it('an empty import is refused before anything is stored', { timeout: 120_000 }, async () => {
    await writeFile(path.join(dir, 'empty.csv'), 'name,email,department\n');
    const outcome = await cli('src/cli/import-employees.ts', [path.join(dir, 'empty.csv')]);
    expect(outcome).toMatchObject({ code: 2, stdout: '' });
    expect(outcome.stderr).toContain('holds no employee rows');
  });
});

/** A few processes at a time: each loads TypeScript through tsx, and the machine is shared. */
async function inBatches<T, R>(items: readonly T[], run: (item: T) => Promise<R>, size = 4): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  return results;
}
