// The provisioning core's observer: every failed attempt goes to the log (warn when it will be retried,
// error when the employee is FAILED now) with the employee id, the attempt and the reason, and to metrics.
import type { Logger } from '../logger.ts';
import type { ProvisioningObserver } from '../services/provisioning/provisioning-observer.ts';
import type { GatewayMetrics } from './metrics.ts';

export function provisioningObserver(metrics: GatewayMetrics, logger: Logger): ProvisioningObserver {
  return {
    userCreation: (status) => metrics.userCreations.inc({ status }),
    createdAfter: (seconds) => metrics.timeToCreated.observe(Math.max(0, seconds)),
    employeeSettled: (outcome) => metrics.employeeOutcomes.inc({ outcome }),
    attemptFailed: ({ employeeId, attempt, final, reason }) => {
      metrics.attemptFailures.inc({ kind: final ? 'final' : 'retryable' });
      if (final) logger.error({ employeeId, attempt, reason }, `provisioning failed for good: ${reason}`);
      else logger.warn({ employeeId, attempt, reason }, `provisioning attempt failed, will retry: ${reason}`);
    },
  };
}
