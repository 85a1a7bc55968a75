// Migrations as a gateway or worker process applies them at start. Prisma's schema engine is a 5 MB
// WebAssembly module: once instantiated, its compiled code and memory stay for the life of the process
// (about 15-20 MB resident, measured in bench/memory.bench.ts). So: nothing is loaded when the database
// already has every migration (a restart, the usual case), and pending migrations are applied in a worker
// thread whose memory goes when it ends.
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { defaultMigrationsDir, MigrationError, readMigrationsList } from './migrations.ts';

export interface StartupMigrationResult {
  applied: string[];
  /** False when nothing was pending and the schema engine was not needed. */
  engineRan: boolean;
}

/** What the migration worker posts back: the applied names, or the error's parts (an Error loses its class across threads). */
export type MigrationWorkerReply =
  | { applied: string[] }
  | { error: { message: string; code: string | undefined; migrationName: string | undefined } };

export async function applyMigrationsAtStart(databaseUrl: string, migrationsDir = defaultMigrationsDir): Promise<StartupMigrationResult> {
  if ((await pendingMigrations(databaseUrl, migrationsDir)).length === 0) return { applied: [], engineRan: false };
  const reply = await runMigrationWorker({ databaseUrl, migrationsDir });
  if ('error' in reply) throw new MigrationError(reply.error.message, reply.error.code, reply.error.migrationName);
  return { applied: reply.applied, engineRan: true };
}

/**
 * The migrations of `migrationsDir` that `_prisma_migrations` does not record as finished (all of them
 * when the table does not exist). A failed or unfinished migration counts as pending, so the engine runs
 * and reports it (P3009) exactly as `prisma migrate deploy` would.
 */
export async function pendingMigrations(databaseUrl: string, migrationsDir = defaultMigrationsDir): Promise<string[]> {
  const local = (await readMigrationsList(migrationsDir)).migrationDirectories.map((directory) => directory.path);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished: boolean; rolled_back: boolean }>(
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
         FROM _prisma_migrations`,
    );
    if (rows.some((row) => !row.finished && !row.rolled_back)) return local;
    const finished = new Set(rows.filter((row) => row.finished && !row.rolled_back).map((row) => row.migration_name));
    return local.filter((name) => !finished.has(name));
  } catch (error) {
    if ((error as { code?: unknown }).code === '42P01') return local; // undefined_table: a new database
    throw error;
  } finally {
    await client.end();
  }
}

function runMigrationWorker(workerData: { databaseUrl: string; migrationsDir: string }): Promise<MigrationWorkerReply> {
  // A worker inherits the process's node options (tsx's loader under npm start). From the TypeScript
  // sources without tsx in them (a test runner's process) it gets tsx's loader alone: V8 flags such as
  // --expose-gc are refused when given to a worker explicitly. From dist/ it is plain JavaScript.
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(fromSource ? './migration-worker.ts' : './migration-worker.js', import.meta.url);
  const needsTsx = fromSource && !process.execArgv.some((arg) => arg.includes('tsx'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData, ...(needsTsx ? { execArgv: ['--import', 'tsx'] } : {}) });
    let reply: MigrationWorkerReply | undefined;
    worker.once('message', (message: MigrationWorkerReply) => (reply = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (reply ? resolve(reply) : reject(new Error(`the migration worker exited with code ${code} and no answer`))));
  });
}
