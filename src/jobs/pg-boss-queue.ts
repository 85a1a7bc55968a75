// pg-boss in the gateway's own PostgreSQL (its own schema) as the durable provisioning queue.
//
// Why pg-boss's `db` option (fromPrisma over the Prisma interactive transaction) rather than an outbox
// table drained into pg-boss: the job row is inserted by the very transaction that inserts the
// employee, so both commit or neither, with no drainer process, no second copy of the intent and no
// drain latency. pg-boss's insert is one parameterised statement with a single JSON parameter, which
// Prisma's $queryRawUnsafe runs unchanged inside the transaction.
//
// Queues use the `exclusive` policy keyed by employee id: at most one job per employee is waiting or
// running, so re-queueing (the sweep, retryProvisioning, two gateways) never stacks duplicates.
// Retries use pg-boss's exponential backoff with jitter (delay x 2^n, randomised, capped).
import { PgBoss, fromPrisma, type JobResult, type JobWithMetadata } from 'pg-boss';
import type { Prisma } from '../generated/prisma/client.ts';
import { JOB_KINDS, type EnqueueOptions, type ProvisioningJobKind, type ProvisioningQueue } from '../services/provisioning-queue.ts';

export interface QueueSettings {
  connectionString: string;
  /** PostgreSQL schema for pg-boss's tables. */
  schema: string;
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** Prefixes queue names, so tests sharing one database keep their jobs apart. Empty in production. */
  queuePrefix?: string;
  /** Connections pg-boss may open (its own pool, separate from Prisma's). */
  maxConnections?: number;
  /**
   * A job still active after this long (its process was killed, or it hangs) is retried (pg-boss
   * expireInSeconds, applied when a queue is created). Default 300 s.
   */
  jobTimeoutSeconds?: number;
}

export interface ProvisioningJob extends JobWithMetadata<{ employeeId: string }> {}

export type JobHandler = (job: ProvisioningJob) => Promise<void>;

export class PgBossQueue implements ProvisioningQueue {
  private constructor(
    readonly boss: PgBoss,
    private readonly settings: QueueSettings,
  ) {}

  static async start(settings: QueueSettings, onError: (error: Error) => void): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: settings.connectionString,
      schema: settings.schema,
      max: settings.maxConnections ?? 4,
      application_name: 'employee-gateway-queue',
      // Expired jobs (a killed process's) are found by the supervisor: check a few times per timeout.
      superviseIntervalSeconds: Math.max(1, Math.min(60, Math.ceil((settings.jobTimeoutSeconds ?? 300) / 4))),
      monitorIntervalSeconds: Math.max(1, Math.min(60, Math.ceil((settings.jobTimeoutSeconds ?? 300) / 4))),
    });
    boss.on('error', onError);
    await boss.start();
    const queue = new PgBossQueue(boss, settings);
    for (const kind of JOB_KINDS) {
      const name = queue.nameOf(kind);
      if (await boss.getQueue(name)) continue;
      await boss
        .createQueue(name, {
          policy: 'exclusive',
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: settings.retryDelayMaxSeconds,
          // A job may wait for days (kill switch); the sweep re-queues anything older anyway.
          retentionSeconds: 14 * 24 * 3600,
          expireInSeconds: settings.jobTimeoutSeconds ?? 300,
        })
        // Another process may have created it between the check and here.
        .catch(async (error: unknown) => {
          if (!(await boss.getQueue(name))) throw error;
        });
    }
    return queue;
  }

  nameOf(kind: ProvisioningJobKind): string {
    return `${this.settings.queuePrefix ?? ''}${kind}`;
  }

  async enqueue(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeId: string, options: EnqueueOptions = {}): Promise<void> {
    await this.boss.send(
      this.nameOf(kind),
      { employeeId },
      {
        singletonKey: employeeId,
        ...(options.delaySeconds ? { startAfter: options.delaySeconds } : {}),
        ...(tx ? { db: fromPrisma(tx) } : {}),
      },
    );
  }

  /**
   * Starts `concurrency` local workers for the kind; each job is handled and settled on its own. Workers
   * take a few jobs per fetch and fetch again at once while fetches come back full (a backlog, e.g. an
   * import), so throughput is bounded by Auth0's budget rather than by the polling interval.
   */
  async work(kind: ProvisioningJobKind, options: { concurrency: number; pollingIntervalSeconds: number }, handler: JobHandler): Promise<void> {
    await this.boss.work<{ employeeId: string }>(
      this.nameOf(kind),
      {
        includeMetadata: true,
        perJobResults: true,
        batchSize: 2,
        burstWhenBatchFull: true,
        localConcurrency: options.concurrency,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
      },
      async (jobs) => {
        const results: JobResult[] = [];
        for (const job of jobs as ProvisioningJob[]) {
          try {
            await handler(job);
            results.push({ id: job.id, status: 'completed' });
          } catch (error) {
            results.push({ id: job.id, status: 'failed', output: { message: error instanceof Error ? error.message : String(error) } });
          }
        }
        return results;
      },
    );
  }

  /**
   * One local worker fetching up to `batchSize` jobs at a time (role batching). A handler that throws
   * fails the whole batch, which pg-boss retries job by job with backoff.
   */
  async workBatch(
    kind: ProvisioningJobKind,
    options: { batchSize: number; pollingIntervalSeconds: number },
    handler: (jobs: ProvisioningJob[]) => Promise<void>,
  ): Promise<void> {
    await this.boss.work<{ employeeId: string }>(
      this.nameOf(kind),
      { includeMetadata: true, batchSize: options.batchSize, pollingIntervalSeconds: options.pollingIntervalSeconds },
      async (jobs) => handler(jobs as ProvisioningJob[]),
    );
  }

  /** Stops this process's workers of the kind (kill switch); running jobs finish first. Waiting jobs stay queued. */
  async stopWorking(kind: ProvisioningJobKind): Promise<void> {
    await this.boss.offWork(this.nameOf(kind), { wait: true });
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
