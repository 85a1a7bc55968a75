// How long day one takes under Auth0's documented limits (docs/migration.md): the dry run's searches and
// the run's calls, through the same token buckets as the rollback's estimate.
import { EMAILS_PER_SEARCH } from './identity-provider.ts';
import { bucketSeconds, type PlanLimits } from './rollback-estimate.ts';

/** Users per role batch: ROLE_BATCH_SIZE's default (src/env.ts), which the documented timings assume. */
const ROLE_BATCH_SIZE = 100;

export interface DayOneCalls {
  /** Searches by email: the dry run makes them, and the run again. */
  searches: number;
  /** Write Users: a POST per new account, a PATCH (metadata) per adopted one. */
  writes: number;
  /** Read Users: the account sync reads each adopted account once (GET /users/{id}). */
  reads: number;
  /** POST /roles/{id}/users, one per 100 users. */
  roleBatches: number;
}

export function dayOneCalls(employees: number, adopted: number): DayOneCalls {
  return {
    searches: Math.ceil(employees / EMAILS_PER_SEARCH),
    writes: employees,
    reads: adopted,
    roleBatches: Math.ceil(employees / ROLE_BATCH_SIZE),
  };
}

/** The dry run and the run, from full buckets. A plan with one global bucket pays every call there. */
export function dayOneSecondsOnPlan(employees: number, adopted: number, limits: PlanLimits): { dryRun: number; run: number } {
  const calls = dayOneCalls(employees, adopted);
  const read = { available: limits.read.burst, perSecond: limits.read.perSecond };
  const write = { available: limits.write.burst, perSecond: limits.write.perSecond };
  if (limits.read.shared) {
    return {
      dryRun: bucketSeconds(calls.searches, read),
      run: bucketSeconds(calls.searches + calls.writes + calls.reads + calls.roleBatches, write),
    };
  }
  // Separate buckets (Essentials): reads and writes drain in parallel; role batches use another bucket again.
  return {
    dryRun: bucketSeconds(calls.searches, read),
    run: Math.max(bucketSeconds(calls.writes, write), bucketSeconds(calls.searches + calls.reads, read)),
  };
}
