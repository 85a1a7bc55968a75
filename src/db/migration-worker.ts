// Runs in a worker thread (src/db/startup-migrations.ts): applies the pending migrations and posts the
// outcome, so the schema engine's WebAssembly memory ends with the thread.
import { parentPort, workerData } from 'node:worker_threads';
import { applyMigrations, MigrationError } from './migrations.ts';
import type { MigrationWorkerReply } from './startup-migrations.ts';

const { databaseUrl, migrationsDir } = workerData as { databaseUrl: string; migrationsDir: string };
let reply: MigrationWorkerReply;
try {
  reply = await applyMigrations(databaseUrl, { migrationsDir });
} catch (error) {
  // applyMigrations throws MigrationError only; anything else is a bug and fails the worker as it is.
  if (!(error instanceof MigrationError)) throw error;
  reply = { error: { message: error.message, code: error.code, migrationName: error.migrationName } };
}
parentPort!.postMessage(reply);
