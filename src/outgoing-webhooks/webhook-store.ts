// The outgoing-webhook tables' SQL beyond plain Prisma calls: the per-endpoint lease (one request at a
// time per endpoint, across every process) and the reads the drain and the sweep make.
import type { PrismaClient } from '../db/prisma-client.ts';

/** Takes (or renews, for the same owner) the endpoint's lease; false when another live drain holds it. */
export async function leaseEndpoint(prisma: PrismaClient, endpointId: string, owner: string, ms: number): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookEndpoint" SET "leaseUntil" = now() + ${ms} * interval '1 millisecond', "leaseOwner" = ${owner}
     WHERE "id" = ${endpointId}::uuid AND "disabledAt" IS NULL
       AND ("leaseUntil" IS NULL OR "leaseUntil" < now() OR "leaseOwner" = ${owner})
    RETURNING "id"`;
  return rows.length > 0;
}

export async function releaseEndpoint(prisma: PrismaClient, endpointId: string, owner: string): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "WebhookEndpoint" SET "leaseUntil" = NULL, "leaseOwner" = NULL WHERE "id" = ${endpointId}::uuid AND "leaseOwner" = ${owner}`;
}

/** The endpoint's oldest pending deliveries (their turn comes first), with their events. */
export function pendingDeliveries(prisma: PrismaClient, endpointId: string, take: number) {
  return prisma.webhookDelivery.findMany({
    where: { endpointId, status: 'PENDING' },
    orderBy: { eventId: 'asc' },
    take,
    include: { event: true },
  });
}

/** Whether the endpoint's oldest pending delivery may be sent now. */
export async function headIsDue(prisma: PrismaClient, endpointId: string): Promise<boolean> {
  const head = await prisma.webhookDelivery.findFirst({
    where: { endpointId, status: 'PENDING', endpoint: { disabledAt: null } },
    orderBy: { eventId: 'asc' },
    select: { nextAttemptAt: true },
  });
  return head !== null && head.nextAttemptAt.getTime() <= Date.now();
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
  await prisma.$executeRaw`
    UPDATE "WebhookDelivery" d
       SET "status" = 'SUCCEEDED', "attempts" = d."attempts" + 1, "lastAttemptAt" = v.at, "lastResponseStatus" = v.status,
           "lastResponseBody" = v.body, "lastError" = NULL, "deliveredAt" = v.at
      FROM unnest(${rows.map((row) => row.eventId.toString())}::bigint[], ${rows.map((row) => row.status)}::int[],
                  ${rows.map((row) => row.body)}::text[], ${rows.map((row) => row.at.toISOString())}::timestamptz[]) AS v(id, status, body, at)
     WHERE d."endpointId" = ${endpointId}::uuid AND d."eventId" = v.id`;
}
