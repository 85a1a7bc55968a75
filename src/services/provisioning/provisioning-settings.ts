// How provisioning behaves in this process: read from the environment at start (src/jobs/provisioning-runtime.ts).
import type { OnboardingEmail } from '../../env.ts';

export interface ProvisioningSettings {
  /** Kill switch: false stores employees PENDING and calls Auth0 for nothing; the queue drains later. */
  enabled: boolean;
  /** How long createEmployee waits for Auth0 before answering PENDING. */
  waitMs: number;
  /** How long one process may hold an employee's lease before another may take over. */
  leaseMs: number;
  /**
   * The first email: `invite` creates the user without a verification email and queues the invitation
   * (send-invitation) once the user exists; `verify` (also when absent) has Auth0 send its verification email.
   */
  onboardingEmail?: OnboardingEmail;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = { enabled: true, waitMs: 2000, leaseMs: 120_000 };
