// The outgoing-webhook tables' SQL beyond plain Prisma calls: the per-endpoint lease (one request at a
// time per endpoint, across every process) and the reads the drain and the sweep make.
// Each is one statement: a drain's round trips, not its requests, were what bounded delivery under load.
import type { PrismaClient } from '../db/prisma-client.ts';
import { Prisma, type WebhookEndpoint } from '../generated/prisma/client.ts';

/** What a drain needs of its endpoint: where to send, and the sealed secrets to sign with. */
export type LeasedEndpoint = Pick<WebhookEndpoint, 'id' | 'url' | 'secret' | 'previousSecret' | 'previousSecretUntil' | 'failingSince'>;

/**
 * Takes (or renews, for the same owner) the endpoint's lease and reads it in the same statement (a new URL
 * or secret is seen at the next renewal); null when another live drain holds it, or it is disabled or gone.
 */
export async function leaseEndpoint(prisma: PrismaClient, endpointId: string, owner: string, ms: number): Promise<LeasedEndpoint | null> {
  const rows = await prisma.$queryRaw<LeasedEndpoint[]>`
    UPDATE "WebhookEndpoint" SET "leaseUntil" = now() + ${ms} * interval '1 millisecond', "leaseOwner" = ${owner}
     WHERE "id" = ${endpointId}::uuid AND "disabledAt" IS NULL
       AND ("leaseUntil" IS NULL OR "leaseUntil" < now() OR "leaseOwner" = ${owner})
    RETURNING "id", "url", "secret", "previousSecret", "previousSecretUntil", "failingSince"`;
  return rows[0] ?? null;
}

/**
 * Records the drain's last successes, releases the lease and says whether the endpoint's oldest pending
 * delivery is due now (one queued while the drain was finishing), so the drain knows whether to look
 * again: one statement. Its snapshot still sees the successes as PENDING, so the look skips them.
 */
export async function releaseEndpoint(prisma: PrismaClient, endpointId: string, owner: string, delivered: readonly DeliveredRow[]): Promise<{ headIsDue: boolean }> {
  const rows = await prisma.$queryRaw<{ due: boolean | null }[]>`
    WITH marked AS (${markDeliveredSql(endpointId, delivered)})
    UPDATE "WebhookEndpoint" e SET "leaseUntil" = NULL, "leaseOwner" = NULL
     WHERE e."id" = ${endpointId}::uuid AND e."leaseOwner" = ${owner}
    RETURNING e."disabledAt" IS NULL AND (SELECT d."nextAttemptAt" <= now() FROM "WebhookDelivery" d
      WHERE d."endpointId" = e."id" AND d."status" = 'PENDING' AND d."eventId" <> ALL (${delivered.map((row) => row.eventId.toString())}::bigint[])
      ORDER BY d."eventId" LIMIT 1) AS due`;
  return { headIsDue: rows[0]?.due === true };
}

export interface PendingDelivery {
  eventId: bigint;
  attempts: number;
  queuedAt: Date;
  nextAttemptAt: Date;
  event: { id: bigint; type: string; data: unknown; occurredAt: Date };
}

/** The endpoint's oldest pending deliveries (their turn comes first), with their events: one join. */
export async function pendingDeliveries(prisma: PrismaClient, endpointId: string, take: number): Promise<PendingDelivery[]> {
  const rows = await prisma.$queryRaw<{ eventId: bigint; attempts: number; queuedAt: Date; nextAttemptAt: Date; type: string; data: unknown; occurredAt: Date }[]>`
    SELECT d."eventId", d."attempts", d."queuedAt", d."nextAttemptAt", ev."type", ev."data", ev."occurredAt"
      FROM "WebhookDelivery" d JOIN "WebhookEvent" ev ON ev."id" = d."eventId"
     WHERE d."endpointId" = ${endpointId}::uuid AND d."status" = 'PENDING'
     ORDER BY d."eventId" LIMIT ${take}`;
  return rows.map((row) => ({
    eventId: row.eventId,
    attempts: row.attempts,
    queuedAt: row.queuedAt,
    nextAttemptAt: row.nextAttemptAt,
    event: { id: row.eventId, type: row.type, data: row.data, occurredAt: row.occurredAt },
  }));
}

/** Enabled endpoints whose oldest pending delivery is due and that no live drain holds. */
export async function endpointsToDrain(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT e."id" FROM "WebhookEndpoint" e
     WHERE e."disabledAt" IS NULL AND (e."leaseUntil" IS NULL OR e."leaseUntil" < now())
       AND (SELECT d."nextAttemptAt" <= now() FROM "WebhookDelivery" d
             WHERE d."endpointId" = e."id" AND d."status" = 'PENDING' ORDER BY d."eventId" LIMIT 1)`;
  return rows.map((row) => row.id);
}

/** Per enabled endpoint: seconds since its oldest pending delivery began failing, and how many wait (metrics). */
export function endpointHealth(prisma: PrismaClient): Promise<{ id: string; failingSeconds: number; pending: number }[]> {
  return prisma.$queryRaw`
    SELECT e."id",
           COALESCE(EXTRACT(EPOCH FROM now() - e."failingSince"), 0)::float8 AS "failingSeconds",
           (SELECT count(*) FROM "WebhookDelivery" d WHERE d."endpointId" = e."id" AND d."status" = 'PENDING')::int AS "pending"
      FROM "WebhookEndpoint" e WHERE e."disabledAt" IS NULL`;
}

export interface DeliveredRow {
  eventId: bigint;
  status: number;
  body: string | null;
  at: Date;
}

/** Marks several deliveries SUCCEEDED in one statement (a drain records its successes in groups). */
export async function markDelivered(prisma: PrismaClient, endpointId: string, rows: readonly DeliveredRow[]): Promise<void> {
  if (rows.length === 0) return;
  await prisma.$executeRaw(markDeliveredSql(endpointId, rows));
}

function markDeliveredSql(endpointId: string, rows: readonly DeliveredRow[]): Prisma.Sql {
  return Prisma.sql`
    UPDATE "WebhookDelivery" d
       SET "status" = 'SUCCEEDED', "attempts" = d."attempts" + 1, "lastAttemptAt" = v.at, "lastResponseStatus" = v.status,
           "lastResponseBody" = v.body, "lastError" = NULL, "deliveredAt" = v.at
      FROM unnest(${rows.map((row) => row.eventId.toString())}::bigint[], ${rows.map((row) => row.status)}::int[],
                  ${rows.map((row) => row.body)}::text[], ${rows.map((row) => row.at.toISOString())}::timestamptz[]) AS v(id, status, body, at)
     WHERE d."endpointId" = ${endpointId}::uuid AND d."eventId" = v.id`;
}
