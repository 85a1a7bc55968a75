// Test-side access to this run's database (created and migrated once by test/setup/global-database.ts).
import { inject } from 'vitest';
import { applyMigrations, withScratchDatabase as withDatabase, type MigrationOptions } from '../../src/db/migrations.ts';

/** This run's shared, migrated database. Tests share it: use unique data (e.g. emails) per test. */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

/**
 * Runs `fn` with a database of its own on the same server, dropped afterwards: for tests that need an
 * empty database (`migrate: false`, the default) or a freshly migrated one (`migrate: true`).
 */
export function withScratchDatabase<T>(
  fn: (databaseUrl: string) => Promise<T>,
  options: { migrate?: boolean | MigrationOptions } = {},
): Promise<T> {
  return withDatabase(testDatabaseUrl(), 'gw_scratch', async (databaseUrl) => {
    if (options.migrate) await applyMigrations(databaseUrl, options.migrate === true ? {} : options.migrate);
    return fn(databaseUrl);
  });
}
