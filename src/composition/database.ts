// Where the database is (DATABASE_URL, the embedded PostgreSQL, or the machine's own) and its Prisma client.
import pg from 'pg';
import { applyMigrationsAtStart } from '../db/startup-migrations.ts';
import { createPrismaClient, type PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { StartupError } from '../startup-error.ts';
import { localGatewayFile, runningLocalGateway } from './local-gateway.ts';

export interface Database {
  url: string;
  prisma: PrismaClient;
}

export interface DatabaseLocation {
  url: string;
  /** Where it is, without the password: safe to print. */
  label: string;
}

export async function openDatabase(
  env: Env,
  logger: Logger,
  url: string,
  options: { migrate: boolean; maxConnections: number },
): Promise<Database> {
  if (options.migrate) {
    const migration = await applyMigrationsAtStart(url);
    logger.info({ applied: migration.applied }, migration.applied.length ? 'migrations applied' : 'database schema up to date');
  }
  const prisma = createPrismaClient(url, { maxConnections: options.maxConnections, preparedStatements: env.database.preparedStatements });
  return { url, prisma };
}

export async function resolveDatabaseUrl(
  env: Env,
  logger: Logger,
  embedded: 'start' | 'reuse' | 'refuse',
  onClose: (cleanup: () => Promise<void>) => void,
): Promise<DatabaseLocation> {
  if (env.database.url) return { url: env.database.url, label: `${redactPassword(env.database.url)} (DATABASE_URL)` };
  const { port, dataDir } = env.database.embedded;
  const running = await runningLocalGateway(env);
  if (running && embedded === 'start') {
    throw new StartupError(
      `a gateway already runs in this checkout (PID ${running.pid}, ${running.url}): use it, or stop it first (Ctrl-C in its terminal, or kill -TERM ${running.pid}); ` +
        'a second gateway beside it needs its own EMBEDDED_POSTGRES_DIR, EMBEDDED_POSTGRES_PORT, PORT and AUTH0_EMULATOR_PORT',
    );
  }
  if (running?.databaseUrl) {
    return { url: running.databaseUrl, label: `the database of the gateway running in this checkout (PID ${running.pid}, ${redactPassword(running.databaseUrl)}; DATABASE_URL is not set)` };
  }
  if (embedded === 'refuse') {
    throw new StartupError(
      `DATABASE_URL is not set and no gateway runs in this checkout (${localGatewayFile(env)} names none): start one with npm start and run this again, ` +
        `or set DATABASE_URL (the embedded database of a gateway started elsewhere: DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:${port}/gateway)`,
    );
  }
  // Loaded only here: a process with DATABASE_URL (production) never loads the embedded server.
  const { embeddedDatabaseUrl, startEmbeddedPostgres, EmbeddedPostgresUnreachableError } = await import('../db/embedded-postgres.ts');
  const label = `embedded PostgreSQL in ${dataDir} on port ${port} (DATABASE_URL is not set`;
  if (embedded === 'reuse' && (await answers(embeddedDatabaseUrl(port)))) {
    return { url: embeddedDatabaseUrl(port), label: `${label}; the running gateway's)` };
  }
  let started;
  try {
    started = await startEmbeddedPostgres({
      dataDir,
      port,
      log: (message: string) => logger.debug({ component: 'embedded-postgres' }, message),
    });
  } catch (error) {
    // Root under a 0700 folder: the machine's own PostgreSQL, when one answers, serves instead.
    if (!(error instanceof EmbeddedPostgresUnreachableError)) throw error;
    const machine = await machineDatabase();
    if (!machine) throw error;
    logger.warn({ reason: error.message }, `the embedded PostgreSQL cannot run here; using the machine's PostgreSQL (${redactPassword(machine)})`);
    return { url: machine, label: `${redactPassword(machine)} (the machine's PostgreSQL: the embedded one cannot run here)` };
  }
  onClose(started.stop);
  logger.warn({ dataDir, port }, 'DATABASE_URL is not set: using the embedded PostgreSQL (development only)');
  return { url: started.url, label: `${label}; ${started.initialised ? 'initialised now' : 'existing data'})` };
}

/** The PostgreSQL installed on this machine (127.0.0.1:5432, user postgres, trust), with a database of ours. */
async function machineDatabase(): Promise<string | undefined> {
  const admin = 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (!(await answers(admin))) return undefined;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'employee_gateway'");
    if (rowCount === 0) await client.query('CREATE DATABASE employee_gateway');
  } finally {
    await client.end();
  }
  return 'postgresql://postgres@127.0.0.1:5432/employee_gateway';
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
