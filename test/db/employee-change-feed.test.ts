// The change feed's catchUp barrier against real PostgreSQL: once it resolves true, every change committed
// before the call has reached the listeners (the employee counts rely on it for read-your-writes); it
// answers false while the connection is down, and a connection that cannot answer it in time is taken
// for lost (listeners hear `down`) and replaced.
import net from 'node:net';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmployeeChangeFeed, type ChangeFeed, type ChangeListener, type EmployeeChange } from '../../src/live/employee-change-feed.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

/** Records what the feed hands out: the ids of changed rows, and the connection's ups and downs. */
class Recorder implements ChangeListener {
  readonly ids = new Set<string>();
  ups = 0;
  downs = 0;
  changed(change: EmployeeChange) {
    if (change.kind === 'row') this.ids.add(change.id);
  }
  up() {
    this.ups += 1;
  }
  down() {
    this.downs += 1;
  }
}

/** A TCP relay to PostgreSQL that can cut its connections, or stop passing bytes on them (a hung network). */
async function freezableRelay(target: URL) {
  const sockets = new Set<{ frozen: boolean; client: net.Socket; upstream: net.Socket }>();
  let holdingNew = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { frozen: holdingNew, client, upstream };
    sockets.add(pair);
    client.on('data', (data) => pair.frozen || upstream.write(data));
    upstream.on('data', (data) => pair.frozen || client.write(data));
    const close = () => {
      sockets.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    /** Connections open now stop passing bytes either way; new ones pass. */
    freeze: () => {
      for (const pair of sockets) pair.frozen = true;
    },
    /** Connections opened from now on (until `holdNew(false)`) pass no bytes: a connect that never gets an answer. */
    holdNew: (hold: boolean) => {
      holdingNew = hold;
    },
    /** Connections open now are closed, as a network failure or a restart would. */
    cut: () => {
      for (const pair of sockets) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
    },
    close: async () => {
      for (const pair of sockets) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('change feed catchUp', () => {
  // Several connections: the concurrent test commits from many at once.
  let writer: pg.Pool;
  const feeds: ChangeFeed[] = [];
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    writer = new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 });
  });
  afterAll(async () => {
    for (const feed of feeds) await feed.close();
    await writer?.end();
  });

  function open(connectionString = testDatabaseUrl(), catchUpTimeoutMs?: number, connectTimeoutMs?: number) {
    const feed = createEmployeeChangeFeed({
      connectionString,
      logger,
      ...(catchUpTimeoutMs ? { catchUpTimeoutMs } : {}),
      ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
    });
    feeds.push(feed);
    const recorder = new Recorder();
    feed.listen(recorder);
    return { feed, recorder };
  }

  /** Commits one employee from another connection and returns its id. */
  async function insertEmployee(): Promise<string> {
    const { rows } = await writer.query<{ id: string }>(
      `INSERT INTO "Employee" (id, name, email, department, "updatedAt") VALUES (gen_random_uuid(), 'Feed Barrier', $1, 'Feed', now()) RETURNING id`,
      [`feed.${crypto.randomUUID()}@warehouse-example.com`],
    );
    return rows[0]!.id;
  }

  /** A new connection is up and delivers: a commit made now has reached the listener once catchUp answers. */
  async function expectReconnected(feed: ChangeFeed, recorder: Recorder) {
    await expect.poll(() => recorder.ups, { timeout: 15_000 }).toBe(2);
    const id = await insertEmployee();
    expect(await feed.catchUp()).toBe(true);
    expect(recorder.ids.has(id)).toBe(true);
  }

  it('answers false until the connection is up', async () => {
    const { feed, recorder } = open();
    expect(await feed.catchUp()).toBe(false);
    await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
    expect(await feed.catchUp()).toBe(true);
  });

  it('resolves only once every change committed before the call has reached the listeners', async () => {
    const { feed, recorder } = open();
    await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
    for (let round = 0; round < 25; round += 1) {
      const id = await insertEmployee();
      expect(await feed.catchUp()).toBe(true);
      expect(recorder.ids.has(id), `round ${round}`).toBe(true);
    }
  });

  it('lets concurrent callers share barriers, each covering what committed before it was asked', async () => {
    const { feed, recorder } = open();
    await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
    const checks = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const id = await insertEmployee();
        return (await feed.catchUp()) && recorder.ids.has(id);
      }),
    );
    expect(checks.every(Boolean)).toBe(true);
  });

  it('sends one barrier for callers that ask before it is sent, and keeps at most one waiting behind one in flight', async () => {
    const { feed, recorder } = open();
    await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
    const query = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const barriers = () => query.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('pg_notify')).length;
      expect((await Promise.all(Array.from({ length: 25 }, () => feed.catchUp()))).every(Boolean)).toBe(true);
      expect(barriers()).toBe(1);

      const inFlight = feed.catchUp();
      await new Promise((resolve) => setImmediate(resolve));
      const waiting = Array.from({ length: 25 }, () => feed.catchUp());
      expect((await Promise.all([inFlight, ...waiting])).every(Boolean)).toBe(true);
      expect(barriers()).toBeLessThanOrEqual(3);
    } finally {
      query.mockRestore();
    }
  });

  it('answers false once the connection is lost, and true again after it reconnects', { timeout: 30_000 }, async () => {
    const relay = await freezableRelay(new URL(testDatabaseUrl()));
    try {
      const { feed, recorder } = open(relay.url);
      await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
      relay.cut();
      await expect.poll(() => recorder.downs, { timeout: 5_000 }).toBe(1);
      expect(await feed.catchUp()).toBe(false);

      await expectReconnected(feed, recorder);
    } finally {
      await relay.close();
    }
  });

  it('gives up a connection attempt that gets no answer, and comes up once one does', { timeout: 30_000 }, async () => {
    const relay = await freezableRelay(new URL(testDatabaseUrl()));
    try {
      relay.holdNew(true);
      const { feed, recorder } = open(relay.url, undefined, 300);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(recorder.ups).toBe(0);
      expect(await feed.catchUp()).toBe(false);
      relay.holdNew(false);
      await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
      expect(await feed.catchUp()).toBe(true);
    } finally {
      await relay.close();
    }
  });

  it('takes a connection that cannot answer a barrier in time for lost, and reconnects', { timeout: 30_000 }, async () => {
    const relay = await freezableRelay(new URL(testDatabaseUrl()));
    try {
      const { feed, recorder } = open(relay.url, 500);
      await expect.poll(() => recorder.ups, { timeout: 10_000 }).toBe(1);
      expect(await feed.catchUp()).toBe(true);

      relay.freeze();
      const started = performance.now();
      expect(await feed.catchUp()).toBe(false);
      expect(performance.now() - started).toBeGreaterThanOrEqual(450);
      expect(recorder.downs).toBe(1);

      // A new connection through the relay passes bytes again.
      await expectReconnected(feed, recorder);
    } finally {
      await relay.close();
    }
  });
});
