// The port through which services hand work to the durable queue (pg-boss in src/jobs/). A job names
// an employee only: handlers read the current row, so a job that runs late or twice does the right thing.
import type { Prisma } from '../generated/prisma/client.ts';

export const JOB_KINDS = [
  'provision-employee',
  'sync-employee-role',
  'assign-new-user-role',
  'send-invitation',
  'sync-employee-account',
  'scheduled-deactivation',
] as const;
export type ProvisioningJobKind = (typeof JOB_KINDS)[number];

export interface EnqueueOptions {
  /** Do not start before this many seconds (createEmployee's own bounded attempt runs first). */
  delaySeconds?: number;
  /** Do not start before this real instant (a dated invitation); wins over delaySeconds. */
  startAfter?: Date;
  /** Attempts already made outside the queue (createEmployee's own), so the job's attempts are numbered after them. */
  attemptsBefore?: number;
}

export interface ProvisioningQueue {
  /**
   * Queues a job for the employee. With `tx`, the job is written by that Prisma transaction, so it commits
   * or rolls back with the row it belongs to. At most one job per kind and employee is waiting or running;
   * a second enqueue while one is is a no-op.
   */
  enqueue(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeId: string, options?: EnqueueOptions): Promise<void>;
  /** `enqueue` for many employees in one statement (an import chunk, a role batch's follow-ups). */
  enqueueMany(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeIds: readonly string[]): Promise<void>;
  /**
   * The insert `enqueueMany` would run for these jobs, planned and not run, so that a store can write the
   * jobs in the very statement of the row they belong to (one round trip instead of a transaction of four:
   * BEGIN, the write, the job insert, COMMIT). Null when the queue keeps its jobs outside this database
   * (a test double): it has recorded them, and the statement has nothing of the queue's to write.
   */
  plannedInsert(kind: ProvisioningJobKind, employeeIds: readonly string[], options?: EnqueueOptions): Promise<PlannedJobInsert | null>;
  /**
   * Moves the employee's waiting job of this kind to start at the real instant `at` (queueing one when none
   * waits), or, with null, removes the waiting one; a job already running is left to finish (its handler
   * reads the row, so a stale run does nothing). With `tx`, it commits with the change that asked for it.
   */
  reschedule(tx: Prisma.TransactionClient | null, kind: ProvisioningJobKind, employeeId: string, at: Date | null): Promise<void>;
}

/**
 * The queue's own insert of some jobs, as plain values: `text` is one statement whose only parameter
 * (`$1`, wherever it appears) is `payload`. The store splices it into its statement (src/store/job-insert.ts).
 */
export interface PlannedJobInsert {
  text: string;
  payload: string;
}
