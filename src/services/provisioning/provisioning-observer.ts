// What the provisioning core tells the outside about its work: metrics and the operator's log. A port:
// the services know neither Prometheus nor pino; the composition root passes the implementation
// (src/observability/provisioning-observer.ts), and tests may pass none.

/**
 * How one Auth0 user creation ended: `success` (201), `conflict_linked` (409 and the existing user is
 * this employee's: linked), `email_taken` (409, someone else's), `failure` (rejected, final),
 * `retryable_failure` (429, 5xx, timeout, network: retried later).
 */
export type UserCreationStatus = 'success' | 'conflict_linked' | 'email_taken' | 'failure' | 'retryable_failure';

export interface ProvisioningFailure {
  employeeId: string;
  /** 1 for the first attempt (createEmployee's own, or the job's first run), then the job's retry count + 1. */
  attempt: number;
  /** Retried later (`false`), or the employee is FAILED now (`true`). */
  final: boolean;
  /** Secret-free, as written to the audit row. */
  reason: string;
}

export interface ProvisioningObserver {
  /** How one creation call ended (its duration is measured per HTTP request where the SDK sends it). */
  userCreation(status: UserCreationStatus): void;
  /** An employee reached CREATED this long after it was stored. */
  createdAfter(seconds: number): void;
  /** An employee's provisioning ended: CREATED, or FAILED for good (the success objective counts these). */
  employeeSettled(outcome: 'created' | 'failed'): void;
  /** An attempt failed: logged (warn when retried, error when final) and counted. */
  attemptFailed(failure: ProvisioningFailure): void;
}
