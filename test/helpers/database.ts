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

/**
 * A scratch database like withScratchDatabase's, held across a file's tests (open it in beforeAll, drop it
 * in afterAll): for tests that must see no other file's writes, or that empty a table.
 */
export async function holdScratchDatabase(options: { migrate?: boolean | MigrationOptions } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let opened!: (url: string) => void;
  const url = new Promise<string>((resolve) => (opened = resolve));
  const held = withScratchDatabase(async (databaseUrl) => {
    opened(databaseUrl);
    await released;
  }, options);
  // Settles first only when creating or migrating the database failed.
  const failed = held.then(() => Promise.reject(new Error('the scratch database was dropped before use')));
  failed.catch(() => undefined);
  return {
    url: await Promise.race([url, failed]),
    drop: async () => {
      release();
      await held;
    },
  };
}
