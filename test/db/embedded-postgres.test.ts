import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { closedAncestor, startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';

let dataDir: string | undefined;
let running: RunningEmbeddedPostgres | undefined;

afterAll(async () => {
  await running?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

it('leaves none of the library\'s process hooks once loaded (they exit or throw on their own terms)', () => {
  // The library's async-exit-hook would otherwise exit 0 at `beforeExit` (a failing test run then
  // passes CI), 143 on SIGTERM in the middle of the gateway's graceful shutdown, and throw at `exit`.
  const require = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = require('async-exit-hook') as { hookedEvents(): string[] };
  expect(exitHook.hookedEvents()).toEqual([]);
});

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

it('starts PostgreSQL from npm-shipped binaries, creates the database, and keeps the data across restarts', async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'gw-embedded-pg-test-'));
  const port = await freePort();

  running = await startEmbeddedPostgres({ dataDir, port });
  expect(running).toMatchObject({ initialised: true, port, url: `postgresql://postgres:postgres@127.0.0.1:${port}/gateway` });
  expect(await query(running.url, `SELECT current_database() AS db, current_setting('server_version_num')::int >= 180000 AS pg18`)).toEqual([
    { db: 'gateway', pg18: true },
  ]);
  await query(running.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
  const cold = running.startupMs;
  await running.stop();
  await running.stop(); // idempotent

  running = await startEmbeddedPostgres({ dataDir, port });
  expect(running.initialised).toBe(false);
  expect(await query(running.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
  console.info(`embedded PostgreSQL: cold start ${cold} ms, warm start ${running.startupMs} ms`);
  await running.stop();
  running = undefined;
});

it('refuses a non-empty folder that is not a PostgreSQL cluster', async () => {
  await expect(startEmbeddedPostgres({ dataDir: path.dirname(new URL(import.meta.url).pathname), port: 1 })).rejects.toThrow(
    /holds no PostgreSQL cluster/,
  );
});

it('finds the first folder on the way that other users may not enter (what the postgres user would trip on)', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'gw-closed-'));
  try {
    await chmod(root, 0o755);
    await mkdir(path.join(root, 'open', 'private', 'inside'), { recursive: true, mode: 0o755 });
    await chmod(path.join(root, 'open', 'private'), 0o700);
    expect(await closedAncestor(path.join(root, 'open', 'private', 'inside', 'postgres'))).toEqual({ dir: path.join(root, 'open', 'private'), mode: '0700' });
    expect(await closedAncestor(path.join(root, 'open', 'not-yet', 'postgres'))).toBeUndefined();
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
