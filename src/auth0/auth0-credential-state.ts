// Whether Auth0 currently accepts the gateway's own Management API credentials: the adapter records
// every accepted call and every 401 that a fresh token did not cure (a rotated client secret, a revoked
// grant). /health reports it, and so may /ready; the first rejection of a burst is logged at error level
// (never the secret), and the recovery once.
import type { Logger } from '../logger.ts';

export const AUTH0_CREDENTIALS_REJECTED = 'AUTH0_CREDENTIALS_REJECTED';

export interface Auth0CredentialSnapshot {
  /** `unknown` until the first Auth0 call of this process. */
  status: 'ok' | 'credentials rejected' | 'unknown';
  lastAcceptedAt: Date | null;
  lastRejectedAt: Date | null;
}

export class Auth0CredentialState {
  lastAcceptedAt: Date | null = null;
  lastRejectedAt: Date | null = null;

  constructor(private readonly options: { logger?: Logger; now?: () => Date } = {}) {}

  /** Rejected since the last accepted call. */
  get rejected(): boolean {
    return this.lastRejectedAt !== null && (this.lastAcceptedAt === null || this.lastRejectedAt >= this.lastAcceptedAt);
  }

  recordAccepted(): void {
    const wasRejected = this.rejected;
    this.lastAcceptedAt = this.now();
    if (wasRejected) this.options.logger?.warn('Auth0 accepts the gateway credentials again; provisioning resumes');
  }

  /** `detail` is Auth0's answer (status and message), never a credential. */
  recordRejected(detail: string): void {
    const wasRejected = this.rejected;
    this.lastRejectedAt = this.now();
    if (wasRejected) return;
    this.options.logger?.error(
      { reason: AUTH0_CREDENTIALS_REJECTED, detail },
      'Auth0 rejects the gateway credentials even with a fresh token (rotated AUTH0_CLIENT_SECRET or revoked client grant?): provisioning waits and retries until they are fixed',
    );
  }

  snapshot(): Auth0CredentialSnapshot {
    const status = this.rejected ? 'credentials rejected' : this.lastAcceptedAt ? 'ok' : 'unknown';
    return { status, lastAcceptedAt: this.lastAcceptedAt, lastRejectedAt: this.lastRejectedAt };
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
