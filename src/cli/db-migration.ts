// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// changes in prisma/schema.prisma (`prisma migrate dev --create-only`). It needs a PostgreSQL server to
// replay the existing migrations on a throwaway database; your own database's data is never touched.
import path from 'node:path';
import { createMigration, MigrationError } from '../db/migrations.ts';
import { composeCliGateway } from './cli-gateway.ts';

const name = process.argv.slice(2).join(' ').trim();
if (name === '' || name === '--help') {
  console.error('usage: npm run db:migration -- <name>      e.g. npm run db:migration -- add_employee_phone');
  process.exit(2);
}

const gateway = composeCliGateway();
let exitCode = 0;
try {
  const database = await gateway.databaseUrl();
  console.log(`Server for the scratch database: ${database.label}`);
  const startedAt = performance.now();
  const migration = await createMigration(database.url, name);
  const ms = Math.round(performance.now() - startedAt);
  if (migration === null) {
    console.log(`No schema changes: prisma/schema.prisma matches the existing migrations, nothing written (${ms} ms).`);
  } else {
    console.log(`Wrote ${path.relative(process.cwd(), migration.path)} (${ms} ms):\n`);
    console.log(migration.sql.trimEnd());
    console.log('\nReview it, then apply it with `npm run db:migrate` (the gateway also applies it on start).');
  }
} catch (error) {
  console.error(error instanceof MigrationError ? `Could not create the migration${error.code ? ` [${error.code}]` : ''}: ${error.message}` : error);
  exitCode = 1;
} finally {
  await gateway.close();
}
process.exit(exitCode);
