// The port through which services hand work to the durable queue (pg-boss in src/jobs/). A job names
// an employee only: handlers read the current row, so a job that runs late or twice does the right thing.
import type { Prisma } from '../generated/prisma/client.ts';

export const JOB_KINDS = [
  'provision-employee',
  'sync-employee-role',
  'assign-new-user-role',
  'send-invitation',
  'sync-employee-account',
] as const;
export type ProvisioningJobKind = (typeof JOB_KINDS)[number];

export interface EnqueueOptions {
  /** Do not start before this many seconds (createEmployee's own bounded attempt runs first). */
  delaySeconds?: number;
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
   * The jobs' insert as parts of the caller's own statement, so they commit with it in one round trip
   * instead of a transaction of four (BEGIN, the caller's write, the job insert, COMMIT).
   */
  jobInsertSql(kind: ProvisioningJobKind, employeeIds: readonly string[], options?: EnqueueOptions): Promise<JobInsertSql>;
}

/**
 * `WITH ${ctes}, mine AS (...) SELECT ... WHERE ${evaluated}`: `ctes` go first in the caller's WITH list
 * (named `ins` and `notified`, or `queued_job`: the caller's own CTEs take other names), `evaluated` is
 * always true and goes in the final statement's WHERE, where it makes PostgreSQL run the wake-up NOTIFY.
 */
export interface JobInsertSql {
  ctes: Prisma.Sql;
  evaluated: Prisma.Sql;
}
