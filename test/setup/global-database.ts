// One database per test run (never the developer's): on the PostgreSQL at TEST_DATABASE_ADMIN_URL, else the
// one at 127.0.0.1:5432 when it answers (CI has one), else an embedded PostgreSQL in a temp folder
// (TEST_POSTGRES=embedded forces that last one). Migrations are applied once here; test files get the URL
// through `inject('databaseUrl')` (see test/helpers/database.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { applyMigrations, databaseUrlFor } from '../../src/db/migrations.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** This run's database, migrated. */
    databaseUrl: string;
  }
}

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';
/** Databases a crashed run left behind (the name carries its creation time) are dropped after this long. */
const LEFTOVER_AGE_MS = 6 * 60 * 60 * 1000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const startedAt = performance.now();
  let embedded: RunningEmbeddedPostgres | undefined;
  let embeddedDir: string | undefined;
  const forceEmbedded = process.env.TEST_POSTGRES === 'embedded';
  let adminUrl = forceEmbedded ? undefined : process.env.TEST_DATABASE_ADMIN_URL?.trim() || undefined;
  let source = 'TEST_DATABASE_ADMIN_URL';
  if (adminUrl === undefined && !forceEmbedded && (await answers(LOCAL_SERVER))) {
    adminUrl = LOCAL_SERVER;
    source = '127.0.0.1:5432';
  }
  if (adminUrl === undefined) {
    embeddedDir = await mkdtemp(path.join(tmpdir(), 'gw-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: embeddedDir, port: await freePort(), database: 'postgres' });
    adminUrl = embedded.adminUrl;
    source = `embedded PostgreSQL (${embedded.startupMs} ms)`;
  }

  const serverUrl = adminUrl;
  await dropLeftovers(serverUrl);
  const name = `gw_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await query(serverUrl, `CREATE DATABASE "${name}"`);
  const databaseUrl = databaseUrlFor(serverUrl, name);
  try {
    await applyMigrations(databaseUrl);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('databaseUrl', databaseUrl);
  if (process.env.TEST_LOG_LEVEL !== undefined && process.env.TEST_LOG_LEVEL !== 'silent') {
    console.info(`test database ${name} on ${source}, migrated in ${Math.round(performance.now() - startedAt)} ms`);
  }

  async function teardown(): Promise<void> {
    try {
      await query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await embedded?.stop();
      if (embeddedDir !== undefined) await rm(embeddedDir, { recursive: true, force: true });
    }
  }
  return teardown;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Test and scratch databases of runs that died before their teardown. */
async function dropLeftovers(adminUrl: string): Promise<void> {
  const { rows } = await query(adminUrl, `SELECT datname FROM pg_database WHERE datname ~ '^gw_(test|scratch|migration)_[0-9]+_'`);
  for (const { datname } of rows as { datname: string }[]) {
    const createdAt = Number(datname.split('_')[2]);
    if (Date.now() - createdAt > LEFTOVER_AGE_MS) {
      await query(adminUrl, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
