// Draining one endpoint: its pending deliveries go out one request at a time, oldest event first, under
// the endpoint's lease. A failure leaves the delivery at the head with a backoff, so nothing behind it
// overtakes it (an employee's events arrive in sequence order); 2xx moves on; 410 Gone disables the
// endpoint; retries stop WEBHOOK_RETRY_HOURS after the delivery was queued (FAILED, redeliverable).
import { randomUUID } from 'node:crypto';
import type { Webhook } from 'standardwebhooks';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Logger } from '../logger.ts';
import { publicOnlyLookup } from './webhook-address.ts';
import { renderBody, signedHeaders, signers } from './webhook-message.ts';
import { postEvent } from './webhook-request.ts';
import type { SecretBox } from './webhook-secrets.ts';
import { leaseEndpoint, markDelivered, pendingDeliveries, releaseEndpoint, type DeliveredRow, type LeasedEndpoint } from './webhook-store.ts';

export interface DeliverySettings {
  retryHours: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  timeoutSeconds: number;
  allowPrivateUrls: boolean;
}

export type DeliveryOutcome = 'success' | 'failure' | 'gone' | 'expired';

export interface DeliveryDeps {
  prisma: PrismaClient;
  secrets: () => SecretBox;
  settings: DeliverySettings;
  logger: Logger;
  /** Wake this endpoint's drain again at `at` (a delayed queue job). */
  wakeAt(endpointId: string, at: Date): Promise<void>;
  observe(endpointId: string, outcome: DeliveryOutcome): void;
}

const BODY_LIMIT = 1000;

/** Sends what is due for the endpoint; returns at once when another drain holds it (that one re-checks). */
export async function drainEndpoint(deps: DeliveryDeps, endpointId: string, stopping: () => boolean = () => false): Promise<void> {
  const owner = `drain-${process.pid}-${randomUUID()}`;
  const leaseMs = deps.settings.timeoutSeconds * 1000 + 5_000;
  for (;;) {
    const endpoint = await leaseEndpoint(deps.prisma, endpointId, owner, leaseMs);
    if (!endpoint) return;
    // Successes not recorded yet: the release records them (one statement for both).
    const delivered: DeliveredRow[] = [];
    let released = { headIsDue: false };
    try {
      await sendDue(deps, endpoint, owner, leaseMs, stopping, delivered);
    } finally {
      // Release, and look again if the release says a delivery is due: one queued while this drain was
      // finishing is not left to the sweep.
      released = await releaseEndpoint(deps.prisma, endpointId, owner, delivered);
    }
    if (stopping() || !released.headIsDue) return;
  }
}

/** The endpoint's secrets, opened once per lease (not per request), ready to sign. */
interface Signing {
  current: readonly Webhook[];
  /** The previous secret's signer while a rotation's overlap lasts (checked at each request). */
  previous: { signer: readonly Webhook[]; until: Date } | null;
}

function openSecrets(deps: DeliveryDeps, endpoint: LeasedEndpoint): Signing {
  const box = deps.secrets();
  return {
    current: signers([box.open(endpoint.secret)]),
    previous:
      endpoint.previousSecret && endpoint.previousSecretUntil
        ? { signer: signers([box.open(endpoint.previousSecret)]), until: endpoint.previousSecretUntil }
        : null,
  };
}

async function sendDue(deps: DeliveryDeps, leased: LeasedEndpoint, owner: string, leaseMs: number, stopping: () => boolean, delivered: DeliveredRow[]): Promise<void> {
  const { prisma, settings } = deps;
  const endpointId = leased.id;
  let endpoint = leased;
  let signing = openSecrets(deps, endpoint);
  let leasedAt = Date.now();
  // Successes are recorded a group at a time (one statement, not one per request; the last group with the
  // release): a crash before the write sends them again, which at-least-once allows and receivers absorb.
  const flush = async () => {
    await markDelivered(prisma, endpointId, delivered.splice(0));
  };
  for (;;) {
    // A page of the oldest pending deliveries with their events, sent in order: one query per page.
    const page = await pendingDeliveries(prisma, endpointId, PAGE);
    for (const head of page) {
      // Shutdown: the rest waits for the next process (the lease is released, the sweep finds it).
      if (stopping()) return;
      // The lease is renewed a few times per lease; the renewal re-reads the endpoint (disabled, new URL
      // or secret) in the same statement.
      if (Date.now() - leasedAt > leaseMs / 3) {
        const renewed = await leaseEndpoint(prisma, endpointId, owner, leaseMs);
        if (!renewed) return;
        if (renewed.secret !== endpoint.secret || renewed.previousSecret !== endpoint.previousSecret) signing = openSecrets(deps, renewed);
        endpoint = renewed;
        leasedAt = Date.now();
      }
      const key = { endpointId_eventId: { endpointId, eventId: head.eventId } };
      if (head.nextAttemptAt.getTime() > Date.now()) return deps.wakeAt(endpointId, head.nextAttemptAt);
      if (Date.now() - head.queuedAt.getTime() > settings.retryHours * 3600_000) {
        await prisma.webhookDelivery.update({ where: key, data: { status: 'FAILED', lastError: `retries stopped after ${settings.retryHours} h` } });
        deps.observe(endpointId, 'expired');
        continue;
      }
      const now = new Date();
      const by = signing.previous && signing.previous.until > now ? [...signing.current, ...signing.previous.signer] : signing.current;
      const body = renderBody(head.event);
      const answer = await postEvent(endpoint.url, signedHeaders(head.event, body, by, now), body, settings.timeoutSeconds * 1000, publicOnlyLookup(settings.allowPrivateUrls));
      const last = { attempts: { increment: 1 }, lastAttemptAt: now, lastResponseStatus: answer.status, lastResponseBody: answer.body?.slice(0, BODY_LIMIT) ?? null, lastError: answer.error };
      if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
        delivered.push({ eventId: head.eventId, status: answer.status, body: answer.body?.slice(0, BODY_LIMIT) ?? null, at: now });
        if (delivered.length >= FLUSH_EVERY) await flush();
        if (endpoint.failingSince) {
          await prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: null } });
          endpoint = { ...endpoint, failingSince: null };
        }
        deps.observe(endpointId, 'success');
        continue;
      }
      await flush();
      if (answer.status === 410) {
        await prisma.$transaction([
          prisma.webhookDelivery.update({ where: key, data: last }),
          prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { disabledAt: new Date(), disabledReason: 'the receiver answered 410 Gone' } }),
        ]);
        deps.observe(endpointId, 'gone');
        deps.logger.warn({ endpointId }, 'webhook endpoint answered 410 Gone: disabled');
        return;
      }
      const nextAttemptAt = new Date(Date.now() + backoffMs(settings, head.attempts + 1));
      await prisma.$transaction([
        prisma.webhookDelivery.update({ where: key, data: { ...last, nextAttemptAt } }),
        prisma.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince: endpoint.failingSince ?? now } }),
      ]);
      deps.observe(endpointId, 'failure');
      deps.logger.info({ endpointId, status: answer.status, error: answer.error, attempt: head.attempts + 1 }, 'webhook delivery failed; retrying later');
      return deps.wakeAt(endpointId, nextAttemptAt);
    }
    // A short page was everything pending when it was read; what was queued since, the release's look
    // finds (no second query to learn the page is empty).
    if (page.length < PAGE) return;
    await flush();
  }
}

const PAGE = 50;
const FLUSH_EVERY = 25;

/** Exponential with jitter (x 0.8-1.2), capped: 5 s, 10 s, 20 s ... 1 h by default. */
export function backoffMs(settings: Pick<DeliverySettings, 'retryDelaySeconds' | 'retryDelayMaxSeconds'>, attempt: number): number {
  const base = Math.min(settings.retryDelayMaxSeconds, settings.retryDelaySeconds * 2 ** Math.min(30, attempt - 1));
  return Math.round(base * 1000 * (0.8 + Math.random() * 0.4));
}
