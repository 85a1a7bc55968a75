// pg-boss in the gateway's own PostgreSQL (its own schema) as the durable provisioning queue.
//
// Why pg-boss's `db` option rather than an outbox table drained into pg-boss: the job row is inserted by
// the very transaction (fromPrisma over the Prisma interactive transaction) or the very statement
// (plannedInsert, spliced in by the store on the hot paths) that writes the employee, so both commit or neither, with no drainer
// process, no second copy of the intent and no drain latency. pg-boss's insert is one parameterised
// statement with a single JSON parameter, which Prisma runs unchanged.
//
// Queues use the `exclusive` policy keyed by employee id: at most one job per employee is waiting or
// running, so re-queueing (the sweep, retryProvisioning, two gateways) never stacks duplicates.
// Retries use pg-boss's exponential backoff with jitter (delay x 2^n, randomised, capped).
import { PgBoss, fromPrisma, type Db, type JobResult, type JobWithMetadata } from 'pg-boss';
import type { Prisma } from '../generated/prisma/client.ts';
import {
  JOB_KINDS,
  type EnqueueOptions,
  type PlannedJobInsert,
  type ProvisioningJobKind,
  type ProvisioningQueue,
} from '../services/provisioning-queue.ts';
import { jobInsertCtes } from '../store/job-insert.ts';

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
  /**
   * Workers refresh each held job this often (every half of it); a job whose heartbeat stops (its
   * process died) is retried after this long plus one supervision pass, instead of after the job
   * timeout. A live job keeps its heartbeat however slow its Auth0 call is. Default 20 s (pg-boss: >= 10).
   */
  heartbeatSeconds?: number;
}

export interface ProvisioningJob extends JobWithMetadata<{ employeeId: string; attemptsBefore?: number }> {}

/** The attempt this run of the job is, counting the attempts made before it was queued: pg-boss counts retries from 0. */
export function attemptOf(job: Pick<ProvisioningJob, 'retryCount' | 'data'>): number {
  return (job.data.attemptsBefore ?? 0) + job.retryCount + 1;
}

function jobData(employeeId: string, options: EnqueueOptions): ProvisioningJob['data'] {
  return options.attemptsBefore ? { employeeId, attemptsBefore: options.attemptsBefore } : { employeeId };
}

export type JobHandler = (job: ProvisioningJob) => Promise<void>;

export class PgBossQueue implements ProvisioningQueue {
  #running = true;

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
      // Jobs of a killed process (heartbeat stopped, or expired) are found by the supervisor: check a few
      // times per timeout and at least twice per heartbeat.
      superviseIntervalSeconds: superviseSeconds(settings),
      monitorIntervalSeconds: superviseSeconds(settings),
      // A job committed by any process wakes the workers at once (NOTIFY) instead of at their next poll:
      // pick-up latency was up to a polling interval per hop (provision, then role batch). Polling stays as the floor.
      useListenNotify: true,
    });
    boss.on('error', onError);
    await boss.start();
    const queue = new PgBossQueue(boss, settings);
    for (const kind of JOB_KINDS) {
      const name = queue.nameOf(kind);
      const existing = await boss.getQueue(name);
      if (existing) {
        // Queues keep the options they were created with: a deployment from before heartbeats gets them here.
        if (existing.heartbeatSeconds !== heartbeatSecondsOf(settings) || existing.notify !== notifies(kind)) {
          await boss.updateQueue(name, { heartbeatSeconds: heartbeatSecondsOf(settings), notify: notifies(kind) });
        }
        continue;
      }
      await boss
        .createQueue(name, {
          policy: policyOf(kind),
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: settings.retryDelayMaxSeconds,
          // A job may wait for days (kill switch); the sweep re-queues anything older anyway.
          retentionSeconds: 14 * 24 * 3600,
          expireInSeconds: settings.jobTimeoutSeconds ?? 300,
          heartbeatSeconds: heartbeatSecondsOf(settings),
          notify: notifies(kind),
        })
        // Another process may have created it between the check and here.
        .catch(async (error: unknown) => {
          if (!(await boss.getQueue(name))) throw error;
        });
    }
    // A pg-boss whose insert no longer has a shape the store can splice fails here, not at the first hire.
    for (const kind of JOB_KINDS) jobInsertCtes(await queue.plannedInsert(kind, [crypto.randomUUID()]));
    return queue;
  }

  /** Names of this process's queues (metrics, readiness). */
  get queueNames(): string[] {
    return JOB_KINDS.map((kind) => this.nameOf(kind));
  }

  /** The queue's pg-boss schema (a validated identifier). */
  get schema(): string {
    return this.settings.schema;
  }

  /** Whether pg-boss is started and not stopping: this process can enqueue and work jobs. */
  get running(): boolean {
    return this.#running;
  }

  /** A queue name without this process's prefix: its job kind (a bounded metric label). */
  kindOf(name: string): string {
    return name.slice((this.settings.queuePrefix ?? '').length);
  }

  /** The prefixed name of one of this process's queues (the provisioning kinds, or another part's, e.g. webhook-delivery). */
  nameOf(kind: ProvisioningJobKind | 'webhook-delivery'): string {
    return `${this.settings.queuePrefix ?? ''}${kind}`;
  }

  async enqueue(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeId: string, options: EnqueueOptions = {}): Promise<void> {
    await this.boss.send(
      this.nameOf(kind),
      jobData(employeeId, options),
      {
        singletonKey: employeeId,
        ...startAfterOf(options),
        ...(tx ? { db: fromPrisma(tx) } : {}),
      },
    );
  }

  async reschedule(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeId: string, at: Date | null): Promise<void> {
    const name = this.nameOf(kind);
    const db = tx ? { db: fromPrisma(tx) } : {};
    if (at === null) {
      const waiting = await this.boss.findJobs(name, { key: employeeId, queued: true, ...db });
      if (waiting.length > 0) await this.boss.deleteJob(name, waiting.map((job) => job.id), db);
      return;
    }
    // pg-boss's upsert moves the waiting job in place (same id and singleton), or inserts one when none waits.
    await this.boss.upsert(name, { employeeId }, { singletonKey: employeeId, startAfter: at, match: 'all', ...db });
  }

  async enqueueMany(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeIds: readonly string[]): Promise<void> {
    if (employeeIds.length === 0) return;
    await this.boss.insert(
      this.nameOf(kind),
      employeeIds.map((employeeId) => ({ data: { employeeId }, singletonKey: employeeId })),
      tx ? { db: fromPrisma(tx) } : {},
    );
  }

  /**
   * pg-boss's own insert statement for the jobs, captured instead of run. Ours because pg-boss has no API
   * to add a job to another statement; its insert is one statement with one JSON parameter.
   */
  async plannedInsert(kind: ProvisioningJobKind, employeeIds: readonly string[], options: EnqueueOptions = {}): Promise<PlannedJobInsert> {
    let captured: { text: string; values: unknown[] } | undefined;
    const capture: Db = {
      async executeSql(text: string, values: unknown[] = []) {
        captured = { text, values };
        return { rows: [] };
      },
    };
    await this.boss.insert(
      this.nameOf(kind),
      employeeIds.map((employeeId) => ({
        data: jobData(employeeId, options),
        singletonKey: employeeId,
        ...startAfterOf(options),
      })),
      { db: capture },
    );
    if (!captured) throw new Error(`pg-boss ran no insert for ${kind}`);
    const [payload, ...more] = captured.values;
    if (typeof payload !== 'string' || more.length > 0) throw new Error('pg-boss insert has an unknown shape; plannedInsert needs updating');
    return { text: captured.text, payload };
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
        // NOTIFY wakes idle workers; a retry whose delay ran out is not notified, so keep the same poll.
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
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
   * One local worker handing jobs to `handler` in batches of up to `batchSize`. A batch waits to fill: while
   * it is not full, `moreComing()` says so and `windowMs` has not passed since its first fetch, it looks for
   * more every `checkMs` (bounded, so a lone job goes out as soon as nothing else is on its way). A handler
   * that throws fails the whole batch, which pg-boss retries job by job with backoff.
   */
  async workBatch(
    kind: ProvisioningJobKind,
    options: {
      batchSize: number;
      pollingIntervalSeconds: number;
      windowMs: number;
      checkMs?: number;
      moreComing: () => Promise<boolean>;
      /** One batch of every process sharing the queue fills at a time: waits for the turn, gives it back after. */
      turn?: { take: (signal: { retried: boolean }) => Promise<void>; giveBack: () => Promise<void> };
    },
    handler: (jobs: ProvisioningJob[]) => Promise<void>,
  ): Promise<void> {
    const name = this.nameOf(kind);
    await this.boss.work<{ employeeId: string }>(
      name,
      {
        includeMetadata: true,
        batchSize: options.batchSize,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
      },
      async (fetched) => {
        const first = fetched as ProvisioningJob[];
        // Jobs fetched here, beyond pg-boss's own batch: settled here with the batch's outcome.
        const extra: ProvisioningJob[] = [];
        // pg-boss keeps the heartbeat of the jobs it handed over; the extra ones are kept alive here, so a
        // window (and the handler after it) may outlast the heartbeat without their being taken for dead.
        const heartbeat = setInterval(() => {
          if (extra.length > 0) this.boss.touch(name, extra.map((job) => job.id)).catch(() => undefined);
        }, (heartbeatSecondsOf(this.settings) * 1000) / 2);
        // A batch holding a retried job has waited already (a backoff, or the heartbeat of a process that
        // died holding it): it goes at once, so crash recovery does not add a window to those employees.
        const retried = first.some((job) => job.retryCount > 0);
        try {
          // While another process's batch fills, this one waits with what it fetched (pg-boss keeps those
          // jobs' heartbeat); its window starts when its turn does.
          await options.turn?.take({ retried });
          const deadline = retried ? 0 : performance.now() + options.windowMs;
          while (first.length + extra.length < options.batchSize && performance.now() < deadline && (await options.moreComing())) {
            await new Promise((resolve) => setTimeout(resolve, Math.min(options.checkMs ?? 200, Math.max(0, deadline - performance.now()))));
            extra.push(...((await this.boss.fetch<{ employeeId: string }>(name, { batchSize: options.batchSize - first.length - extra.length, includeMetadata: true })) as ProvisioningJob[]));
          }
          const extraIds = extra.map((job) => job.id);
          try {
            await handler([...first, ...extra]);
          } catch (error) {
            if (extraIds.length > 0) await this.boss.fail(name, extraIds, { message: error instanceof Error ? error.message : String(error) });
            throw error;
          }
          if (extraIds.length > 0) await this.boss.complete(name, extraIds);
        } finally {
          clearInterval(heartbeat);
          await options.turn?.giveBack();
        }
      },
    );
  }

  /** Whether jobs of the kind are queued or being worked, by any process of the queue. */
  async hasUnfinished(kind: ProvisioningJobKind): Promise<boolean> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT EXISTS (SELECT 1 FROM ${this.settings.schema}.job WHERE name = $1 AND state <= 'active') AS unfinished`,
      [this.nameOf(kind)],
    );
    return (rows[0] as { unfinished: boolean } | undefined)?.unfinished === true;
  }

  /** Stops this process's workers of the kind (kill switch); running jobs finish first. Waiting jobs stay queued. */
  async stopWorking(kind: ProvisioningJobKind): Promise<void> {
    await this.boss.offWork(this.nameOf(kind), { wait: true });
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}

/**
 * Which queues wake their workers by NOTIFY. Not send-invitation: one job per new user, each NOTIFY wakes
 * every worker of the queue for a fetch that mostly finds nothing (four fetches per user during an import),
 * and an invitation two seconds later costs nobody anything.
 */
const notifies = (kind: ProvisioningJobKind) => kind !== 'send-invitation';

/**
 * A scheduled deactivation is `stately` (one waiting and one running per employee): a reschedule while a
 * stale run is under way must still queue the new one. Every other kind is `exclusive`.
 */
const policyOf = (kind: ProvisioningJobKind) => (kind === 'scheduled-deactivation' ? 'stately' : 'exclusive');

const startAfterOf = (options: EnqueueOptions) =>
  options.startAfter ? { startAfter: options.startAfter } : options.delaySeconds ? { startAfter: options.delaySeconds } : {};

const heartbeatSecondsOf = (settings: QueueSettings) => Math.max(10, settings.heartbeatSeconds ?? 20);

function superviseSeconds(settings: QueueSettings): number {
  const timeout = settings.jobTimeoutSeconds ?? 300;
  return Math.max(1, Math.min(60, Math.ceil(timeout / 4), Math.ceil(heartbeatSecondsOf(settings) / 2)));
}
