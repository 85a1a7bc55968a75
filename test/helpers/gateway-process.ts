// A real gateway process (`src/server.ts`) for tests that need a second process or one to kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface GatewayProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
}

/**
 * The environment of a second gateway on this test run's database and the test's emulator, with its own
 * queue schema, quiet background checks and fast retries.
 */
export function secondGatewayEnv(databaseUrl: string, emulatorUrl: string, queueSchema: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    AUTH0_EMULATOR_URL: emulatorUrl,
    PROVISIONING_QUEUE_SCHEMA: queueSchema,
    PROVISIONING_SWEEP_SECONDS: '0',
    VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
    PROVISIONING_RETRY_DELAY_SECONDS: '1',
    PROVISIONING_RETRY_DELAY_MAX_SECONDS: '2',
  };
}

/**
 * How long a start may take before the test gives up on it. A start is a few seconds on a quiet machine;
 * with test files running side by side (vitest.config.ts) on a loaded 2-core machine, tsx's load of the
 * gateway has been seen to take over 30 s. A guard against a hang, not a measure of start-up speed.
 */
const READY_TIMEOUT_MS = 90_000;

/**
 * Spawns the gateway with `env` on top of this process's environment; resolves once it logs "gateway ready".
 * `nodeArgs` go to node after tsx's loader (e.g. another `--import`).
 */
export function startGatewayProcess(env: Record<string, string>, nodeArgs: string[] = [], readyTimeoutMs = READY_TIMEOUT_MS): Promise<GatewayProcess> {
  return startProcess('src/server.ts', 'gateway ready', env, nodeArgs, readyTimeoutMs);
}

/** `npm run worker` (src/cli/worker.ts) with `env`; resolves once it logs "provisioning worker ready". */
export function startWorkerProcess(env: Record<string, string>): Promise<GatewayProcess> {
  return startProcess('src/cli/worker.ts', 'provisioning worker ready', env, []);
}

function startProcess(entry: string, readyLine: string, env: Record<string, string>, nodeArgs: string[], readyTimeoutMs = READY_TIMEOUT_MS): Promise<GatewayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), readyTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${output}`));
    });
  });
}

/** A port nobody listens on right now (for a child process to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** SIGTERM, then the exit; nothing when the child is gone already. */
export async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
