// `npm run db:migrate`: applies pending migrations (prisma/migrations) like `prisma migrate deploy`.
// `npm run db:migrate -- --rolled-back <name>`: marks a failed migration rolled back after a manual fix
// (`prisma migrate resolve --rolled-back`), so the next run retries it.
import path from 'node:path';
import { applyMigrations, defaultMigrationsDir, markMigrationRolledBack, MigrationError, readMigrationsList } from '../db/migrations.ts';
import { runWithGateway } from './cli-gateway.ts';
import { parseCommand } from './command.ts';

const spec = {
  command: 'npm run db:migrate --',
  usage: `usage: npm run db:migrate [-- --rolled-back <migration_name>]

  --rolled-back <name>  mark a failed migration rolled back (after fixing it by hand) so the next run applies it again`,
  options: { 'rolled-back': { type: 'string' } },
} as const;

const rolledBack = parseCommand(spec).values['rolled-back'];
const migrationsDir = path.relative(process.cwd(), defaultMigrationsDir) || '.';

await runWithGateway(async (gateway) => {
  const database = await gateway.databaseUrl();
  console.log(`Database: ${database.label}`);
  try {
    if (rolledBack !== undefined) {
      await markMigrationRolledBack(database.url, rolledBack);
      console.log(`Marked ${rolledBack} as rolled back; \`npm run db:migrate\` will apply it again.`);
      return;
    }
    const startedAt = performance.now();
    const { migrationDirectories } = await readMigrationsList(defaultMigrationsDir);
    const { applied } = await applyMigrations(database.url);
    const ms = Math.round(performance.now() - startedAt);
    if (applied.length === 0) {
      console.log(`No pending migrations: all ${migrationDirectories.length} in ${migrationsDir} are applied (${ms} ms).`);
    } else {
      console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} from ${migrationsDir} in ${ms} ms:`);
      for (const name of applied) console.log(`  ${name}`);
    }
  } catch (error) {
    if (error instanceof MigrationError) throw new Error(`Migration failed${error.code ? ` [${error.code}]` : ''}: ${error.message}`, { cause: error });
    throw error;
  }
});
