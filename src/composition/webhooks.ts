// Outgoing webhooks (src/outgoing-webhooks/): the secret box, the queue wake-ups on the provisioning
// queue's pg-boss, and this process's drains. Endpoint management needs only the first two.
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import type { PgBossQueue } from '../jobs/pg-boss-queue.ts';
import { openWebhookQueue, startWebhookWorkers, WEBHOOK_DELIVERY_QUEUE, type WebhookWaker } from '../jobs/webhook-delivery-queue.ts';
import type { ChangeFeed } from '../live/employee-change-feed.ts';
import type { Logger } from '../logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { drainEndpoint, type DeliveryDeps } from '../outgoing-webhooks/webhook-delivery.ts';
import type { WebhookEndpointDeps } from '../outgoing-webhooks/webhook-endpoints.service.ts';
import { SecretBox } from '../outgoing-webhooks/webhook-secrets.ts';

export interface WebhookParts {
  /** The audit trail is added where the services are bound. */
  endpoints: Omit<WebhookEndpointDeps, 'audit'>;
  waker: WebhookWaker;
  delivery: DeliveryDeps;
  queueName: string;
}

export async function openWebhooks(env: Env, logger: Logger, prisma: PrismaClient, queue: PgBossQueue, metrics: GatewayMetrics): Promise<WebhookParts> {
  const w = env.webhooks;
  const secrets = w.secretKey ? new SecretBox(w.secretKey) : undefined;
  const queueName = queue.nameOf(WEBHOOK_DELIVERY_QUEUE);
  const waker = await openWebhookQueue(queue.boss, queueName, env.provisioning.heartbeatSeconds);
  return {
    queueName,
    waker,
    endpoints: { prisma, secrets, settings: { allowPrivateUrls: w.allowPrivateUrls, secretOverlapHours: w.secretOverlapHours }, wake: waker.wake },
    delivery: {
      prisma,
      // Endpoints exist only where a key sealed their secrets.
      secrets: () => secrets ?? (() => { throw new Error('WEBHOOK_SECRET_KEY is not set'); })(),
      settings: w,
      logger,
      wakeAt: waker.wakeAt,
      observe: (endpoint, outcome) => metrics.webhookDeliveries.inc({ endpoint, outcome }),
    },
  };
}

export function startWebhookDelivery(env: Env, logger: Logger, parts: WebhookParts, queue: PgBossQueue, changeFeed: ChangeFeed, pollingIntervalSeconds: number) {
  return startWebhookWorkers({
    boss: queue.boss,
    name: parts.queueName,
    prisma: parts.delivery.prisma,
    changeFeed,
    sweepSeconds: env.webhooks.sweepSeconds,
    concurrency: 8,
    pollingIntervalSeconds,
    logger,
    drain: (endpointId, stopping) => drainEndpoint(parts.delivery, endpointId, stopping),
  });
}
