import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  lockfileContent,
  markMigrationRolledBack,
  MigrationError,
  migrationSlug,
  migrationTimestamp,
} from '../../src/db/migrations.ts';
import { testDatabaseUrl, withScratchDatabase } from '../helpers/database.ts';

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const migrationRows = (url: string) => sql<MigrationRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const tableExists = async (url: string, table: string) =>
  (await sql<{ found: string | null }>(url, 'SELECT to_regclass($1)::text AS found', [`public."${table}"`]))[0]?.found != null;

let workDir: string;
/** The committed migrations, oldest first. */
let migrations: { name: string; sql: string }[];
let migrationNames: string[];

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'gw-migrations-test-'));
  const directories = (await readdir(defaultMigrationsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  migrationNames = directories.map((entry) => entry.name).sort();
  expect(migrationNames[0]).toMatch(/^\d{14}_init$/);
  migrations = await Promise.all(
    migrationNames.map(async (name) => ({ name, sql: await readFile(path.join(defaultMigrationsDir, name, 'migration.sql'), 'utf8') })),
  );
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A copy of the real migrations directory, plus extra migrations, in a temp folder. */
async function migrationsDirWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(workDir, 'migrations-'));
  await cp(defaultMigrationsDir, dir, { recursive: true });
  for (const [name, content] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), content);
  }
  return dir;
}

describe('applyMigrations', () => {
  it('applies the init migration to an empty database and records it as `prisma migrate deploy` does', async () => {
    await withScratchDatabase(async (url) => {
      const startedAt = Date.now();
      expect(await applyMigrations(url)).toEqual({ applied: migrationNames });

      expect(await tableExists(url, 'Employee')).toBe(true);
      expect(await tableExists(url, 'AuditEvent')).toBe(true);
      const rows = await migrationRows(url);
      expect(rows).toEqual(
        migrations.map((migration) => ({
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          checksum: sha256(migration.sql),
          finished_at: expect.any(Date),
          migration_name: migration.name,
          logs: null,
          rolled_back_at: null,
          started_at: expect.any(Date),
          applied_steps_count: 1,
        })),
      );
      const row = rows[0]!;
      expect(row.started_at.getTime()).toBeGreaterThanOrEqual(startedAt - 5_000);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());

      // The table itself is Prisma's, so the stock CLI can take over this database.
      const columns = await sql<{ column_name: string; data_type: string; is_nullable: string }>(
        url,
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`)).toEqual([
        'id character varying NO',
        'checksum character varying NO',
        'finished_at timestamp with time zone YES',
        'migration_name character varying NO',
        'logs text YES',
        'rolled_back_at timestamp with time zone YES',
        'started_at timestamp with time zone NO',
        'applied_steps_count integer NO',
      ]);
    });
  });

  it('applies nothing on a second run', async () => {
    await withScratchDatabase(async (url) => {
      await applyMigrations(url);
      const before = await migrationRows(url);
      expect(await applyMigrations(url)).toEqual({ applied: [] });
      expect(await migrationRows(url)).toEqual(before);
    });
  });

  it('left the shared test database migrated', async () => {
    expect(await applyMigrations(testDatabaseUrl())).toEqual({ applied: [] });
  });

  it('reports a failing migration as failed, keeps none of its statements, and refuses to go on until it is resolved', async () => {
    const broken = '20990101000000_broken';
    const brokenSql = 'CREATE TABLE "Partial" (id int);\nINSERT INTO "Partial" VALUES (1);\nSELECT * FROM "NoSuchTable";\n';
    const dir = await migrationsDirWith({ [broken]: brokenSql });
    await withScratchDatabase(async (url) => {
      const failure = await applyMigrations(url, { migrationsDir: dir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect(failure).toMatchObject({ code: 'P3018', migrationName: broken });
      expect((failure as Error).message).toContain(`Migration \`${broken}\` failed to apply`);
      expect((failure as Error).message).toContain('relation "NoSuchTable" does not exist (PostgreSQL 42P01)');

      // The migrations before it stay applied; its own statements were rolled back with it.
      expect(await tableExists(url, 'Employee')).toBe(true);
      expect(await tableExists(url, 'Partial')).toBe(false);
      const rows = await migrationRows(url);
      expect(rows.map((row) => row.migration_name)).toEqual([...migrationNames, broken]);
      expect(rows.at(-1)).toMatchObject({
        checksum: sha256(brokenSql),
        finished_at: null,
        rolled_back_at: null,
        applied_steps_count: 0,
        logs: expect.stringContaining(broken),
      });

      // Like `prisma migrate deploy`: no silent pass while a failed migration is recorded (P3009).
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toMatchObject({ code: 'P3009', migrationName: broken });
      await expect(applyMigrations(url)).rejects.toMatchObject({ code: 'P3009' });

      // The `prisma migrate resolve --rolled-back` path: mark it, fix it, apply it again.
      await markMigrationRolledBack(url, broken);
      await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "Partial" (id int);\n');
      expect(await applyMigrations(url, { migrationsDir: dir })).toEqual({ applied: [broken] });
      const after = await migrationRows(url);
      expect(after.filter((row) => row.migration_name === broken).map((row) => [row.rolled_back_at !== null, row.finished_at !== null])).toEqual([
        [true, false],
        [false, true],
      ]);
    });
  });

  it('runs a migration as one script, so semicolons inside bodies and literals are fine', async () => {
    const dir = await migrationsDirWith({
      '20990101000000_function': `CREATE FUNCTION gw_touch() RETURNS trigger AS $$
BEGIN
  NEW."updatedAt" := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
COMMENT ON FUNCTION gw_touch() IS 'sets "updatedAt"; used by no table yet';
`,
    });
    await withScratchDatabase(async (url) => {
      expect((await applyMigrations(url, { migrationsDir: dir })).applied).toHaveLength(migrationNames.length + 1);
      const [comment] = await sql<{ description: string }>(url, `SELECT obj_description('gw_touch'::regproc) AS description`);
      expect(comment?.description).toBe('sets "updatedAt"; used by no table yet');
    });
  });

  it('refuses a migrations directory locked to another provider', async () => {
    const dir = await migrationsDirWith({});
    await writeFile(path.join(dir, 'migration_lock.toml'), lockfileContent('sqlite'));
    await withScratchDatabase(async (url) => {
      await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toBeInstanceOf(MigrationError);
      expect(await tableExists(url, 'Employee')).toBe(false);
    });
  });
});

describe('createMigration', () => {
  const scratchDatabases = async () =>
    (await sql<{ datname: string }>(testDatabaseUrl(), `SELECT datname FROM pg_database WHERE datname LIKE 'gw_migration_%'`)).map((row) => row.datname);

  it('returns null and writes nothing when the schema has no changes', async () => {
    const dir = await migrationsDirWith({});
    const before = await readdir(dir);
    expect(await createMigration(testDatabaseUrl(), 'nothing', { migrationsDir: dir })).toBeNull();
    expect(await readdir(dir)).toEqual(before);
  });

  it('writes the next migration from a schema change, on a scratch database it drops afterwards', async () => {
    const dir = await migrationsDirWith({});
    const schemaPath = path.join(workDir, 'schema-with-phone.prisma');
    const schema = await readFile(defaultSchemaPath, 'utf8');
    await writeFile(schemaPath, schema.replace(/(\n\s+department\s+String\n)/, '$1  phone String?\n'));
    const scratchBefore = await scratchDatabases();
    const tablesBefore = await sql(testDatabaseUrl(), `SELECT column_name FROM information_schema.columns WHERE table_name = 'Employee'`);

    const now = new Date('2099-02-03T04:05:06Z');
    const migration = await createMigration(testDatabaseUrl(), 'addEmployee Phone', { migrationsDir: dir, schemaPath, now });

    expect(migration).toEqual({
      path: path.join(dir, '20990203040506_add_employee_phone', 'migration.sql'),
      sql: expect.stringContaining('ALTER TABLE "Employee" ADD COLUMN     "phone" TEXT;'),
    });
    expect(await readFile(migration!.path, 'utf8')).toBe(migration!.sql);
    expect((await scratchDatabases()).filter((name) => !scratchBefore.includes(name))).toEqual([]);
    // The database we were pointed at is only the server for the scratch database: untouched.
    expect(await sql(testDatabaseUrl(), `SELECT column_name FROM information_schema.columns WHERE table_name = 'Employee'`)).toEqual(tablesBefore);

    // The written history applies, and then matches the edited schema.
    await withScratchDatabase(async (url) => {
      expect((await applyMigrations(url, { migrationsDir: dir, schemaPath })).applied).toEqual([...migrationNames, '20990203040506_add_employee_phone']);
    });
    expect(await createMigration(testDatabaseUrl(), 'again', { migrationsDir: dir, schemaPath })).toBeNull();
  });

  it('writes migration_lock.toml when the directory has none (first migration)', async () => {
    const dir = await mkdtemp(path.join(workDir, 'empty-'));
    const migration = await createMigration(testDatabaseUrl(), 'init', { migrationsDir: dir, now: new Date('2099-01-01T00:00:00Z') });
    // One migration holding the whole committed history (the same SQL the engine wrote then): every index
    // and foreign key verbatim, every type and table by name (later ALTERs fold into their CREATE), except
    // indexes a later migration dropped.
    const dropped = new Set(migrations.flatMap(({ sql: committed }) => [...committed.matchAll(/^DROP INDEX "([^"]+)"/gm)].map((match) => match[1]!)));
    for (const { sql: committed } of migrations) {
      for (const chunk of committed.split(/\n\n+/)) {
        const sql = chunk.split('\n').filter((line) => !line.startsWith('--')).join('\n').trim();
        const named = /^CREATE (TYPE|TABLE) "[^"]+"/.exec(sql);
        // Triggers and their functions are written by hand: Prisma's schema cannot express them.
        if (/^CREATE (OR REPLACE )?(FUNCTION|TRIGGER) /.test(sql)) continue;
        if (named) expect(migration?.sql).toContain(named[0]);
        else if (dropped.has(/^CREATE INDEX "([^"]+)"/.exec(sql)?.[1] ?? '')) expect(migration?.sql).not.toContain(sql);
        else if (/^CREATE|^ALTER TABLE .* ADD CONSTRAINT/s.test(sql)) expect(migration?.sql).toContain(sql);
      }
    }
    expect(await readFile(path.join(dir, 'migration_lock.toml'), 'utf8')).toBe(
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  });
});

describe('migration names', () => {
  it('slugifies like `prisma migrate dev --name`', () => {
    expect(migrationSlug('addEmployeePhone')).toBe('add_employee_phone');
    expect(migrationSlug('  Add auth0 index!! ')).toBe('add_auth0_index');
    expect(migrationSlug('café & crème')).toBe('cafe_and_creme');
    expect(migrationSlug('---')).toBe('');
  });

  it('prefixes the UTC time as yyyyMMddHHmmss', () => {
    expect(migrationTimestamp(new Date('2025-07-08T09:10:11.999Z'))).toBe('20250708091011');
  });
});
