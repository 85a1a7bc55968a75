// The queue side of outgoing webhooks (pg-boss, on the provisioning queue's instance): a job wakes one
// endpoint's drain: a retry's backoff (a job delayed until the delivery is due) and the admins' calls
// (redelivery, re-enabling). The fast path skips the queue hop: each committed employee change (the change
// feed) and a sweep every WEBHOOK_SWEEP_SECONDS (an import's closing event, a process killed mid-delivery
// once its lease ran out, a lost notification) start the drain of every endpoint whose next delivery is
// due and unheld in this process at once. The lease keeps it to one drain per endpoint across processes.
// The `short` policy keeps at most one waiting job per key; the immediate and the delayed wake have keys
// of their own, so a pending retry never holds back a wake that is due now.
import type { PgBoss } from 'pg-boss';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { ChangeFeed } from '../live/employee-change-feed.ts';
import type { Logger } from '../logger.ts';
import { endpointsToDrain } from '../outgoing-webhooks/webhook-store.ts';

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export interface WebhookWaker {
  wake(endpointId: string): Promise<void>;
  wakeAt(endpointId: string, at: Date): Promise<void>;
}

export async function openWebhookQueue(boss: PgBoss, name: string, heartbeatSeconds: number): Promise<WebhookWaker> {
  if (!(await boss.getQueue(name))) {
    await boss
      .createQueue(name, { policy: 'short', notify: true, retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 3600, heartbeatSeconds, retentionSeconds: 24 * 3600 })
      .catch(async (error: unknown) => {
        if (!(await boss.getQueue(name))) throw error;
      });
  }
  return {
    wake: async (endpointId) => void (await boss.send(name, { endpointId }, { singletonKey: endpointId })),
    wakeAt: async (endpointId, at) => void (await boss.send(name, { endpointId }, { singletonKey: `${endpointId}:retry`, startAfter: at })),
  };
}

export interface WebhookWorkerOptions {
  boss: PgBoss;
  name: string;
  prisma: PrismaClient;
  changeFeed: ChangeFeed;
  sweepSeconds: number;
  concurrency: number;
  pollingIntervalSeconds: number;
  logger: Logger;
  /** How long stop waits for the drains and the sweep (default STOP_WAIT_MS). */
  stopWaitMs?: number;
  /** Sends what is due for the endpoint; stops between requests once `stopping()` says so. */
  drain(endpointId: string, stopping: () => boolean): Promise<void>;
}

/**
 * What stop waits at most. A drain stops between two requests, but one waiting on a database that no
 * longer answers (or on a slow receiver, up to WEBHOOK_TIMEOUT_SECONDS) would hold the shutdown for ever:
 * past this it is abandoned and logged. Nothing is lost: its lease runs out and a sweep elsewhere resends
 * what it had not recorded (at least once).
 */
export const STOP_WAIT_MS = 3_000;

/** Starts this process's drains and its sweep; returns stop. */
export async function startWebhookWorkers(options: WebhookWorkerOptions): Promise<() => Promise<void>> {
  const { boss, name, logger } = options;
  let stopping = false;
  const isStopping = () => stopping;
  // Every drain in progress here, queue jobs' included: what stop waits for, and names if it gives up.
  const inFlight = new Set<{ endpointId: string; from: 'job' | 'sweep'; done: Promise<void> }>();
  const track = (endpointId: string, from: 'job' | 'sweep', drain: Promise<void>) => {
    const entry = { endpointId, from, done: drain.then(() => undefined, () => undefined) };
    inFlight.add(entry);
    void entry.done.finally(() => inFlight.delete(entry));
    return drain;
  };
  await boss.work<{ endpointId: string }>(
    name,
    { localConcurrency: options.concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds, notifyPollingIntervalSeconds: options.pollingIntervalSeconds },
    async ([job]) => track(job!.data.endpointId, 'job', options.drain(job!.data.endpointId, isStopping)),
  );
  // Drains this process started from a sweep, by endpoint: a second one for the same endpoint would only
  // find the lease held.
  const draining = new Set<string>();
  const drainHere = (endpointId: string) => {
    if (stopping || draining.has(endpointId)) return;
    draining.add(endpointId);
    const drain = options
      .drain(endpointId, isStopping)
      .catch((error: unknown) => logger.warn({ err: error, endpointId }, 'webhook drain failed; the sweep retries it'))
      .finally(() => draining.delete(endpointId));
    void track(endpointId, 'sweep', drain);
  };
  // One sweep at a time; a request during a sweep runs one more right after it.
  let running: Promise<void> | null = null;
  let again = false;
  const sweep = (): void => {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        for (const endpointId of await endpointsToDrain(options.prisma)) drainHere(endpointId);
      } while (again && !stopping);
    })()
      .catch((error: unknown) => logger.warn({ err: error }, 'webhook sweep failed'))
      .finally(() => (running = null));
  };
  const timer = setInterval(sweep, options.sweepSeconds * 1000);
  timer.unref();
  const unlisten = options.changeFeed.listen({ changed: sweep, up: sweep, down: () => undefined });
  sweep();
  return async () => {
    stopping = true;
    clearInterval(timer);
    unlisten();
    const sweeping = running;
    // offWork stops fetching at once, then waits for the jobs' drains and their completion records.
    const jobsOff = boss.offWork(name, { wait: true }).catch((error: unknown) => logger.warn({ err: error }, 'stopping the webhook queue worker failed'));
    const settled = Promise.all([jobsOff, sweeping, ...[...inFlight].map((entry) => entry.done)]).then(() => true);
    let bound: NodeJS.Timeout | undefined;
    const waited = await Promise.race([settled, new Promise<false>((resolve) => (bound = setTimeout(() => resolve(false), options.stopWaitMs ?? STOP_WAIT_MS)))]);
    clearTimeout(bound);
    if (waited) return;
    logger.warn(
      { waitedMs: options.stopWaitMs ?? STOP_WAIT_MS, drains: [...inFlight].map(({ endpointId, from }) => ({ endpointId, from })), sweep: running !== null },
      'webhook delivery did not stop in time; abandoned what is listed (its lease runs out and another process resends what it had not recorded)',
    );
  };
}
