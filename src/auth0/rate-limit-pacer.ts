// Pacing of Management API calls from Auth0's rate-limit headers, shared by every process of the tenant:
// one "Auth0RateLimitBucket" row per bucket; `acquire` reserves a token before a request (sleeping while
// fewer than a reserve would be left), `observe` writes each response's headers back and measures the
// bucket's refill rate. A failure of the pacing itself never blocks a call: it goes out unpaced.
// Why and how (bucket maths, the reserve, the rate window, grouping, measured figures): docs/design.md "Pacing".
import type { PrismaClient } from '../db/prisma-client.ts';
import { Prisma } from '../generated/prisma/client.ts';

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
function documentedRefillPerSec(bucket: 'global' | BucketGroup, limit: number): number | null {
  const candidates = [ONE_BUCKET_PLANS[limit], bucket === 'global' ? undefined : GROUP_BUCKETS[bucket][limit]].filter(
    (rate): rate is number => rate !== undefined,
  );
  return candidates.length > 0 ? Math.min(...candidates) : null;
}

export interface RateLimitPacerOptions {
  /** Longest single wait (a wrong estimate must not stall work for long). Default 30 s. */
  maxWaitMs?: number;
  /** 429s retried inside the pacer before the SDK sees one. Default 3. */
  retries429?: number;
  onError?: (error: unknown) => void;
  /** Told of every wait, with the bucket group (`users:write`, ...) and its length (metrics). */
  onWait?: (group: string, ms: number) => void;
}

/** Refill seen over a window before its rate replaces single-response estimates, in bucketfuls. */
const WINDOW_BUCKETFULS = 2;
/** ... and at least this many tokens (one token of rounding is then at most 10 %). */
const WINDOW_MIN_TOKENS = 10;
/**
 * A measured rate found too low (the bucket full while calls wait) creeps up by this factor: small, so
 * that overshooting drains the bucket slowly enough for the next window to measure it first.
 * Why not by half: docs/design.md "Pacing".
 */
const MEASURED_RAISE = 1.02;
/** Buckets smaller than this are found full now and then at the right rate: FULL_STREAK answers running count. */
const SMALL_BUCKET = 4;
const FULL_STREAK = 3;
/** A window restarts after this long, so a changed plan is learned again. */
const WINDOW_MAX_SECONDS = 600;

export class RateLimitPacer {
  /** Reservations of this process not answered yet (sleeping or in flight), per bucket key. */
  private readonly pending = new Map<string, number>();
  /** X-RateLimit-Limit seen per tenant and group: equal on every group = one global bucket. */
  private readonly limits = new Map<string, Map<BucketGroup, number>>();
  /**
   * Per bucket key that has not answered this process yet: the one request out to learn it, settled by its
   * response. Others wait for it instead of all going at once (on a 2-token bucket, four workers starting
   * together made two 429s).
   */
  private readonly probes = new Map<string, { settled: Promise<void>; settle: () => void }>();
  /** Bucket keys this process has had an answer with rate-limit headers for. */
  private readonly answered = new Set<string>();
  /** Per bucket key: how many answers running found the bucket full while calls waited. */
  private readonly fullStreak = new Map<string, number>();
  /** Requests that waited, and for how long in total (diagnostics, benchmark). */
  readonly stats = { acquired: 0, waited: 0, waitedMs: 0, observed429: 0, retried429: 0 };

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: RateLimitPacerOptions = {},
  ) {}

  get retries429(): number {
    return this.options.retries429 ?? 3;
  }

  /** The row a request of the group reserves from: the group's, or the tenant's one global bucket. */
  keyFor(tenant: string, group: BucketGroup): string {
    return this.sharesOneBucket(tenant) ? `${tenant} global` : `${tenant} ${group}`;
  }

  /** Whether the tenant's plan has one Management API bucket for every endpoint (Free, Enterprise). */
  sharesOneBucket(tenant: string): boolean {
    const seen = this.limits.get(tenant);
    const other = seen?.get('other');
    if (!seen || other === undefined) return false;
    return [...seen].some(([group, limit]) => group !== 'other' && limit === other);
  }

  /**
   * Reserves a token of the bucket, waiting for it when the bucket is (nearly) empty. False: the bucket
   * had not answered this process yet and another request was out learning it; it has been answered, so
   * ask again, with the key `keyFor` gives now (that answer may have shown the plan's buckets to be one).
   */
  async acquire(key: string, signal?: AbortSignal | null): Promise<boolean> {
    this.stats.acquired += 1;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    let row: { tokens: number; refillPerSec: number; capacity: number } | undefined;
    try {
      [row] = await this.prisma.$queryRaw<{ tokens: number; refillPerSec: number; capacity: number }[]>`
        UPDATE "Auth0RateLimitBucket"
           SET tokens = LEAST(capacity::float8, tokens + "refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - "updatedAt")::float8) - 1,
               "updatedAt" = clock_timestamp()
         WHERE key = ${key} AND "refillPerSec" > 0
     RETURNING tokens, "refillPerSec", capacity`;
    } catch (error) {
      this.options.onError?.(error);
      return true;
    }
    if (!row) {
      // Answered before and still no rate (a bucket that never ran low, e.g. an unlimited test tenant): unpaced.
      if (this.answered.has(key)) return true;
      // Never answered here: one request learns the bucket, the others of this process wait for its answer.
      const probe = this.probes.get(key);
      if (!probe) {
        let settle!: () => void;
        const settled = new Promise<void>((resolve) => (settle = resolve));
        this.probes.set(key, { settled, settle });
        return true;
      }
      this.stats.acquired -= 1;
      // The bounding sleep is cancelled once the probe is answered, so no timer outlives the wait.
      const answered = new AbortController();
      try {
        await Promise.race([probe.settled, sleep(this.options.maxWaitMs ?? 30_000, signal ? AbortSignal.any([signal, answered.signal]) : answered.signal)]);
      } finally {
        answered.abort();
        this.settle(key);
      }
      return false;
    }
    const reserve = Math.min(row.refillPerSec, row.capacity / 4);
    if (row.tokens >= reserve) return true;
    const waitMs = Math.min(this.options.maxWaitMs ?? 30_000, Math.ceil(((reserve - row.tokens) / row.refillPerSec) * 1000));
    this.stats.waited += 1;
    this.stats.waitedMs += waitMs;
    this.options.onWait?.(key.slice(key.lastIndexOf(' ') + 1), waitMs);
    try {
      await sleep(waitMs, signal);
    } catch (error) {
      this.settle(key);
      throw error;
    }
    return true;
  }

  /** Records a response's rate-limit headers; ends the reservation `acquire` made (and a probe's wait). */
  async observe(key: string, headers: Headers, status: number, group?: BucketGroup): Promise<void> {
    try {
      await this.record(key, headers, status, group);
    } finally {
      // After the row is written: a request that finds no row before then still waits for this answer.
      if (headers.get('x-ratelimit-limit') !== null) this.answered.add(key);
      const probe = this.probes.get(key);
      this.probes.delete(key);
      probe?.settle();
    }
  }

  private async record(key: string, headers: Headers, status: number, group?: BucketGroup): Promise<void> {
    const othersPending = this.settle(key);
    if (status === 429) this.stats.observed429 += 1;
    if (headers.get('x-ratelimit-limit') === null) return;
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) return;
    const accepted = status === 429 ? 0 : 1;
    if (group) {
      const tenant = key.slice(0, key.lastIndexOf(' '));
      const seen = this.limits.get(tenant) ?? new Map<BucketGroup, number>();
      seen.set(group, limit);
      this.limits.set(tenant, seen);
    }
    // A single response's estimate, only from a bucket at least half empty (rounding matters less there).
    const secondsToFull = reset - Date.now() / 1000;
    const deficit = limit - remaining - 1;
    const documented = documentedRefillPerSec(key.slice(key.lastIndexOf(' ') + 1) as 'global' | BucketGroup, limit);
    const single = Math.max(deficit >= limit / 2 && secondsToFull > 0 ? deficit / secondsToFull : 0, documented ?? 0);
    const tokens = remaining - othersPending;
    // The window restarts when the bucket is full now or may have been since the last response (a full
    // bucket stops refilling, so that refill would be missing from the count), the plan changed, or it is old.
    // An accepted request that leaves Limit - 1 found the bucket full.
    const wasFull = accepted === 1 && remaining >= limit - 1;
    // Full while this process had calls waiting: the rate is too low (a low rate keeps the bucket full, and
    // a full bucket cannot be measured). Before any measurement raise it by half, after one by 2 %. On a
    // bucket of under SMALL_BUCKET tokens the reserve and Remaining's rounding alone fill it now and then at
    // the right rate (Free's 2), so there it takes three such answers running, and a documented rate rises
    // by a tenth: a step well past the true rate empties a small bucket before a window can measure it.
    const fullWhileWaiting = wasFull && othersPending > 0;
    const small = limit < SMALL_BUCKET;
    const streak = fullWhileWaiting ? (this.fullStreak.get(key) ?? 0) + 1 : 0;
    this.fullStreak.set(key, streak >= FULL_STREAK ? 0 : streak);
    const tooSlow = small ? streak >= FULL_STREAK : fullWhileWaiting;
    const raise = small && documented !== null ? 1.1 : 1.5;
    // The bucket's level after this request, as the window counts it: exact when it was full (Auth0 caps
    // it at Limit, so Limit - 1 is left), otherwise the middle of what Remaining (rounded down) allows; the
    // rounded-down value measured windows low (docs/design.md "Pacing").
    const level = wasFull ? remaining : remaining + 0.5;
    const restart = Prisma.sql`(b.capacity <> EXCLUDED.capacity OR ${wasFull} OR b."windowStartedAt" IS NULL
      OR (b."refillPerSec" > 0 AND b.tokens + b."refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - b."updatedAt")::float8 >= b.capacity)
      OR b."windowStartedAt" < clock_timestamp() - make_interval(secs => ${WINDOW_MAX_SECONDS}::float8))`;
    const refill = Prisma.sql`(EXCLUDED."windowRemaining" - b."windowRemaining" + b."windowAccepted" + ${accepted}::int)`;
    const seconds = Prisma.sql`GREATEST(0.001, EXTRACT(EPOCH FROM clock_timestamp() - b."windowStartedAt")::float8)`;
    const measurable = Prisma.sql`(NOT ${restart} AND ${refill} >= GREATEST(${WINDOW_BUCKETFULS}::int * b.capacity, ${WINDOW_MIN_TOKENS}::int))`;
    // Half a bucketful of refill is too little to measure by, but enough to show that an unmeasured rate is
    // too low: one token less than counted (Remaining's rounding) over the window, when that is higher.
    const atLeast = Prisma.sql`(CASE WHEN NOT ${restart} AND ${refill} >= GREATEST(b.capacity / 2.0, ${WINDOW_MIN_TOKENS}::int)
      THEN (${refill} - 1) / ${seconds} ELSE 0 END)`;
    try {
      await this.prisma.$executeRaw`
        INSERT INTO "Auth0RateLimitBucket" AS b (key, capacity, tokens, "refillPerSec", "updatedAt", "windowStartedAt", "windowRemaining", "windowAccepted")
        VALUES (${key}, ${Math.round(limit)}, ${tokens}::float8, ${single}::float8, clock_timestamp(), clock_timestamp(), ${level}::float8, 0)
        ON CONFLICT (key) DO UPDATE SET
          "refillPerSec" = CASE
            WHEN b.capacity <> EXCLUDED.capacity THEN EXCLUDED."refillPerSec"
            WHEN ${measurable} THEN ${refill} / ${seconds}
            WHEN b."rateMeasured" AND ${tooSlow} THEN b."refillPerSec" * ${MEASURED_RAISE}::float8
            WHEN b."rateMeasured" THEN b."refillPerSec"
            WHEN ${tooSlow} THEN GREATEST(b."refillPerSec" * ${raise}::float8, ${atLeast})
            ELSE GREATEST(b."refillPerSec", EXCLUDED."refillPerSec", ${atLeast}) END,
          "rateMeasured" = b.capacity = EXCLUDED.capacity AND (b."rateMeasured" OR ${measurable}),
          tokens = CASE WHEN b.capacity = EXCLUDED.capacity AND NOT ${wasFull}
                        THEN LEAST(EXCLUDED.tokens, LEAST(b.capacity::float8, b.tokens + b."refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - b."updatedAt")::float8))
                        ELSE EXCLUDED.tokens END,
          "windowStartedAt" = CASE WHEN ${restart} THEN clock_timestamp() ELSE b."windowStartedAt" END,
          "windowRemaining" = CASE WHEN ${restart} THEN EXCLUDED."windowRemaining" ELSE b."windowRemaining" END,
          "windowAccepted" = CASE WHEN ${restart} THEN 0 ELSE b."windowAccepted" + ${accepted}::int END,
          capacity = EXCLUDED.capacity,
          "updatedAt" = clock_timestamp()`;
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Ends one reservation of the key; returns how many of this process's others are still unanswered. */
  private settle(key: string): number {
    const others = Math.max(0, (this.pending.get(key) ?? 1) - 1);
    this.pending.set(key, others);
    return others;
  }
}

/** Wraps the SDK's fetch: paces Management API requests, observes every response, retries a 429 after a paced wait. */
export function pacedFetch(pacer: RateLimitPacer, tenant: string, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const group = bucketGroupOf(method, url);
    if (!group) return send(input, init);
    // A body that can be sent again (the SDK sends JSON strings); a stream cannot, so its 429 goes to the SDK.
    const resendable = !(input instanceof Request) && (init?.body == null || typeof init.body === 'string' || init.body instanceof URLSearchParams);
    for (let attempt = 0; ; attempt += 1) {
      let key = pacer.keyFor(tenant, group);
      while (!(await pacer.acquire(key, init?.signal))) key = pacer.keyFor(tenant, group);
      let response: Response;
      try {
        response = await send(input, init);
      } catch (error) {
        await pacer.observe(key, new Headers(), 0);
        throw error;
      }
      await pacer.observe(key, response.headers, response.status, group);
      if (response.status !== 429 || !resendable || attempt >= pacer.retries429 || init?.signal?.aborted) return response;
      pacer.stats.retried429 += 1;
      await response.body?.cancel();
      // Before the rate is known the pacer would not wait at all: wait for one token's share of the time
      // until the bucket is full (Reset / Limit), jittered so that callers refused together do not return together.
      const untilFull = Number(response.headers.get('x-ratelimit-reset')) * 1000 - Date.now();
      const limit = Number(response.headers.get('x-ratelimit-limit'));
      if (untilFull > 0 && limit > 0) await sleep(Math.min(untilFull, (untilFull / limit) * (1 + Math.random())), init?.signal);
    }
  };
}

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
