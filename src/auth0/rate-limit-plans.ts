// Auth0's documented Management API rate limits, as the pacer recognises them: which bucket group a
// request draws from, and the refill rate a bucket of a known plan starts from.

export type BucketGroup = 'users:read' | 'users:write' | 'users:delete' | 'other';

/** Which documented bucket group a Management API request draws from; null for anything else. */
export function bucketGroupOf(method: string, url: string): BucketGroup | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (!path.startsWith('/api/v2/')) return null;
  if (/^\/api\/v2\/users(-by-email)?(\/|$)/.test(path)) {
    const verb = method.toUpperCase();
    if (verb === 'GET' || verb === 'HEAD') return 'users:read';
    if (verb === 'DELETE') return 'users:delete';
    return 'users:write';
  }
  return 'other';
}

/**
 * Auth0's documented Management API limits (../shared/reference/auth0-management-api.md §6: the
 * rate-limit-configurations pages), recognised by the bucket's X-RateLimit-Limit: the refill rate a new
 * bucket starts from, so a real tenant's first minute is paced at its rate instead of being guessed from
 * Reset (docs/design.md "Pacing"). Only a start: a window measurement replaces it, and a bucket found full
 * while calls wait raises it (a tenant with a raised limit, the emulator's time scale).
 */
const ONE_BUCKET_PLANS: Record<number, number> = {
  // Free: burst 2, 2 per s; Enterprise production: 50 / 16 per s; Enterprise non-production: 10 / 2 per s.
  // Every endpoint reports that one bucket's limit, so a users call may be the first to show it.
  2: 2,
  50: 16,
  10: 2,
};
const GROUP_BUCKETS: Record<BucketGroup, Record<number, number>> = {
  // Essentials / Professional: read users 40 / 500 per min, write and delete users 20 / 200 per min, the rest 10 / 150 per min.
  'users:read': { 40: 500 / 60 },
  'users:write': { 20: 200 / 60 },
  'users:delete': { 20: 200 / 60 },
  other: { 10: 150 / 60 },
};

/** The documented refill rate of a bucket of this group and limit; the lower one where two plans share a limit. */
export function documentedRefillPerSec(bucket: 'global' | BucketGroup, limit: number): number | null {
  const candidates = [ONE_BUCKET_PLANS[limit], bucket === 'global' ? undefined : GROUP_BUCKETS[bucket][limit]].filter(
    (rate): rate is number => rate !== undefined,
  );
  return candidates.length > 0 ? Math.min(...candidates) : null;
}
