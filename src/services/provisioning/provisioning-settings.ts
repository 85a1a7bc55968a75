// How provisioning behaves in this process: read from the environment at start (src/jobs/provisioning-runtime.ts).

export interface ProvisioningSettings {
  /** Kill switch: false stores employees PENDING and calls Auth0 for nothing; the queue drains later. */
  enabled: boolean;
  /** How long createEmployee waits for Auth0 before answering PENDING. */
  waitMs: number;
  /** How long one process may hold an employee's lease before another may take over. */
  leaseMs: number;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = { enabled: true, waitMs: 2000, leaseMs: 30_000 };
