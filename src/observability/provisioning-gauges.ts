// Gauges read from PostgreSQL on each scrape: employees by auth0SyncStatus (one GROUP BY), the
// onboarding's (invitations by status, the oldest PENDING, the email_verified check's lag: index-backed
// GROUP BY and MIN), and the provisioning queues' depth and oldest waiting job (pg-boss's job table, one
// GROUP BY). All are cheap: they count rows, never return them.
import type { PrismaClient } from '../db/prisma-client.ts';
import { endpointHealth } from '../outgoing-webhooks/webhook-store.ts';
import type { GatewayMetrics } from './metrics.ts';

export function registerEmployeeStatusGauge(metrics: GatewayMetrics, prisma: PrismaClient): void {
  metrics.gaugeOnScrape(
    { name: 'provisioning_employees', help: 'Employees by auth0SyncStatus (read on scrape).', labelNames: ['status'] as const },
    async () => {
      const rows = await prisma.employee.groupBy({ by: ['auth0SyncStatus'], _count: { _all: true } });
      const counts = new Map<string, number>(['PENDING', 'CREATED', 'VERIFIED', 'FAILED', 'DISABLED'].map((status) => [status, 0]));
      for (const row of rows) counts.set(row.auth0SyncStatus, row._count._all);
      return [...counts].map(([status, value]) => ({ labels: { status }, value }));
    },
  );
}

/**
 * The onboarding's gauges: invitations by status, how long the oldest PENDING employee has waited, and
 * how far behind the email_verified check is (the longest any CREATED employee has gone unread).
 */
export function registerOnboardingGauges(metrics: GatewayMetrics, prisma: PrismaClient): void {
  metrics.gaugeOnScrape(
    { name: 'provisioning_invitations', help: 'Employees by invitationStatus: SCHEDULED, SENT, FAILED, ACCEPTED (read on scrape).', labelNames: ['status'] as const },
    async () => {
      const rows = await prisma.employee.groupBy({ by: ['invitationStatus'], where: { invitationStatus: { not: null } }, _count: { _all: true } });
      const counts = new Map<string, number>(['SCHEDULED', 'SENT', 'FAILED', 'ACCEPTED'].map((status) => [status, 0]));
      for (const row of rows) if (row.invitationStatus) counts.set(row.invitationStatus, row._count._all);
      return [...counts].map(([status, value]) => ({ labels: { status }, value }));
    },
  );
  const ageOf = (since: Date | null | undefined) => (since ? Math.max(0, (Date.now() - since.getTime()) / 1000) : 0);
  metrics.gaugeOnScrape(
    {
      name: 'provisioning_oldest_pending_seconds',
      help: 'How long the employee PENDING the longest has been PENDING (0 when none is), read on scrape.',
      labelNames: [] as const,
    },
    async () => {
      const oldest = await prisma.employee.aggregate({ where: { auth0SyncStatus: 'PENDING' }, _min: { auth0SyncStatusChangedAt: true } });
      return [{ labels: {}, value: ageOf(oldest._min.auth0SyncStatusChangedAt) }];
    },
  );
  metrics.gaugeOnScrape(
    {
      name: 'provisioning_verification_check_lag_seconds',
      help: 'How far behind the email_verified check is: the longest any CREATED employee has gone without a read (since it became CREATED when never read; 0 when none is CREATED), read on scrape.',
      labelNames: [] as const,
    },
    async () => {
      const created = { auth0SyncStatus: 'CREATED', auth0UserId: { not: null } } as const;
      const [read, unread] = await Promise.all([
        prisma.employee.aggregate({ where: { ...created, verificationCheckedAt: { not: null } }, _min: { verificationCheckedAt: true } }),
        prisma.employee.aggregate({ where: { ...created, verificationCheckedAt: null }, _min: { auth0SyncStatusChangedAt: true } }),
      ]);
      return [{ labels: {}, value: Math.max(ageOf(read._min.verificationCheckedAt), ageOf(unread._min.auth0SyncStatusChangedAt)) }];
    },
  );
}

/** `kindOf` turns a queue's name (which may carry a test prefix) into its bounded job kind. */
export function registerQueueGauges(
  metrics: GatewayMetrics,
  prisma: PrismaClient,
  queue: { schema: string; queueNames: readonly string[]; kindOf: (name: string) => string },
): void {
  interface Row {
    name: string;
    ready: number;
    deferred: number;
    active: number;
    oldest: number | null;
  }
  // One read shared by both gauges of a scrape.
  let pending: Promise<Row[]> | undefined;
  const read = () =>
    (pending ??= prisma
      .$queryRawUnsafe<Row[]>(
        `SELECT name,
                count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now())::int AS ready,
                count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now())::int AS deferred,
                count(*) FILTER (WHERE state = 'active')::int AS active,
                EXTRACT(EPOCH FROM now() - min(created_on) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()))::float8 AS oldest
           FROM "${queue.schema}".job
          WHERE name = ANY($1::text[]) AND state < 'completed'
          GROUP BY name`,
        queue.queueNames,
      )
      .finally(() => setTimeout(() => (pending = undefined), 0)));
  const byQueue = async () => {
    const rows = new Map((await read()).map((row) => [row.name, row]));
    return queue.queueNames.map((name) => ({ kind: queue.kindOf(name), row: rows.get(name) }));
  };
  metrics.gaugeOnScrape(
    {
      name: 'provisioning_queue_jobs',
      help: 'Provisioning jobs by queue and state: ready (waiting for a worker), deferred (waiting for a retry delay), active (read on scrape).',
      labelNames: ['queue', 'state'] as const,
    },
    async () =>
      (await byQueue()).flatMap(({ kind, row }) =>
        (['ready', 'deferred', 'active'] as const).map((state) => ({ labels: { queue: kind, state }, value: row?.[state] ?? 0 })),
      ),
  );
  metrics.gaugeOnScrape(
    {
      name: 'provisioning_queue_oldest_job_age_seconds',
      help: 'Age of the oldest provisioning job ready to run and not yet taken, by queue (0 when none waits).',
      labelNames: ['queue'] as const,
    },
    async () => (await byQueue()).map(({ kind, row }) => ({ labels: { queue: kind }, value: Math.max(0, row?.oldest ?? 0) })),
  );
}

/** SCIM deactivations the mass-deprovisioning guard holds for an admin (every process reads the same count). */
export function registerHeldDeactivationsGauge(metrics: GatewayMetrics, prisma: PrismaClient): void {
  metrics.gaugeOnScrape(
    { name: 'scim_held_deactivations', help: 'SCIM deactivations held beyond SCIM_DEPROVISION_LIMIT, waiting for an admin (read on scrape).', labelNames: [] },
    async () => [{ labels: {}, value: await prisma.scimDeactivation.count({ where: { state: 'HELD' } }) }],
  );
}

/** Per enabled webhook endpoint: how long its next delivery has kept failing, and how many wait (one query per scrape). */
export function registerWebhookGauges(metrics: GatewayMetrics, prisma: PrismaClient): void {
  let pending: ReturnType<typeof endpointHealth> | undefined;
  const read = () => (pending ??= endpointHealth(prisma).finally(() => setTimeout(() => (pending = undefined), 0)));
  metrics.gaugeOnScrape(
    { name: 'webhook_endpoint_failing_seconds', help: 'Seconds since the endpoint\'s next delivery began failing (0: healthy); read on scrape.', labelNames: ['endpoint'] as const },
    async () => (await read()).map((row) => ({ labels: { endpoint: row.id }, value: row.failingSeconds })),
  );
  metrics.gaugeOnScrape(
    { name: 'webhook_deliveries_pending', help: 'Deliveries waiting to be sent, by endpoint id; read on scrape.', labelNames: ['endpoint'] as const },
    async () => (await read()).map((row) => ({ labels: { endpoint: row.id }, value: row.pending })),
  );
}
