// One dedicated PostgreSQL connection per process LISTENs on `employee_changed` (a trigger on Employee
// notifies it, whoever writes: any gateway, worker or CLI) and fans each notification out in-process to
// the subscriptions watching that employee or its import batch. The connection is opened on the first
// subscription and reconnects with backoff; after every (re)connect all watchers re-read their state, so
// a change made while the connection was down is never missed, only reported late. Process-wide
// listeners (the `me` cache, the employee counts) get every notification and hear when the connection goes
// up or down. `catchUp` is a barrier: the connection notifies a channel of its own and waits for that
// notification to come back; PostgreSQL delivers notifications of different transactions in the order the
// transactions committed, so by then every change committed before the call has been handed out.
import pg from 'pg';
import type { Logger } from '../logger.ts';

export const EMPLOYEE_CHANGED_CHANNEL = 'employee_changed';

export type ChangeTopic = `employee:${string}` | `importBatch:${string}`;

export interface ChangeWatcher {
  /** Something about the topic may have changed: read the current state. */
  changed(): void;
  /** The feed is closing (shutdown): end the stream. */
  closed(): void;
}

/** One committed write, as the trigger reports it. */
export type EmployeeChange =
  | {
      kind: 'row';
      id: string;
      importBatchId: string | null;
      /** The row's auth0UserId before the write (null on insert) and after it (null on delete). */
      oldAuth0UserId: string | null;
      newAuth0UserId: string | null;
    }
  /** TRUNCATE "Employee": every row is gone. */
  | { kind: 'truncate' };

export interface ChangeListener {
  /** A committed write of an Employee row (or a truncate). */
  changed(change: EmployeeChange): void;
  /** LISTEN is in effect (first connect and every reconnect): every commit from now on is reported. */
  up(): void;
  /** The connection is lost or the feed closes: commits may go unreported until the next `up`. */
  down(): void;
}

export interface ChangeFeed {
  watch(topic: ChangeTopic, watcher: ChangeWatcher): () => void;
  /** Every notification, and the connection's state; opens the connection if it is not open yet. */
  listen(listener: ChangeListener): () => void;
  /**
   * Resolves true once every change committed before the call has been handed to the listeners; false
   * when the connection is not up or is lost meanwhile (the listeners then hear `down`). Calls made while
   * a barrier waits for its turn share it, so there is at most one in flight and one waiting.
   */
  catchUp(): Promise<boolean>;
  close(): Promise<void>;
}

interface Payload {
  id?: string;
  importBatchId?: string | null;
  oldAuth0UserId?: string | null;
  newAuth0UserId?: string | null;
  truncated?: boolean;
}

export interface ChangeFeedOptions {
  connectionString: string;
  logger: Logger;
  /** Longest wait between reconnect attempts (default 10 s; the first waits 250 ms, then doubles). */
  maxReconnectDelayMs?: number;
  /**
   * How long a catchUp barrier may take before the connection is taken for lost (default 5 s): one that
   * cannot round-trip delivers no notifications either, so the listeners hear `down` and it reconnects.
   */
  catchUpTimeoutMs?: number;
  /**
   * How long opening the LISTEN connection may take (default 10 s). One that never answers (a hung network,
   * a database that accepts but does not serve) is given up and tried again; without a bound it would keep
   * the feed down for good, since the reconnect waits for the attempt in flight.
   */
  connectTimeoutMs?: number;
}

export function createEmployeeChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { logger } = options;
  const maxDelay = options.maxReconnectDelayMs ?? 10_000;
  const catchUpTimeoutMs = options.catchUpTimeoutMs ?? 5_000;
  const watchers = new Map<ChangeTopic, Set<ChangeWatcher>>();
  const listeners = new Set<ChangeListener>();
  let client: pg.Client | undefined;
  /** Drops the current connection (it reconnects). */
  let loseClient: ((error: Error) => void) | undefined;
  let connecting: Promise<void> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let delay = 250;
  let closed = false;
  // catchUp's barriers: a channel only this feed listens on (other processes never receive them), and
  // the barriers sent on the current connection, by payload, until their notification comes back.
  const barrierChannel = `${EMPLOYEE_CHANGED_CHANNEL}_sync_${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const barriers = new Map<string, (arrived: boolean) => void>();
  let barrierSerial = 0;
  let nextBarrier: Promise<boolean> | undefined;
  let barrierInFlight: Promise<unknown> = Promise.resolve();

  const everyWatcher = () => [...watchers.values()].flatMap((set) => [...set]);

  const notify = (topic: ChangeTopic) => {
    for (const watcher of watchers.get(topic) ?? []) watcher.changed();
  };

  const scheduleReconnect = () => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  };

  const connect = () =>
    (connecting ??= (async () => {
      const next = new pg.Client({
        connectionString: options.connectionString,
        application_name: 'gateway-change-feed',
        connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      });
      let lost = false;
      const onLost = (error?: Error) => {
        if (lost) return;
        lost = true;
        if (client === next) {
          client = undefined;
          loseClient = undefined;
        }
        next.removeAllListeners('notification');
        for (const arrived of barriers.values()) arrived(false);
        barriers.clear();
        for (const listener of listeners) listener.down();
        void next.end().catch(() => undefined);
        if (!closed) {
          logger.warn({ err: error }, 'live status connection lost; reconnecting');
          scheduleReconnect();
        }
      };
      next.on('error', onLost);
      next.on('end', () => onLost());
      next.on('notification', (message) => {
        if (message.channel === barrierChannel) {
          barriers.get(message.payload ?? '')?.(true);
          barriers.delete(message.payload ?? '');
          return;
        }
        if (message.channel !== EMPLOYEE_CHANGED_CHANNEL || !message.payload) return;
        try {
          const payload = JSON.parse(message.payload) as Payload;
          if (payload.truncated) {
            for (const listener of listeners) listener.changed({ kind: 'truncate' });
            for (const watcher of everyWatcher()) watcher.changed();
            return;
          }
          const { id, importBatchId = null, oldAuth0UserId = null, newAuth0UserId = null } = payload;
          if (typeof id !== 'string') throw new Error('no employee id in the payload');
          for (const listener of listeners) listener.changed({ kind: 'row', id, importBatchId, oldAuth0UserId, newAuth0UserId });
          notify(`employee:${id}`);
          if (importBatchId) notify(`importBatch:${importBatchId}`);
        } catch (error) {
          logger.warn({ err: error }, 'unreadable employee_changed notification');
        }
      });
      try {
        await next.connect();
        // A barrier is a transaction of its own (NOTIFY takes a transaction id): nothing in it needs to
        // reach the disk before its notification is sent, so its commit does not wait for the WAL flush.
        await next.query(`LISTEN ${EMPLOYEE_CHANGED_CHANNEL}; LISTEN ${barrierChannel}; SET synchronous_commit = off`);
      } catch (error) {
        onLost(error as Error);
        return;
      }
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      loseClient = onLost;
      delay = 250;
      for (const listener of listeners) listener.up();
      // Whatever happened before LISTEN took effect is read now.
      for (const watcher of everyWatcher()) watcher.changed();
    })().finally(() => {
      connecting = undefined;
    }));

  const sendBarrier = async (): Promise<boolean> => {
    const on = client;
    const lose = loseClient;
    if (!on || !lose) return false;
    const payload = String((barrierSerial += 1));
    const arrived = new Promise<boolean>((resolve) => barriers.set(payload, resolve));
    const timer = setTimeout(() => lose(new Error(`catchUp: no answer on the LISTEN connection within ${catchUpTimeoutMs} ms`)), catchUpTimeoutMs);
    try {
      await on.query('SELECT pg_notify($1, $2)', [barrierChannel, payload]);
    } catch {
      barriers.get(payload)?.(false);
      barriers.delete(payload);
    }
    try {
      return await arrived;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    watch(topic, watcher) {
      if (closed) {
        queueMicrotask(() => watcher.closed());
        return () => undefined;
      }
      let set = watchers.get(topic);
      if (!set) watchers.set(topic, (set = new Set()));
      set.add(watcher);
      if (!client && !reconnectTimer) void connect();
      return () => {
        set.delete(watcher);
        if (set.size === 0 && watchers.get(topic) === set) watchers.delete(topic);
      };
    },
    listen(listener) {
      if (closed) return () => undefined;
      listeners.add(listener);
      if (client) listener.up();
      else if (!reconnectTimer) void connect();
      return () => {
        listeners.delete(listener);
      };
    },
    catchUp() {
      if (!client) return Promise.resolve(false);
      // A barrier not sent yet covers every caller that joins it before it is sent.
      if (nextBarrier) return nextBarrier;
      const previous = barrierInFlight;
      const barrier = (async () => {
        await previous;
        nextBarrier = undefined;
        return sendBarrier();
      })();
      nextBarrier = barrier;
      barrierInFlight = barrier;
      return barrier;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      for (const listener of listeners) listener.down();
      listeners.clear();
      for (const watcher of everyWatcher()) watcher.closed();
      watchers.clear();
      await connecting;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
