// How provisioning behaves in this process: the environment's values, and the live kill switch.
import type { OnboardingEmail } from '../../env.ts';
import type { ScheduleSettings } from '../effective-dates.ts';

export interface ProvisioningSettings {
  /**
   * The kill switch, as every process sees it now (provisioning-switch.ts: a PostgreSQL row read about
   * once a second). Off: employees are stored PENDING and nothing calls Auth0; the queue drains later.
   * A function, never a copied boolean, so that no spread of the settings freezes it.
   */
  isEnabled: () => boolean;
  /** How long createEmployee waits for Auth0 before answering PENDING. */
  waitMs: number;
  /** How long one process may hold an employee's lease before another may take over. */
  leaseMs: number;
  /**
   * The first email: `invite` creates the user without a verification email and queues the invitation
   * (send-invitation) once the user exists; `verify` (also when absent) has Auth0 send its verification email.
   */
  onboardingEmail?: OnboardingEmail;
  /** Effective dates: the company's time zone, the invitation's lead time and the schedule's clock (default UTC, 3 days, real time). */
  schedule?: ScheduleSettings;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = { isEnabled: () => true, waitMs: 2000, leaseMs: 30_000 };
