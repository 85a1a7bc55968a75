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
  /** Sends what is due for the endpoint; stops between requests once `stopping()` says so. */
  drain(endpointId: string, stopping: () => boolean): Promise<void>;
}

/** Starts this process's drains and its sweep; returns stop. */
export async function startWebhookWorkers(options: WebhookWorkerOptions): Promise<() => Promise<void>> {
  const { boss, name, logger } = options;
  let stopping = false;
  const isStopping = () => stopping;
  await boss.work<{ endpointId: string }>(
    name,
    { localConcurrency: options.concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds, notifyPollingIntervalSeconds: options.pollingIntervalSeconds },
    async ([job]) => options.drain(job!.data.endpointId, isStopping),
  );
  // Drains this process started from a sweep, by endpoint: a second one for the same endpoint would only
  // find the lease held.
  const draining = new Map<string, Promise<void>>();
  const drainHere = (endpointId: string) => {
    if (draining.has(endpointId)) return;
    const drain = options
      .drain(endpointId, isStopping)
      .catch((error: unknown) => logger.warn({ err: error, endpointId }, 'webhook drain failed; the sweep retries it'))
      .finally(() => draining.delete(endpointId));
    draining.set(endpointId, drain);
  };
  // One sweep at a time; a request during a sweep runs one more right after it.
  let running: Promise<void> | null = null;
  let again = false;
  const sweep = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        for (const endpointId of await endpointsToDrain(options.prisma)) drainHere(endpointId);
      } while (again);
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
    await boss.offWork(name, { wait: true });
    await running;
    await Promise.all(draining.values());
  };
}
