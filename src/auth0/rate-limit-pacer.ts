// Pacing of Management API calls from Auth0's rate-limit headers, shared by every process of the tenant.
//
// Design (docs/design.md "Pacing"): Auth0 limits are token buckets per tenant
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy). Every response
// carries X-RateLimit-Limit (bucket size), -Remaining (rounded down) and -Reset (epoch seconds, rounded up, when
// the bucket is full again). One row per bucket in "Auth0RateLimitBucket" holds what all processes know about
// it: capacity, estimated tokens at updatedAt, the refill rate, and the window that rate is measured over.
//
// - Before a request, `acquire` reserves one token with a single atomic UPDATE (refill since updatedAt,
//   capped at capacity, minus one). When fewer than `reserve` tokens would be left, the caller sleeps until
//   they have refilled, so waiting callers of all processes queue up in reservation order instead of racing.
// - The reserve: Auth0 refills per-minute buckets once a second, in steps (3.3 tokens at 200 per minute), not
//   continuously, so a pacer that counts continuous refill runs up to one step ahead of the real bucket, and
//   that step is what made 7-9 % of calls 429s at real speed. Keeping one second of refill (at most a quarter
//   of the bucket) unspent costs that second once, not throughput.
// - After a response, `observe` writes the server's truth back: tokens = min(estimate, Remaining minus this
//   process's reservations not yet answered), so other clients' consumption is learned too.
// - The refill rate is measured, not guessed from one response: over a window, refill = Remaining(now) -
//   Remaining(start) + requests accepted meanwhile (by every process: the count is in the row). Rounding
//   then costs one token over the whole window instead of one per response. The window restarts when the
//   bucket is, or may have been, full since the last response, because a full bucket stops refilling.
//   Until a window has seen two bucketfuls (and ten tokens) of refill, the rate comes from single responses
//   whose bucket was at least half empty: (Limit - Remaining - 1) / (Reset - now), which Reset's rounding
//   up keeps low (on a 2-token bucket, far too low); a bucket found full while calls wait raises it by half
//   until a window has measured it. Until a rate is known (first calls) nothing waits.
// - Buckets follow Auth0's documented grouping for self-service plans: users reads, users writes, users
//   deletes, and all other endpoints. Plans with one Management API bucket (Free, Enterprise) report the
//   same X-RateLimit-Limit on every group (self-service: 40 / 20 / 10); once a users group and "other" are
//   seen with the same limit, every call of the tenant reserves from one `global` row.
// - A 429 the pacer did not prevent is retried here after the pacer's own wait (a token's worth, not the
//   SDK's wait for X-RateLimit-Reset, which is when the bucket is *full*); after `retries429` the 429 goes to
//   the SDK, whose retry remains the backstop.
// - The token endpoint (Authentication API) is not paced. Pacing failures (database down) never block a
//   call: the request goes out unpaced.
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
/** A window restarts after this long, so a changed plan is learned again. */
const WINDOW_MAX_SECONDS = 600;

export class RateLimitPacer {
  /** Reservations of this process not answered yet (sleeping or in flight), per bucket key. */
  private readonly pending = new Map<string, number>();
  /** X-RateLimit-Limit seen per tenant and group: equal on every group = one global bucket. */
  private readonly limits = new Map<string, Map<BucketGroup, number>>();
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

  /** Reserves a token of the bucket, waiting for it when the bucket is (nearly) empty. */
  async acquire(key: string, signal?: AbortSignal | null): Promise<void> {
    this.stats.acquired += 1;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    let rows: { tokens: number; refillPerSec: number; capacity: number }[];
    try {
      rows = await this.prisma.$queryRaw<{ tokens: number; refillPerSec: number; capacity: number }[]>`
        UPDATE "Auth0RateLimitBucket"
           SET tokens = LEAST(capacity::float8, tokens + "refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - "updatedAt")::float8) - 1,
               "updatedAt" = clock_timestamp()
         WHERE key = ${key} AND "refillPerSec" > 0
     RETURNING tokens, "refillPerSec", capacity`;
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    const row = rows[0];
    if (!row) return;
    const reserve = Math.min(row.refillPerSec, row.capacity / 4);
    if (row.tokens >= reserve) return;
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
  }

  /** Records a response's rate-limit headers; ends the reservation `acquire` made. */
  async observe(key: string, headers: Headers, status: number, group?: BucketGroup): Promise<void> {
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
    const single = deficit >= limit / 2 && secondsToFull > 0 ? deficit / secondsToFull : 0;
    const tokens = remaining - othersPending;
    // The window restarts when the bucket is full now or may have been since the last response (a full
    // bucket stops refilling, so that refill would be missing from the count), the plan changed, or it is old.
    // An accepted request that leaves Limit - 1 found the bucket full.
    const wasFull = accepted === 1 && remaining >= limit - 1;
    // Full while this process had calls waiting, before any measurement: the rate is too low (a low rate
    // keeps the bucket full, and a full bucket cannot be measured), so raise it by half until a window has
    // measured it. (Raising a measured rate too made it oscillate around the true one, with 429s.)
    const tooSlow = wasFull && othersPending > 0;
    const restart = Prisma.sql`(b.capacity <> EXCLUDED.capacity OR ${wasFull} OR b."windowStartedAt" IS NULL
      OR (b."refillPerSec" > 0 AND b.tokens + b."refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - b."updatedAt")::float8 >= b.capacity)
      OR b."windowStartedAt" < clock_timestamp() - make_interval(secs => ${WINDOW_MAX_SECONDS}::float8))`;
    const refill = Prisma.sql`(EXCLUDED."windowRemaining" - b."windowRemaining" + b."windowAccepted" + ${accepted}::int)`;
    const seconds = Prisma.sql`GREATEST(0.001, EXTRACT(EPOCH FROM clock_timestamp() - b."windowStartedAt")::float8)`;
    const measurable = Prisma.sql`(NOT ${restart} AND ${refill} >= GREATEST(${WINDOW_BUCKETFULS}::int * b.capacity, ${WINDOW_MIN_TOKENS}::int))`;
    try {
      await this.prisma.$executeRaw`
        INSERT INTO "Auth0RateLimitBucket" AS b (key, capacity, tokens, "refillPerSec", "updatedAt", "windowStartedAt", "windowRemaining", "windowAccepted")
        VALUES (${key}, ${Math.round(limit)}, ${tokens}::float8, ${single}::float8, clock_timestamp(), clock_timestamp(), ${remaining}::float8, 0)
        ON CONFLICT (key) DO UPDATE SET
          "refillPerSec" = CASE
            WHEN b.capacity <> EXCLUDED.capacity THEN EXCLUDED."refillPerSec"
            WHEN ${measurable} THEN ${refill} / ${seconds}
            WHEN b."rateMeasured" THEN b."refillPerSec"
            WHEN ${tooSlow} THEN b."refillPerSec" * 1.5
            ELSE GREATEST(b."refillPerSec", EXCLUDED."refillPerSec") END,
          "rateMeasured" = b.capacity = EXCLUDED.capacity AND (b."rateMeasured" OR ${measurable}),
          tokens = CASE WHEN b.capacity = EXCLUDED.capacity
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
      const key = pacer.keyFor(tenant, group);
      await pacer.acquire(key, init?.signal);
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
