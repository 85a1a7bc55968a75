// Pacing of Management API calls from Auth0's rate-limit headers, shared by every process of the tenant.
//
// Design (docs/design.md "Pacing"): Auth0 limits are token buckets per tenant
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy). Every response
// carries X-RateLimit-Limit (bucket size), -Remaining and -Reset (epoch seconds when the bucket is full
// again). One row per bucket in "Auth0RateLimitBucket" holds what all processes know about it: capacity,
// estimated tokens at updatedAt, and the refill rate learned from the headers.
//
// - Before a request, `acquire` reserves one token with a single atomic UPDATE (refill since updatedAt,
//   capped at capacity, minus one). Tokens may go negative: the caller then sleeps -tokens / rate
//   seconds, so waiting callers of all processes queue up in reservation order instead of racing.
// - After a response, `observe` writes the server's truth back: tokens = min(estimate, Remaining minus the
//   requests this process has in flight on that bucket), so other clients' consumption is learned too.
//   The refill rate is the largest lower bound seen: (Limit - Remaining - 1) / (Reset - now), since
//   Remaining is rounded down and Reset up. Until a rate is known (first calls, or a bucket never drawn
//   down) nothing waits.
// - Buckets follow Auth0's documented grouping for self-service plans: users reads, users writes, users
//   deletes, and all other endpoints; keys are prefixed by the tenant domain. On plans with one global
//   bucket (Free, Enterprise) each group sees the global state through the headers but reserves on its
//   own, so mixed traffic can overdraw a little; the SDK's retry (which waits for X-RateLimit-Reset)
//   remains the backstop for that, for other clients of the tenant and for a wrong estimate.
// - The token endpoint (Authentication API) is not paced. Pacing failures (database down) never block a
//   call: the request goes out unpaced.
import type { PrismaClient } from '../db/prisma-client.ts';

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
  onError?: (error: unknown) => void;
  /** Told of every wait, with the bucket group (`users:write`, ...) and its length (metrics). */
  onWait?: (group: string, ms: number) => void;
}

export class RateLimitPacer {
  private readonly inFlight = new Map<string, number>();
  /** Requests that waited, and for how long in total (diagnostics, benchmark). */
  readonly stats = { acquired: 0, waited: 0, waitedMs: 0, observed429: 0 };

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: RateLimitPacerOptions = {},
  ) {}

  /** Reserves a token of the bucket, waiting for it when the bucket is empty. */
  async acquire(key: string, signal?: AbortSignal | null): Promise<void> {
    this.stats.acquired += 1;
    let rows: { tokens: number; refillPerSec: number }[];
    try {
      rows = await this.prisma.$queryRaw<{ tokens: number; refillPerSec: number }[]>`
        UPDATE "Auth0RateLimitBucket"
           SET tokens = LEAST(capacity::float8, tokens + "refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - "updatedAt")::float8) - 1,
               "updatedAt" = clock_timestamp()
         WHERE key = ${key} AND "refillPerSec" > 0
     RETURNING tokens, "refillPerSec"`;
    } catch (error) {
      this.options.onError?.(error);
      return;
    }
    const row = rows[0];
    if (!row || row.tokens >= 0) return;
    const waitMs = Math.min(this.options.maxWaitMs ?? 30_000, Math.ceil((-row.tokens / row.refillPerSec) * 1000));
    this.stats.waited += 1;
    this.stats.waitedMs += waitMs;
    this.options.onWait?.(key.slice(key.lastIndexOf(' ') + 1), waitMs);
    await sleep(waitMs, signal);
  }

  /** Marks a request as sent (its token is taken but the server has not counted it yet). */
  begin(key: string): void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
  }

  /** Records a response's rate-limit headers; ends the request begun with `begin`. */
  async observe(key: string, headers: Headers, status: number): Promise<void> {
    const othersInFlight = Math.max(0, (this.inFlight.get(key) ?? 1) - 1);
    this.inFlight.set(key, othersInFlight);
    if (status === 429) this.stats.observed429 += 1;
    const limit = Number(headers.get('x-ratelimit-limit'));
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0 || headers.get('x-ratelimit-limit') === null) return;
    const secondsToFull = reset - Date.now() / 1000;
    const deficit = limit - remaining - 1;
    const rate = deficit >= 1 && secondsToFull > 0 ? deficit / secondsToFull : 0;
    const tokens = remaining - othersInFlight;
    try {
      await this.prisma.$executeRaw`
        INSERT INTO "Auth0RateLimitBucket" AS b (key, capacity, tokens, "refillPerSec", "updatedAt")
        VALUES (${key}, ${Math.round(limit)}, ${tokens}::float8, ${rate}::float8, clock_timestamp())
        ON CONFLICT (key) DO UPDATE SET
          "refillPerSec" = CASE WHEN b.capacity = EXCLUDED.capacity THEN GREATEST(b."refillPerSec", EXCLUDED."refillPerSec")
                                ELSE EXCLUDED."refillPerSec" END,
          tokens = CASE WHEN b.capacity = EXCLUDED.capacity
                        THEN LEAST(EXCLUDED.tokens, LEAST(b.capacity::float8, b.tokens + b."refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - b."updatedAt")::float8))
                        ELSE EXCLUDED.tokens END,
          capacity = EXCLUDED.capacity,
          "updatedAt" = clock_timestamp()`;
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}

/** Wraps the SDK's fetch: paces Management API requests and observes every response's headers. */
export function pacedFetch(pacer: RateLimitPacer, tenant: string, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const group = bucketGroupOf(method, url);
    if (!group) return send(input, init);
    const key = `${tenant} ${group}`;
    await pacer.acquire(key, init?.signal);
    pacer.begin(key);
    let response: Response;
    try {
      response = await send(input, init);
    } catch (error) {
      await pacer.observe(key, new Headers(), 0);
      throw error;
    }
    await pacer.observe(key, response.headers, response.status);
    return response;
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
