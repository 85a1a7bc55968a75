import { describe, expect, it } from 'vitest';
import { failsWhenRetriesRunOut, isLastAttempt, jobDelaySeconds, SWEEP_POLICY } from '../../src/services/provisioning/job-policy.ts';

const settings = (enabled: boolean, waitMs: number) => ({ isEnabled: () => enabled, waitMs });

describe('provisioning job policy', () => {
  it('starts a job a whole second past the bounded wait, or at once when provisioning is off', () => {
    expect(jobDelaySeconds(settings(true, 2000))).toBe(3);
    expect(jobDelaySeconds(settings(true, 2001))).toBe(4);
    expect(jobDelaySeconds(settings(true, 0))).toBe(1);
    expect(jobDelaySeconds(settings(false, 2000))).toBe(0);
  });

  it('follows the switch as the caller read it, when given', () => {
    expect(jobDelaySeconds(settings(false, 2000), true)).toBe(3);
    expect(jobDelaySeconds(settings(true, 2000), false)).toBe(0);
  });

  it('knows the last attempt by pg-boss’s retry count, which starts at 0', () => {
    expect(isLastAttempt({ retryCount: 0, retryLimit: 3 })).toBe(false);
    expect(isLastAttempt({ retryCount: 2, retryLimit: 3 })).toBe(false);
    expect(isLastAttempt({ retryCount: 3, retryLimit: 3 })).toBe(true);
    expect(isLastAttempt({ retryCount: 0, retryLimit: 0 })).toBe(true);
  });

  it('fails an employee whose retries ran out only for a transient Auth0 failure', () => {
    expect(failsWhenRetriesRunOut({ kind: 'transient', reason: 'Auth0 answered 503' })).toBe(true);
    expect(failsWhenRetriesRunOut({ kind: 'transient', reason: 'Auth0 answered 401', credentialsRejected: true })).toBe(false);
    expect(failsWhenRetriesRunOut({ kind: 'busy' })).toBe(false);
    expect(failsWhenRetriesRunOut({ kind: 'role-queued' })).toBe(false);
  });

  it('sweeps rows left alone for ten seconds, a thousand per query', () => {
    expect(SWEEP_POLICY).toEqual({ quietSeconds: 10, batchSize: 1000 });
  });
});
