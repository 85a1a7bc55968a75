// A gateway CLI (src/cli/*.ts) as an operator runs it: its own process, this run's database and the test's
// emulator as its whole configuration. Rejects with { code, stdout, stderr } on a non-zero exit.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testDatabaseUrl } from './database.ts';

const run = promisify(execFile);

export function runCli(script: string, args: string[], emulatorUrl: string, extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  const env = {
    ...extraEnv,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    AUTH0_EMULATOR_URL: emulatorUrl,
  };
  return run(process.execPath, ['--import', 'tsx', script, ...args], { env, cwd: process.cwd(), timeout: 120_000 });
}
