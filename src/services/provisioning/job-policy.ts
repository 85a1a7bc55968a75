// When provisioning jobs start, when they give up, and what the sweep re-queues: one home for the rules
// the services, the queue workers and the sweep share (test/unit/job-policy.test.ts).
import type { ProvisioningSettings } from './provisioning-settings.ts';
import type { AttemptOutcome } from './provisioning-attempt.ts';

/**
 * How long a job queued with a change waits: past the request's own bounded attempt (plus a second), so
 * the job finds the work done instead of racing it. No wait when provisioning is off: nothing attempts it.
 * `enabled` is the switch as the caller read it, when it must be the same reading its other steps use.
 */
export function jobDelaySeconds(settings: Pick<ProvisioningSettings, 'isEnabled' | 'waitMs'>, enabled = settings.isEnabled()): number {
  return enabled ? Math.ceil(settings.waitMs / 1000) + 1 : 0;
}

/** Whether this run of the job is its last: pg-boss counts retries from 0. */
export function isLastAttempt(job: { retryCount: number; retryLimit: number }): boolean {
  return job.retryCount >= job.retryLimit;
}

/**
 * Whether an employee whose job ran out of retries with this outcome is marked FAILED. Only a transient
 * Auth0 failure: a busy lease means another process is finishing it (the sweep covers one that died), and
 * rejected gateway credentials are no fault of the employee (PENDING, re-queued by the sweep once fixed).
 */
export function failsWhenRetriesRunOut(outcome: AttemptOutcome): boolean {
  return outcome.kind === 'transient' && !outcome.credentialsRejected;
}

/** What the sweep re-queues, and how much per run. */
export const SWEEP_POLICY = {
  /** Rows changed this recently are left alone: their own job or bounded attempt is still on it. */
  quietSeconds: 10,
  /** Employees re-queued per query and run; the next run takes the rest. */
  batchSize: 1000,
} as const;
