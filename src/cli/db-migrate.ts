// `npm run db:migrate`: applies pending migrations (prisma/migrations) like `prisma migrate deploy`.
// `npm run db:migrate -- --rolled-back <name>`: marks a failed migration rolled back after a manual fix
// (`prisma migrate resolve --rolled-back`), so the next run retries it.
import path from 'node:path';
import { applyMigrations, defaultMigrationsDir, markMigrationRolledBack, MigrationError, readMigrationsList } from '../db/migrations.ts';
import { composeCliGateway } from './cli-gateway.ts';

const args = process.argv.slice(2);
const rolledBackIndex = args.indexOf('--rolled-back');
const rolledBack = rolledBackIndex >= 0 ? args[rolledBackIndex + 1] : undefined;
if (args.includes('--help') || (rolledBackIndex >= 0 && rolledBack === undefined) || args.length > (rolledBackIndex >= 0 ? 2 : 0)) {
  console.error('usage: npm run db:migrate [-- --rolled-back <migration_name>]');
  process.exit(2);
}

const migrationsDir = path.relative(process.cwd(), defaultMigrationsDir) || '.';
const gateway = composeCliGateway();
let exitCode = 0;
try {
  const database = await gateway.databaseUrl();
  console.log(`Database: ${database.label}`);
  if (rolledBack !== undefined) {
    await markMigrationRolledBack(database.url, rolledBack);
    console.log(`Marked ${rolledBack} as rolled back; \`npm run db:migrate\` will apply it again.`);
  } else {
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
  }
} catch (error) {
  console.error(error instanceof MigrationError ? `Migration failed${error.code ? ` [${error.code}]` : ''}: ${error.message}` : error);
  exitCode = 1;
} finally {
  await gateway.close();
}
process.exit(exitCode);
