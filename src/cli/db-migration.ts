// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// changes in prisma/schema.prisma (`prisma migrate dev --create-only`). It needs a PostgreSQL server to
// replay the existing migrations on a throwaway database; your own database's data is never touched.
import path from 'node:path';
import { createMigration, MigrationError } from '../db/migrations.ts';
import { runWithGateway } from './cli-gateway.ts';
import { parseCommand, usageError } from './command.ts';

const spec = {
  command: 'npm run db:migration --',
  usage: `usage: npm run db:migration -- <name>      e.g. npm run db:migration -- add_employee_phone

  <name>  snake_case name of the migration (letters, digits, underscores)`,
  options: {},
  positionals: { min: 1, max: 1 },
} as const;

const name = parseCommand(spec).positionals[0]!.trim();
if (!/^[A-Za-z0-9_-]+$/.test(name)) usageError(spec, `the migration name must be letters, digits and underscores, got '${name}'`);

await runWithGateway(async (gateway) => {
  const database = await gateway.databaseUrl();
  console.log(`Server for the scratch database: ${database.label}`);
  const startedAt = performance.now();
  const migration = await createMigration(database.url, name).catch((error: unknown) => {
    if (error instanceof MigrationError) throw new Error(`Could not create the migration${error.code ? ` [${error.code}]` : ''}: ${error.message}`, { cause: error });
    throw error;
  });
  const ms = Math.round(performance.now() - startedAt);
  if (migration === null) {
    console.log(`No schema changes: prisma/schema.prisma matches the existing migrations, nothing written (${ms} ms).`);
  } else {
    console.log(`Wrote ${path.relative(process.cwd(), migration.path)} (${ms} ms):\n`);
    console.log(migration.sql.trimEnd());
    console.log('\nReview it, then apply it with `npm run db:migrate` (the gateway also applies it on start).');
  }
});
