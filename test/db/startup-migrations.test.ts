// Migrations at process start (src/db/startup-migrations.ts): the schema engine runs only when something
// is pending, and then in a worker thread; an up-to-date database costs one query.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrationsAtStart, pendingMigrations } from '../../src/db/startup-migrations.ts';
import { defaultMigrationsDir, MigrationError, readMigrationsList } from '../../src/db/migrations.ts';
import { withScratchDatabase } from '../helpers/database.ts';

const migrationNames = async () => (await readMigrationsList(defaultMigrationsDir)).migrationDirectories.map((directory) => directory.path);

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('migrations at start', () => {
  it('applies every migration to a new database in a worker thread, then finds nothing pending', { timeout: 60_000 }, async () => {
    await withScratchDatabase(async (url) => {
      const names = await migrationNames();
      expect(await pendingMigrations(url)).toEqual(names);
      expect(await applyMigrationsAtStart(url)).toEqual({ applied: names, engineRan: true });
      expect(await pendingMigrations(url)).toEqual([]);
      expect(await applyMigrationsAtStart(url)).toEqual({ applied: [], engineRan: false });
    });
  });

  it('counts a failed migration as pending, so the engine reports it as prisma migrate deploy would', { timeout: 60_000 }, async () => {
    await withScratchDatabase(
      async (url) => {
        const [last] = (await migrationNames()).slice(-1);
        await sql(url, `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${last}'`);
        expect(await pendingMigrations(url)).toEqual(await migrationNames());
        const failure = await applyMigrationsAtStart(url).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(MigrationError);
        expect(failure).toMatchObject({ code: 'P3009' });
      },
      { migrate: true },
    );
  });

  it('treats a migration that was rolled back as pending', { timeout: 60_000 }, async () => {
    await withScratchDatabase(
      async (url) => {
        const [last] = (await migrationNames()).slice(-1);
        await sql(url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${last}'`);
        expect(await pendingMigrations(url)).toEqual([last]);
      },
      { migrate: true },
    );
  });
});
