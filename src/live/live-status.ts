// The streams behind the subscriptions: each reads the current state when it starts and again whenever
// the change feed says its employee (or an employee of its batch) changed, and emits only what differs.
// Reads are serialised per stream and coalesced: a burst of notifications (an import of 1000 rows)
// costs at most one read in flight and one queued.
import { Repeater } from 'graphql-yoga';
import type { Employee } from '../generated/prisma/client.ts';
import type { ChangeFeed, ChangeTopic } from './employee-change-feed.ts';

export const DEFAULT_MAX_SUBSCRIPTIONS_PER_CALLER = 10;

/** The caller already holds the most open subscriptions this process allows one caller. */
export class TooManySubscriptionsError extends Error {
  override readonly name = 'TooManySubscriptionsError';
  constructor(readonly limit: number) {
    super(`Too many open subscriptions: at most ${limit} per caller; close one first`);
  }
}

/** Who opened a stream: counted against `id`; the stream ends at `expiresAt` (the token's exp, ms). */
export interface StreamCaller {
  id: string;
  permissions?: ReadonlySet<string>;
  expiresAt: number | null;
}

/** What a batch stream compares and when it ends; the caller's read decides the rest of the shape. */
export interface BatchCounts {
  pending: number;
  provisioned: number;
  failed: number;
  /** No new employee of the batch is PENDING any more. */
  finished: boolean;
}

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The reads behind the streams come from the caller (ports), so this module knows no service. */
export interface LiveStatusDeps<Batch extends BatchCounts> {
  changeFeed: ChangeFeed;
  /** The employee's current row; null when unknown. */
  readEmployee: (employeeId: string) => Promise<Employee | null>;
  /** The batch's current counts as `caller` may see them; null when unknown or not theirs to read. */
  readImportBatch: (caller: StreamCaller, batchId: string) => Promise<Batch | null>;
  maxSubscriptionsPerCaller?: number;
}

export function createLiveStatus<Batch extends BatchCounts>(deps: LiveStatusDeps<Batch>) {
  const limit = deps.maxSubscriptionsPerCaller ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_CALLER;
  const open = new Map<string, number>();

  /** Counts the stream against its caller from now until it ends (client gone, completed or shutdown). */
  const reserve = (callerId: string) => {
    const count = open.get(callerId) ?? 0;
    if (count >= limit) throw new TooManySubscriptionsError(limit);
    open.set(callerId, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (open.get(callerId) ?? 1) - 1;
      if (left === 0) open.delete(callerId);
      else open.set(callerId, left);
    };
  };

  /**
   * A stream over one topic: `read` returns the current value, `same` tells which values are not worth
   * emitting again, `last` ends the stream after emitting a value (a finished batch, an unknown id).
   */
  function stream<T>(caller: StreamCaller, topic: ChangeTopic, read: () => Promise<T>, same: (a: T, b: T) => boolean, last: (value: T) => boolean) {
    const release = reserve(caller.id);
    const repeater = new Repeater<T>(async (push, stop) => {
      let previous: { value: T } | undefined;
      let reading: Promise<void> | undefined;
      let again = false;
      const refresh = () => {
        if (reading) {
          again = true;
          return;
        }
        reading = (async () => {
          do {
            again = false;
            const value = await read();
            if (!previous || !same(previous.value, value)) {
              previous = { value };
              await push(value);
            }
            if (last(value)) {
              stop();
              return;
            }
          } while (again);
        })()
          .catch((error: unknown) => stop(error))
          .finally(() => {
            reading = undefined;
          });
      };
      const unwatch = deps.changeFeed.watch(topic, { changed: refresh, closed: () => stop() });
      // Authorization was checked once, at the start: the stream must not outlive the token that passed it.
      const expiry = caller.expiresAt === null ? undefined : setTimeout(() => stop(), Math.min(Math.max(0, caller.expiresAt - Date.now()), MAX_TIMER_MS));
      refresh();
      try {
        await stop;
      } finally {
        clearTimeout(expiry);
        unwatch();
        release();
      }
    });
    // A client that leaves before the first event ends a stream whose executor never ran: release here too.
    const end = repeater.return.bind(repeater);
    repeater.return = (value) => {
      release();
      return end(value);
    };
    return repeater;
  }

  return {
    /** The employee now, then each time its Auth0 sync status or active flag changes; null (and the end) when unknown. */
    watchEmployee: (caller: StreamCaller, employeeId: string) =>
      stream<Employee | null>(
        caller,
        `employee:${employeeId}`,
        () => deps.readEmployee(employeeId),
        (a, b) => a?.auth0SyncStatus === b?.auth0SyncStatus && a?.active === b?.active && (a === null) === (b === null),
        (employee) => employee === null,
      ),
    /** The batch's counts now and after each change until no row is PENDING; null (and the end) when unknown. */
    /** Who sees which batch is the read's rule (readImportBatch); to anyone else it reads as unknown. */
    watchImportBatch: (caller: StreamCaller, batchId: string) =>
      stream<Batch | null>(
        caller,
        `importBatch:${batchId}`,
        () => deps.readImportBatch(caller, batchId),
        (a, b) => a !== null && b !== null && a.pending === b.pending && a.provisioned === b.provisioned && a.failed === b.failed,
        (batch) => batch === null || batch.finished,
      ),
  };
}

export type LiveStatus<Batch extends BatchCounts> = ReturnType<typeof createLiveStatus<Batch>>;
