// Prisma's schema engine as WebAssembly, driven through the pg driver adapter: migrations and diffs
// without the native engine binary that every Prisma CLI command downloads first (impossible offline).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseError } from 'pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

export type { SchemaEngine };

type SchemaEngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

declare global {
  // Read by the wasm module when Rust panics; without it a panic surfaces as an unrelated TypeError.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let lastPanicMessage: string | undefined;
let modulePromise: Promise<SchemaEngineModule> | undefined;

/** Loads and instantiates the wasm engine once per process (a plain import needs `--experimental-wasm-modules` on Node 20). */
export function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  modulePromise ??= instantiate().catch((error: unknown) => {
    modulePromise = undefined;
    throw error;
  });
  return modulePromise;
}

async function instantiate(): Promise<SchemaEngineModule> {
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanicMessage = message;
    },
  };
  const specifier = '@prisma/schema-engine-wasm/schema_engine_bg';
  // The package exports its glue module but not the .wasm file nor package.json: find the file next to the glue.
  const gluePath = createRequire(import.meta.url).resolve(specifier);
  const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const bg: SchemaEngineModule = await import(specifier);
  const { instance } = await WebAssembly.instantiate(bytes, {
    './schema_engine_bg.js': withUnrefTimers(bg) as WebAssembly.ModuleImports,
  });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  return bg;
}

/**
 * The engine arms timeouts (e.g. 10 s around Prisma's migration advisory lock) and never clears them, so a
 * CLI would sit idle 10 s after finishing. Its timers only ever race real I/O, which keeps the process
 * alive on its own: unref them.
 */
function withUnrefTimers(bg: SchemaEngineModule): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bg };
  for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

export interface SchemaEngineOptions {
  databaseUrl: string;
  /** The Prisma schema the engine is constructed with (it reads the datasource provider from it). */
  schemaPath: string;
  /** Defaults to the file's content. */
  schemaText?: string;
  /** Receives each engine log line (JSON text). */
  log?: (line: string) => void;
}

/** What the session saw below the engine, for better error messages. */
export interface SchemaEngineSession {
  /** PostgreSQL's own error from the last migration script that failed (the engine rewords it). */
  readonly lastScriptError: DatabaseError | undefined;
}

/**
 * Runs `fn` with a schema engine connected to `databaseUrl`, then frees the engine and closes every
 * pool it opened. A Rust panic inside the engine is rethrown with the panic's own message.
 */
export async function withSchemaEngine<T>(
  options: SchemaEngineOptions,
  fn: (engine: SchemaEngine, session: SchemaEngineSession) => Promise<T>,
): Promise<T> {
  const bg = await loadSchemaEngineModule();
  const schemaText = options.schemaText ?? (await readFile(options.schemaPath, 'utf8'));
  const factory = new SchemaEnginePgFactory(options.databaseUrl);
  const log = options.log ?? (() => {});
  let engine: SchemaEngine | undefined;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: [[options.schemaPath, schemaText]] },
      (line: string) => log(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine, factory);
  } catch (error) {
    throw explainPanic(error);
  } finally {
    engine?.free();
    await factory.disposeAll();
  }
}

function explainPanic(error: unknown): unknown {
  if (error instanceof WebAssembly.RuntimeError && lastPanicMessage !== undefined) {
    const message = lastPanicMessage;
    lastPanicMessage = undefined;
    return new Error(`Prisma schema engine panicked: ${message}`, { cause: error });
  }
  return error;
}

// ---------------------------------------------------------------------------------------------------
// The pg adapter as the schema engine needs it. @prisma/adapter-pg 7.10.0 is written for Prisma Client;
// the schema engine hits paths the client never does. We correct them on our own adapter instances
// (never in node_modules, never globally: the application's Prisma Client keeps the stock adapter).

const PG_CHAR_OID = 18; // the one-byte "char" type of the catalogs, e.g. pg_constraint.contype
const PG_TEXT_OID = 25;

interface PgField {
  dataTypeID: number;
}
interface PgResult {
  fields: PgField[];
  rows: unknown[][];
}
/** The adapter's internals we wrap; they exist at run time but are private in its typings. */
interface PgQueryableInternals {
  performIO(query: SqlQuery): Promise<PgResult>;
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  onError(error: unknown): never;
}

type PgAdapter = Awaited<ReturnType<PrismaPg['connect']>>;

/** Rows (by identity) whose result set had "char" columns, and those columns' indexes. */
const charColumnsByRows = new WeakMap<unknown[][], number[]>();

/**
 * Introspection (the `schemaDatasource` diff) reads "char" catalog columns, which the adapter cannot map
 * ("Column type 'char' could not be deserialized"). We let its mapper see them as text, then report them
 * as the `Character` column type the engine expects (Text is not accepted for them on PostgreSQL 18).
 */
function patchCharColumns(queryable: object): void {
  const target = queryable as PgQueryableInternals;
  const performIO = target.performIO.bind(target);
  const queryRaw = target.queryRaw.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === PG_CHAR_OID) {
        charColumns.push(index);
        field.dataTypeID = PG_TEXT_OID;
      }
    });
    if (charColumns.length > 0) charColumnsByRows.set(result.rows, charColumns);
    return result;
  };
  target.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of charColumnsByRows.get(resultSet.rows as unknown[][]) ?? []) {
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return resultSet;
  };
}

/**
 * The stock `executeScript` splits the script on every ";" (breaking `DO $$ ... $$` bodies and string
 * literals) and sends each piece through the pool, possibly on different connections. We send the whole
 * migration as one simple-protocol query on one connection, as the native engine does: PostgreSQL runs
 * such a multi-statement query as one implicit transaction, so a failing migration leaves nothing behind.
 */
function patchExecuteScript(adapter: PgAdapter, onDatabaseError: (error: DatabaseError) => void): void {
  const internals = adapter as unknown as PgQueryableInternals;
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // The engine rewords the error it gets (42P01 becomes "No such table: x"): keep PostgreSQL's own for our message.
      if (isPgDatabaseError(error)) onDatabaseError(error);
      internals.onError(error);
    }
  };
}

function isPgDatabaseError(error: unknown): error is DatabaseError {
  // Duck-typed: a second copy of pg in the tree would defeat instanceof.
  return error instanceof Error && typeof (error as DatabaseError).code === 'string' && typeof (error as DatabaseError).severity === 'string';
}

class SchemaEnginePgFactory implements SqlMigrationAwareDriverAdapterFactory, SchemaEngineSession {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly adapters = new Set<SqlDriverAdapter>();
  lastScriptError: DatabaseError | undefined;

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<SqlDriverAdapter> {
    // idleTimeoutMillis 0: the engine holds Prisma's migration advisory lock (pg_advisory_lock(72707369)) on
    // one pooled session for the whole command; the default 10 s idle reaping would silently release it.
    const adapter = await new PrismaPg({ connectionString: this.databaseUrl, max: 4, idleTimeoutMillis: 0 }).connect();
    patchCharColumns(adapter);
    patchExecuteScript(adapter, (error) => {
      this.lastScriptError = error;
    });
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel): Promise<Transaction> => {
      const transaction = await startTransaction(isolationLevel);
      patchCharColumns(transaction);
      return transaction;
    };
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      this.adapters.delete(adapter);
      disposed ??= dispose();
      return disposed;
    };
    this.adapters.add(adapter);
    return adapter;
  }

  /**
   * The stock shadow database connects to the main database and is dropped while still in use. Nothing
   * here needs one: `createMigration` applies the history to a scratch database and diffs from it.
   */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    throw new Error('No shadow database: diff from a live database instead (see src/db/migrations.ts).');
  }

  async disposeAll(): Promise<void> {
    await Promise.all([...this.adapters].map((adapter) => adapter.dispose()));
  }
}
