// One dedicated PostgreSQL connection per process LISTENs on `employee_changed` (a trigger on Employee
// notifies it, whoever writes: any gateway, worker or CLI) and fans each notification out in-process to
// the subscriptions watching that employee or its import batch. The connection is opened on the first
// subscription and reconnects with backoff; after every (re)connect all watchers re-read their state, so
// a change made while the connection was down is never missed, only reported late.
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

export interface ChangeFeed {
  watch(topic: ChangeTopic, watcher: ChangeWatcher): () => void;
  close(): Promise<void>;
}

export interface ChangeFeedOptions {
  connectionString: string;
  logger: Logger;
  /** Longest wait between reconnect attempts (default 10 s; the first waits 250 ms, then doubles). */
  maxReconnectDelayMs?: number;
}

export function createEmployeeChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { logger } = options;
  const maxDelay = options.maxReconnectDelayMs ?? 10_000;
  const watchers = new Map<ChangeTopic, Set<ChangeWatcher>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let delay = 250;
  let closed = false;

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
      const next = new pg.Client({ connectionString: options.connectionString, application_name: 'gateway-change-feed' });
      let lost = false;
      const onLost = (error?: Error) => {
        if (lost) return;
        lost = true;
        if (client === next) client = undefined;
        next.removeAllListeners('notification');
        void next.end().catch(() => undefined);
        if (!closed) {
          logger.warn({ err: error }, 'live status connection lost; reconnecting');
          scheduleReconnect();
        }
      };
      next.on('error', onLost);
      next.on('end', () => onLost());
      next.on('notification', (message) => {
        if (message.channel !== EMPLOYEE_CHANGED_CHANNEL || !message.payload) return;
        try {
          const { id, importBatchId } = JSON.parse(message.payload) as { id: string; importBatchId: string | null };
          notify(`employee:${id}`);
          if (importBatchId) notify(`importBatch:${importBatchId}`);
        } catch (error) {
          logger.warn({ err: error }, 'unreadable employee_changed notification');
        }
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${EMPLOYEE_CHANGED_CHANNEL}`);
      } catch (error) {
        onLost(error as Error);
        return;
      }
      if (closed) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      delay = 250;
      // Whatever happened before LISTEN took effect is read now.
      for (const watcher of everyWatcher()) watcher.changed();
    })().finally(() => {
      connecting = undefined;
    }));

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
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      for (const watcher of everyWatcher()) watcher.closed();
      watchers.clear();
      await connecting;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
