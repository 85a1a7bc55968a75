// The provisioning machinery: the kill switch, the durable queue (pg-boss) and this process's queue workers.
import type { ConnectedIdentityProvider } from '../auth0/connect.ts';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import { PgBossQueue } from '../jobs/pg-boss-queue.ts';
import { startProvisioningWorkers, type WorkerServices } from '../jobs/provisioning-workers.ts';
import type { Logger } from '../logger.ts';
import type { AuditTrail } from '../services/audit-trail.ts';
import { scheduleClock, type ScheduleSettings } from '../services/effective-dates.ts';
import type { ProvisioningObserver } from '../services/provisioning/provisioning-observer.ts';
import type { ProvisioningSettings } from '../services/provisioning/provisioning-settings.ts';
import { ProvisioningSwitch, switchScope } from '../services/provisioning/provisioning-switch.ts';

/** What this process gives the provisioning services; each takes the part it declares. */
export interface ProvisioningDeps {
  prisma: PrismaClient;
  identityProvider: ConnectedIdentityProvider['provider'];
  audit: AuditTrail;
  queue: PgBossQueue;
  settings: ProvisioningSettings;
  onBackgroundError: (error: unknown) => void;
  provisioningObserver: ProvisioningObserver;
  /** Whether the tenant's write bucket is in use (the pacer's `busy`): creates then go to the queue at once. */
  tenantBusy: () => boolean;
}

export interface ProvisioningParts {
  queue: PgBossQueue;
  deps: ProvisioningDeps;
}

export function provisioningSettings(env: Env, live: ProvisioningSwitch): ProvisioningSettings {
  const p = env.provisioning;
  return { isEnabled: () => live.isEnabled(), waitMs: p.waitMs, leaseMs: p.leaseSeconds * 1000, onboardingEmail: p.onboardingEmail, schedule: scheduleSettings(env) };
}

/** Effective dates as configured: COMPANY_TIME_ZONE, INVITE_DAYS_BEFORE_START, and the test-only clock offset. */
export function scheduleSettings(env: Env): ScheduleSettings {
  const s = env.schedule;
  return { timeZone: s.timeZone, inviteDaysBeforeStart: s.inviteDaysBeforeStart, clock: scheduleClock(s.clockOffsetSeconds) };
}

export function openProvisioningSwitch(env: Env, logger: Logger, prisma: PrismaClient, queuePrefix: string): Promise<ProvisioningSwitch> {
  return ProvisioningSwitch.open(prisma, {
    scope: switchScope(env.provisioning.queueSchema, queuePrefix),
    initiallyEnabled: env.provisioning.enabled,
    onError: (error) => logger.warn({ err: error }, 'cannot read the provisioning switch; keeping the last known state'),
    onChange: ({ enabled, reason, changedBy }) =>
      logger.warn({ enabled, reason, changedBy }, enabled ? 'provisioning switched on' : 'provisioning switched off: no new Auth0 call starts'),
  });
}

export function startQueue(
  env: Env,
  logger: Logger,
  url: string,
  options: { queuePrefix: string | undefined; maxConnections: number | undefined },
): Promise<PgBossQueue> {
  const p = env.provisioning;
  return PgBossQueue.start(
    {
      connectionString: url,
      schema: p.queueSchema,
      retryLimit: p.retryLimit,
      retryDelaySeconds: p.retryDelaySeconds,
      retryDelayMaxSeconds: p.retryDelayMaxSeconds,
      jobTimeoutSeconds: p.jobTimeoutSeconds,
      heartbeatSeconds: p.heartbeatSeconds,
      ...(options.queuePrefix !== undefined ? { queuePrefix: options.queuePrefix } : {}),
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    },
    (error) => logger.error({ err: error }, 'job queue error'),
  );
}

/** This process's queue workers over the bound services; they follow the kill switch live. Returns stop. */
export function startWorkers(
  env: Env,
  logger: Logger,
  parts: { provisioning: ProvisioningParts; services: WorkerServices; live: ProvisioningSwitch; pollingIntervalSeconds: number },
): Promise<() => Promise<void>> {
  const p = env.provisioning;
  const { queue, deps } = parts.provisioning;
  return startProvisioningWorkers(
    queue,
    {
      prisma: deps.prisma,
      settings: deps.settings,
      provisioningObserver: deps.provisioningObserver,
      services: parts.services,
      ...(deps.settings.schedule ? { scheduleClock: deps.settings.schedule.clock } : {}),
    },
    {
      concurrency: p.concurrency,
      pollingIntervalSeconds: parts.pollingIntervalSeconds,
      sweepIntervalSeconds: p.sweepSeconds,
      verificationCheckIntervalSeconds: p.verificationCheckIntervalSeconds,
      roleBatchSize: p.roleBatchSize,
      roleBatchWindowMs: p.roleBatchWindowMs,
    },
    logger,
    parts.live,
  );
}
