// How long a rollback takes under Auth0's documented Management API limits, per plan, and under the limits
// a tenant announces in its rate-limit headers (learned by the pacer). Token buckets: `burst` calls go at
// once, the rest at the sustained rate
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy).

export type RollbackModeName = 'BLOCK' | 'DELETE';

export interface PlanLimits {
  plan: string;
  /** The bucket a block (PATCH /users/{id}) draws from. */
  write: { burst: number; perSecond: number };
  /** The bucket a delete (DELETE /users/{id}) draws from. */
  delete: { burst: number; perSecond: number };
  /** The bucket the user search (GET /users) draws from; `shared` when it is the same global bucket as the writes. */
  read: { burst: number; perSecond: number; shared: boolean };
  source: string;
}

/** Management API limits by plan, as Auth0 documents them (production tenants). */
export const PLAN_LIMITS: readonly PlanLimits[] = [
  {
    plan: 'Free',
    // One global bucket: 2 burst, 2 per second.
    write: { burst: 2, perSecond: 2 },
    delete: { burst: 2, perSecond: 2 },
    read: { burst: 2, perSecond: 2, shared: true },
    source: 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public',
  },
  {
    plan: 'Essentials / Professional',
    // Write Users (POST, PATCH) 20 burst / 200 per minute; Delete Users 20 / 200 per minute; Read Users 40 / 500 per minute.
    write: { burst: 20, perSecond: 200 / 60 },
    delete: { burst: 20, perSecond: 200 / 60 },
    read: { burst: 40, perSecond: 500 / 60, shared: false },
    source:
      'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/essentials-professional-b2b',
  },
  {
    plan: 'Enterprise',
    // Production: one global bucket, 50 burst, 16 per second.
    write: { burst: 50, perSecond: 16 },
    delete: { burst: 50, perSecond: 16 },
    read: { burst: 50, perSecond: 16, shared: true },
    source: 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/enterprise-public',
  },
];

/** Seconds for `calls` requests through a token bucket that starts with `available` tokens. */
export function bucketSeconds(calls: number, bucket: { available: number; perSecond: number }): number {
  if (calls <= 0) return 0;
  return Math.max(0, calls - Math.max(0, bucket.available)) / bucket.perSecond;
}

/**
 * A whole rollback of `users` users on a plan, from full buckets: the user search (100 per page) and one
 * write per user (block or delete). Employee unlinking is local and not counted.
 */
export function rollbackSecondsOnPlan(users: number, mode: RollbackModeName, limits: PlanLimits): number {
  const pages = Math.max(1, Math.ceil(users / 100));
  const writes = mode === 'BLOCK' ? limits.write : limits.delete;
  if (limits.read.shared) return bucketSeconds(pages + users, { available: writes.burst, perSecond: writes.perSecond });
  const reads = bucketSeconds(pages, { available: limits.read.burst, perSecond: limits.read.perSecond });
  return reads + bucketSeconds(users, { available: writes.burst, perSecond: writes.perSecond });
}

/** `1 h 02 min`, `4 min 05 s`, `12 s` */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}
