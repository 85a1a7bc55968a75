// Prisma Migrate without the Prisma CLI: `prisma/migrations/` in Prisma's format, applied and recorded in
// `_prisma_migrations` by Prisma's own (WebAssembly) schema engine, so a connected machine can run the stock
// `prisma migrate deploy` / `migrate status` against the same database and agree with us.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import { withSchemaEngine, type SchemaEngineSession } from './schema-engine.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const defaultMigrationsDir = path.join(projectRoot, 'prisma/migrations');
export const defaultSchemaPath = path.join(projectRoot, 'prisma/schema.prisma');

const LOCKFILE = 'migration_lock.toml';
const MIGRATION_FILE = 'migration.sql';
const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface MigrationOptions {
  /** Defaults to `prisma/migrations`. */
  migrationsDir?: string;
  /** Defaults to `prisma/schema.prisma`. */
  schemaPath?: string;
  /** Receives each schema-engine log line (JSON text); quiet by default. */
  log?: (line: string) => void;
}

/** A migration problem, with Prisma's error code when the engine gave one (P3009, P3018, ...). */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly migrationName: string | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Applies every migration in the directory that the database has not applied yet, in name order, as
 * `prisma migrate deploy` does (same `_prisma_migrations` rows, same advisory lock, same refusal to go on
 * past a failed migration). Each migration runs as one implicit transaction: when it fails, none of its
 * statements stay, it is recorded as failed (`finished_at` null, the error in `logs`) and this throws a
 * `MigrationError` naming it (code P3018). Later runs refuse with P3009 until it is resolved.
 */
export async function applyMigrations(databaseUrl: string, options: MigrationOptions = {}): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrationsList(options.migrationsDir ?? defaultMigrationsDir);
  const tracker = new MigrationLogTracker(options.log);
  let session: SchemaEngineSession | undefined;
  try {
    return await withSchemaEngine(
      { databaseUrl, schemaPath: options.schemaPath ?? defaultSchemaPath, log: tracker.log },
      async (engine, engineSession) => {
        session = engineSession;
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
        return { applied: appliedMigrationNames };
      },
    );
  } catch (error) {
    throw toMigrationError(error, tracker.current, session);
  }
}

/**
 * Marks a failed migration as rolled back (`prisma migrate resolve --rolled-back <name>`), once the
 * database has been put back in order by hand; the next `applyMigrations` then retries it.
 */
export async function markMigrationRolledBack(databaseUrl: string, migrationName: string, options: MigrationOptions = {}): Promise<void> {
  try {
    await withSchemaEngine({ databaseUrl, schemaPath: options.schemaPath ?? defaultSchemaPath, log: options.log }, (engine) =>
      engine.markMigrationRolledBack({ migrationName }),
    );
  } catch (error) {
    throw toMigrationError(error, migrationName, undefined);
  }
}

/**
 * Writes the next migration from the changes in the Prisma schema (`prisma migrate dev --create-only`).
 * The existing migrations are applied to a scratch database created on the same server for the purpose
 * and dropped afterwards (the developer's own database is never touched); the engine then diffs that live
 * database against the schema. Returns null when the schema has no changes.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  options: MigrationOptions & { now?: Date } = {},
): Promise<{ path: string; sql: string } | null> {
  const slug = migrationSlug(name);
  if (slug === '') throw new MigrationError(`"${name}" is not a usable migration name: use letters, digits and underscores.`, undefined, undefined);
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const schemaPath = options.schemaPath ?? defaultSchemaPath;
  const migrationsList = await readMigrationsList(migrationsDir);
  const schemaText = await readFile(schemaPath, 'utf8');

  let session: SchemaEngineSession | undefined;
  const sql = await withScratchDatabase(databaseUrl, 'gw_migration', (scratchUrl) =>
    withSchemaEngine({ databaseUrl: scratchUrl, schemaPath, schemaText, log: options.log }, async (engine, engineSession) => {
      session = engineSession;
      await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      const files = [{ path: schemaPath, content: schemaText }];
      const diff = await engine.diff({
        from: { tag: 'schemaDatasource', files, configDir: path.dirname(schemaPath) },
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true, // 2 when there is a difference, 0 when there is none
        filters: NO_FILTER,
      });
      return diff.exitCode === 2 ? (diff.stdout ?? '') : null;
    }),
  ).catch((error: unknown) => {
    throw toMigrationError(error, undefined, session);
  });
  if (sql === null) return null;

  const directory = path.join(migrationsDir, `${migrationTimestamp(options.now ?? new Date())}_${slug}`);
  await mkdir(migrationsDir, { recursive: true });
  await mkdir(directory); // fails when it exists, as Prisma's does
  const file = path.join(directory, MIGRATION_FILE);
  await writeFile(file, sql, 'utf8');
  if (migrationsList.lockfile.content === null) await writeFile(path.join(migrationsDir, LOCKFILE), lockfileContent('postgresql'), 'utf8');
  return { path: file, sql };
}

/** Reads a migrations directory into the engine's input, exactly as the Prisma CLI does. */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfile = await readFile(path.join(baseDir, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (directory) => ({
        path: directory,
        migrationFile: {
          path: MIGRATION_FILE,
          content: await readFile(path.join(baseDir, directory, MIGRATION_FILE), 'utf8').then(
            (value) => ({ tag: 'ok' as const, value }),
            (error: Error) => ({ tag: 'error' as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/** Prisma's `migration_lock.toml`, byte for byte. */
export function lockfileContent(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

/** `yyyyMMddHHmmss` in UTC, the prefix Prisma gives migration directories. */
export function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The migration name as `prisma migrate dev --name` slugifies it: `addEmployeeIndex` -> `add_employee_index`. */
export function migrationSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/([A-Z]{2,})(\d+)/g, '$1 $2')
    .replace(/([a-z\d]+)([A-Z]{2,})/g, '$1 $2')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-rt-z\d]+)/g, '$1 $2')
    .toLowerCase()
    .replace(/([a-z\d]+)'([ts])(\s|$)/g, '$1$2$3')
    .replace(/[^a-z\d]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
}

/**
 * Creates a database named `<prefix>_<time>_<random>` on the server of `serverUrl`, runs `fn` with its URL,
 * and drops it afterwards (WITH (FORCE): a leaked connection must not leave it behind).
 */
export async function withScratchDatabase<T>(serverUrl: string, prefix: string, fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`).catch((error: unknown) => {
    const needsCreatedb = (error as { code?: unknown }).code === '42501' ? ' (the role needs CREATEDB)' : '';
    throw new MigrationError(`Could not create the scratch database "${name}"${needsCreatedb}: ${(error as Error).message}`, undefined, undefined, {
      cause: error,
    });
  });
  try {
    return await fn(databaseUrlFor(serverUrl, name));
  } finally {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

/** `url` with its database replaced by `database` (query parameters kept). */
export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Follows the engine's log to know which migration it was applying when something failed. */
class MigrationLogTracker {
  current: string | undefined;
  constructor(private readonly forward?: (line: string) => void) {}
  readonly log = (line: string): void => {
    const applying = /"message":"Applying `([^`]+)`"/.exec(line);
    if (applying) this.current = applying[1];
    this.forward?.(line);
  };
}

function toMigrationError(error: unknown, migrationName: string | undefined, session: SchemaEngineSession | undefined): MigrationError {
  if (error instanceof MigrationError) return error;
  if (!(error instanceof Error)) return new MigrationError(String(error), undefined, migrationName);
  const rawCode = (error as { code?: unknown }).code;
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  const failedEarlier = /The `([^`]+)` migration started at/.exec(error.message)?.[1];
  const failedNow = /migration_name="([^"]+)"/.exec(error.message)?.[1] ?? migrationName;
  if (code === 'P3009') {
    return new MigrationError(
      `${error.message.trim()}\nFix the database by hand, then mark it rolled back (npm run db:migrate -- --rolled-back ${failedEarlier ?? '<name>'}) and migrate again.`,
      code,
      failedEarlier,
      { cause: error },
    );
  }
  if (code === undefined && failedNow !== undefined) {
    const database = session?.lastScriptError;
    const reason = database ? `${database.message} (PostgreSQL ${database.code})` : (error.message.split('\n')[1] ?? error.message);
    // P3018 is the code `prisma migrate deploy` gives this failure; the wasm engine's error carries none.
    return new MigrationError(
      `Migration \`${failedNow}\` failed to apply: ${reason}. None of its statements were kept; it is recorded as failed in _prisma_migrations and blocks later migrations until resolved.`,
      'P3018',
      failedNow,
      { cause: error },
    );
  }
  return new MigrationError(error.message.trim(), code, migrationName, { cause: error });
}
