// Admins' management of webhook endpoints, the delivery log and replays. The signing secret leaves the
// gateway twice only: in the answer to createWebhookEndpoint and to rotateWebhookSecret. Every change is
// audited (WEBHOOK_ENDPOINT_CHANGED, in the change's transaction) without the secret or the URL's query.
import type { PrismaClient } from '../db/prisma-client.ts';
import type { WebhookDeliveryStatus, WebhookEndpoint } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from '../services/audit-trail.ts';
import { DomainError } from '../services/errors.ts';
import { urlProblem } from './webhook-address.ts';
import { generateSecret, type SecretBox } from './webhook-secrets.ts';

export class WebhookEndpointNotFoundError extends DomainError {
  readonly code = 'WEBHOOK_ENDPOINT_NOT_FOUND';
  constructor() {
    super('No webhook endpoint has this id');
    this.name = 'WebhookEndpointNotFoundError';
  }
}

export class WebhookUrlRefusedError extends DomainError {
  readonly code = 'WEBHOOK_URL_REFUSED';
  constructor(readonly reason: string) {
    super(`This URL cannot receive events: ${reason}`);
    this.name = 'WebhookUrlRefusedError';
  }
}

/** Production without WEBHOOK_SECRET_KEY: secrets could not be stored encrypted, so none is made. */
export class WebhookSecretKeyMissingError extends DomainError {
  readonly code = 'WEBHOOK_SECRET_KEY_MISSING';
  constructor() {
    super('Set WEBHOOK_SECRET_KEY (it encrypts the signing secrets at rest) before adding webhook endpoints');
    this.name = 'WebhookSecretKeyMissingError';
  }
}

export interface WebhookEndpointDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  /** Undefined in production without WEBHOOK_SECRET_KEY. */
  secrets: SecretBox | undefined;
  settings: { allowPrivateUrls: boolean; secretOverlapHours: number };
  wake(endpointId: string): Promise<void>;
}

export interface WebhookEndpointInput {
  url: string;
  events: string[];
  description: string;
}

async function checkUrl(deps: WebhookEndpointDeps, url: string): Promise<void> {
  const problem = await urlProblem(url, deps.settings.allowPrivateUrls);
  if (problem) throw new WebhookUrlRefusedError(problem);
}

function box(deps: WebhookEndpointDeps): SecretBox {
  if (!deps.secrets) throw new WebhookSecretKeyMissingError();
  return deps.secrets;
}

/** The URL as the audit trail keeps it: no query or fragment (a receiver's token may ride there). */
function auditedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search || parsed.hash ? ' (query not recorded)' : ''}`;
}

async function find(deps: WebhookEndpointDeps, id: string): Promise<WebhookEndpoint> {
  const endpoint = await deps.prisma.webhookEndpoint.findUnique({ where: { id } });
  if (!endpoint) throw new WebhookEndpointNotFoundError();
  return endpoint;
}

export async function createWebhookEndpoint(deps: WebhookEndpointDeps, actor: Actor, input: WebhookEndpointInput) {
  const sealer = box(deps);
  await checkUrl(deps, input.url);
  const secret = generateSecret();
  const endpoint = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { url: input.url, events: [...new Set(input.events)], description: input.description, secret: sealer.seal(secret), createdBy: actor.id },
    });
    await deps.audit.webhookEndpointChanged(tx, actor, `created webhook endpoint ${row.id}: ${auditedUrl(row.url)}, events ${row.events.join(' ')}`);
    return row;
  });
  return { endpoint, secret };
}

export async function updateWebhookEndpoint(
  deps: WebhookEndpointDeps,
  actor: Actor,
  id: string,
  input: Partial<WebhookEndpointInput> & { enabled?: boolean },
): Promise<WebhookEndpoint> {
  const current = await find(deps, id);
  if (input.url !== undefined) await checkUrl(deps, input.url);
  // Re-enabling resumes where it stopped: the deliveries left pending by the 410 go first.
  const enabling = input.enabled === true && current.disabledAt !== null;
  const disabling = input.enabled === false && current.disabledAt === null;
  const events = input.events !== undefined ? [...new Set(input.events)] : undefined;
  const changes = [
    input.url !== undefined && input.url !== current.url ? `url ${auditedUrl(input.url)}` : null,
    events !== undefined && events.join(' ') !== current.events.join(' ') ? `events ${events.join(' ')}` : null,
    input.description !== undefined && input.description !== current.description ? 'description' : null,
    enabling ? `re-enabled (was disabled: ${current.disabledReason ?? 'no reason'})` : null,
    disabling ? 'disabled' : null,
  ].filter((change) => change !== null);
  const endpoint = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(events !== undefined ? { events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(enabling ? { disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(disabling ? { disabledAt: new Date(), disabledReason: 'disabled by an admin' } : {}),
      },
    });
    // Nothing different asked: nothing to record.
    if (changes.length > 0) await deps.audit.webhookEndpointChanged(tx, actor, `updated webhook endpoint ${id}: ${changes.join('; ')}`);
    return row;
  });
  if (enabling) await deps.wake(id);
  return endpoint;
}

export async function deleteWebhookEndpoint(deps: WebhookEndpointDeps, actor: Actor, id: string): Promise<string> {
  const current = await find(deps, id);
  await deps.prisma.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id } });
    await deps.audit.webhookEndpointChanged(tx, actor, `deleted webhook endpoint ${id}: ${auditedUrl(current.url)}`);
  });
  return id;
}

/** A new secret signs from now on; the old one signs too for WEBHOOK_SECRET_OVERLAP_HOURS. */
export async function rotateWebhookSecret(deps: WebhookEndpointDeps, actor: Actor, id: string) {
  const sealer = box(deps);
  const current = await find(deps, id);
  const secret = generateSecret();
  const previousSecretUntil = new Date(Date.now() + deps.settings.secretOverlapHours * 3600_000);
  const endpoint = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: { secret: sealer.seal(secret), previousSecret: current.secret, previousSecretUntil },
    });
    await deps.audit.webhookEndpointChanged(tx, actor, `rotated the signing secret of webhook endpoint ${id}; the previous one signs too until ${previousSecretUntil.toISOString()}`);
    return row;
  });
  return { endpoint, secret };
}

export function webhookEndpoints(deps: Pick<WebhookEndpointDeps, 'prisma'>): Promise<WebhookEndpoint[]> {
  return deps.prisma.webhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
}

export const MAX_DELIVERIES_PER_PAGE = 100;

/** The endpoint's deliveries, newest event first. */
export async function webhookDeliveries(deps: WebhookEndpointDeps, endpointId: string, status: WebhookDeliveryStatus | null, limit: number) {
  await find(deps, endpointId);
  return deps.prisma.webhookDelivery.findMany({
    where: { endpointId, ...(status ? { status } : {}) },
    orderBy: { eventId: 'desc' },
    take: Math.min(limit, MAX_DELIVERIES_PER_PAGE),
    include: { event: true },
  });
}

/**
 * Queues again every event since `from` the endpoint subscribes to, delivered or not, in sequence order,
 * with a fresh retry window. Returns how many were queued.
 */
export async function redeliverWebhookEvents(deps: WebhookEndpointDeps, actor: Actor, endpointId: string, from: Date): Promise<number> {
  const endpoint = await find(deps, endpointId);
  const queued = await deps.prisma.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      INSERT INTO "WebhookDelivery" ("endpointId", "eventId")
      SELECT ${endpointId}::uuid, ev."id" FROM "WebhookEvent" ev
       WHERE ev."occurredAt" >= ${from} AND ('*' = ANY (${endpoint.events}::text[]) OR ev."type" = ANY (${endpoint.events}::text[]))
      ON CONFLICT ("endpointId", "eventId") DO UPDATE
        SET "status" = 'PENDING', "attempts" = 0, "queuedAt" = now(), "nextAttemptAt" = now(), "deliveredAt" = NULL`;
    await deps.audit.webhookEndpointChanged(tx, actor, `queued ${count} events since ${from.toISOString()} again for webhook endpoint ${endpointId}`);
    return count;
  });
  await deps.wake(endpointId);
  return queued;
}
