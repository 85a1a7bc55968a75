// Starts the queue (and, unless told otherwise, the workers) for one process: the gateway, `npm run
// worker`, or a test gateway.
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { AuditTrail } from '../services/audit-trail.ts';
import type { IdentityProvider } from '../services/identity-provider.ts';
import type { ProvisioningQueue } from '../services/provisioning-queue.ts';
import type { ProvisioningSettings } from '../services/provisioning/provisioning-settings.ts';
import { PgBossQueue, type QueueSettings } from './pg-boss-queue.ts';
import { startProvisioningWorkers, type WorkerOptions } from './provisioning-workers.ts';

export interface ProvisioningRuntimeOptions {
  databaseUrl: string;
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
  logger: Logger;
  settings: ProvisioningSettings;
  queue: Omit<QueueSettings, 'connectionString'>;
  /** null: this process only enqueues. */
  workers: WorkerOptions | null;
}

/** What this process gives the provisioning services and workers; each takes the part it declares. */
export interface ProvisioningRuntimeDeps {
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
  queue: ProvisioningQueue;
  settings: ProvisioningSettings;
  onBackgroundError: (error: unknown) => void;
}

export interface ProvisioningRuntime {
  queue: PgBossQueue;
  deps: ProvisioningRuntimeDeps;
  close(): Promise<void>;
}

export async function startProvisioningRuntime(options: ProvisioningRuntimeOptions): Promise<ProvisioningRuntime> {
  const { logger } = options;
  const queue = await PgBossQueue.start({ ...options.queue, connectionString: options.databaseUrl }, (error) =>
    logger.error({ err: error }, 'job queue error'),
  );
  const deps: ProvisioningRuntimeDeps = {
    prisma: options.prisma,
    identityProvider: options.identityProvider,
    audit: options.audit,
    queue,
    settings: options.settings,
    onBackgroundError: (error) => logger.error({ err: error }, 'background provisioning attempt failed'),
  };
  // The kill switch stops all Auth0 work: jobs wait in the queue until a process starts with it on.
  const stopWorkers =
    options.workers && options.settings.enabled ? await startProvisioningWorkers(queue, deps, options.workers, logger) : null;
  if (!options.settings.enabled) logger.warn('AUTH0_PROVISIONING_ENABLED=false: employees stay PENDING, no Auth0 call is made');
  return {
    queue,
    deps,
    async close() {
      await stopWorkers?.();
      await queue.stop();
    },
  };
}

/** The runtime's settings from the validated environment. */
export function provisioningOptionsFrom(env: Env): Pick<ProvisioningRuntimeOptions, 'settings' | 'queue' | 'workers'> & {
  verificationCooldownSeconds: number;
} {
  const p = env.provisioning;
  return {
    settings: { enabled: p.enabled, waitMs: p.waitMs, leaseMs: p.leaseSeconds * 1000 },
    queue: {
      schema: p.queueSchema,
      retryLimit: p.retryLimit,
      retryDelaySeconds: p.retryDelaySeconds,
      retryDelayMaxSeconds: p.retryDelayMaxSeconds,
      jobTimeoutSeconds: p.jobTimeoutSeconds,
    },
    workers: {
      concurrency: p.concurrency,
      pollingIntervalSeconds: 2,
      sweepIntervalSeconds: p.sweepSeconds,
      verificationCheckIntervalSeconds: p.verificationCheckIntervalSeconds,
      roleBatchSize: p.roleBatchSize,
    },
    verificationCooldownSeconds: p.verificationCooldownSeconds,
  };
}
