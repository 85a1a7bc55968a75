// Pacing of Management API calls from Auth0's rate-limit headers, shared by every process of the tenant:
// one "Auth0RateLimitBucket" row per bucket; `acquire` reserves a token before a request (sleeping while
// fewer than a reserve would be left), `observe` writes each response's headers back and measures the
// bucket's refill rate. A failure of the pacing itself never blocks a call: it goes out unpaced.
// Why and how (bucket maths, the reserve, the rate window, grouping, measured figures): docs/design.md "Pacing".
import type { PrismaClient } from '../db/prisma-client.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { bucketGroupOf, documentedRefillPerSec, type BucketGroup } from './rate-limit-plans.ts';

export type { BucketGroup } from './rate-limit-plans.ts';

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
/** A row untouched this long has nothing in flight: what a crashed process had counted is forgotten. */
const IN_FLIGHT_FORGOTTEN_SECONDS = 120;
/** How long a wait (or a 429) keeps a bucket group `busy`: a few of the tenant's refill periods. */
const BUSY_MEMORY_MS = 10_000;
/** How often a caller polls a bucket another process is probing. */
const PROBE_POLL_MS = 50;

export class RateLimitPacer {
  /** Reservations this process counted in the row's `inFlight` and has not answered yet, per bucket key. */
  private readonly counted = new Map<string, number>();
  /** X-RateLimit-Limit seen per tenant and group: equal on every group = one global bucket. */
  private readonly limits = new Map<string, Map<BucketGroup, number>>();
  /**
   * Per bucket key: this process's request out learning a bucket never answered (it holds the row's probe
   * claim), settled by its response. Its other callers wait for it; other processes see the claim in the row.
   */
  private readonly probes = new Map<string, { settled: Promise<void>; settle: () => void }>();
  /** Bucket keys found answered without a rate (a bucket that never ran low): not paced. */
  private readonly answered = new Set<string>();
  /** Bucket keys this process has reserved from with a known rate (a 429 there waits in the bucket, not here). */
  private readonly paced = new Set<string>();
  /** Per bucket group: when a call of this process last had to wait for tokens or met a 429 (`busy`). */
  private readonly lastPressed = new Map<BucketGroup, number>();
  /** Requests that waited, and for how long in total (diagnostics, benchmark). */
  readonly stats = { acquired: 0, waited: 0, waitedMs: 0, observed429: 0, retried429: 0, probesWaited: 0 };

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
   * Whether the tenant's bucket for the group is in use: a call of this process had to wait for tokens, or
   * met a 429, within `withinMs`. No query: createEmployee asks on every create (when busy it leaves the
   * work to the queue: docs/design.md "Creates in a burst").
   */
  busy(group: BucketGroup, withinMs = BUSY_MEMORY_MS): boolean {
    const at = this.lastPressed.get(group);
    return at !== undefined && performance.now() - at < withinMs;
  }

  /** Whether the key's bucket has a known rate here: its 429s are waited out through the row. */
  isPaced(key: string): boolean {
    return this.paced.has(key);
  }

  /**
   * Reserves a token of the bucket, waiting for it when the bucket is (nearly) empty. False: the bucket had
   * not answered yet and a request of this or another process was out learning it; it has been answered
   * (or the claim ran out), so ask again, with the key `keyFor` gives now (that answer may have shown the
   * plan's buckets to be one).
   */
  async acquire(key: string, signal?: AbortSignal | null, group?: BucketGroup): Promise<boolean> {
    this.stats.acquired += 1;
    const maxWaitMs = this.options.maxWaitMs ?? 30_000;
    let row: { tokens: number; refillPerSec: number; capacity: number } | undefined;
    try {
      // The row counts every process's unanswered reservations (inFlight; a crashed process's are forgotten
      // once the row has been idle IN_FLIGHT_FORGOTTEN_SECONDS) and says until when some reservation sleeps
      // for tokens (waitingUntil): calls waiting, as opposed to merely in flight, are what shows a rate too low.
      const level = Prisma.sql`(LEAST(capacity::float8, tokens + "refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - "updatedAt")::float8) - 1)`;
      const reserve = Prisma.sql`LEAST("refillPerSec", capacity / 4.0)`;
      const waitSeconds = Prisma.sql`LEAST(${maxWaitMs / 1000}::float8, (${reserve} - ${level}) / "refillPerSec")`;
      [row] = await this.prisma.$queryRaw<{ tokens: number; refillPerSec: number; capacity: number }[]>`
        UPDATE "Auth0RateLimitBucket"
           SET tokens = ${level},
               "waitingUntil" = CASE WHEN ${level} < ${reserve}
                 THEN GREATEST("waitingUntil", clock_timestamp() + make_interval(secs => ${waitSeconds})) ELSE "waitingUntil" END,
               "inFlight" = CASE WHEN "updatedAt" < clock_timestamp() - make_interval(secs => ${IN_FLIGHT_FORGOTTEN_SECONDS}::float8) THEN 1 ELSE GREATEST(0, "inFlight") + 1 END,
               "updatedAt" = clock_timestamp()
         WHERE key = ${key} AND "refillPerSec" > 0
     RETURNING tokens, "refillPerSec", capacity`;
    } catch (error) {
      this.options.onError?.(error);
      return true;
    }
    if (!row) return this.unknownBucket(key, signal);
    this.counted.set(key, (this.counted.get(key) ?? 0) + 1);
    this.paced.add(key);
    if (group && !key.endsWith(' global')) this.noteLimit(key.slice(0, key.lastIndexOf(' ')), group, row.capacity);
    const reserve = Math.min(row.refillPerSec, row.capacity / 4);
    if (row.tokens >= reserve) return true;
    const waitMs = Math.min(maxWaitMs, Math.ceil(((reserve - row.tokens) / row.refillPerSec) * 1000));
    this.stats.waited += 1;
    this.stats.waitedMs += waitMs;
    if (group) this.lastPressed.set(group, performance.now());
    this.options.onWait?.(key.slice(key.lastIndexOf(' ') + 1), waitMs);
    try {
      await sleep(waitMs, signal);
    } catch (error) {
      await this.release(key);
      throw error;
    }
    return true;
  }

  /**
   * No rate for the key: unpaced when the bucket has answered without one; otherwise one request of the
   * whole deployment learns it (the row's probe claim) and every other caller, in any process, waits for
   * that answer. Four workers starting together on Free's 2-token bucket made two 429s; three processes
   * probing at once, one each.
   */
  private async unknownBucket(key: string, signal?: AbortSignal | null): Promise<boolean> {
    if (this.answered.has(key)) return true;
    const local = this.probes.get(key);
    let state: 'probe' | 'probing' | 'paced' | 'answered';
    if (local) state = 'probing';
    else {
      try {
        const rows = await this.prisma.$queryRaw<{ state: 'probe' | 'probing' | 'paced' | 'answered' }[]>`
          WITH claim AS (
            INSERT INTO "Auth0RateLimitBucket" AS b (key, capacity, tokens, "refillPerSec", "updatedAt", "probeUntil")
            VALUES (${key}, 0, 0, 0, clock_timestamp(), clock_timestamp() + make_interval(secs => ${this.probeSeconds}::float8))
            ON CONFLICT (key) DO UPDATE SET "probeUntil" = EXCLUDED."probeUntil", "updatedAt" = clock_timestamp()
              WHERE b.capacity = 0 AND (b."probeUntil" IS NULL OR b."probeUntil" < clock_timestamp())
            RETURNING 1)
          SELECT 'probe' AS state FROM claim
          UNION ALL
          SELECT CASE WHEN capacity = 0 THEN 'probing' WHEN "refillPerSec" > 0 THEN 'paced' ELSE 'answered' END
            FROM "Auth0RateLimitBucket" WHERE key = ${key}`;
        state = rows.some((r) => r.state === 'probe') ? 'probe' : (rows[0]?.state ?? 'probing');
      } catch (error) {
        this.options.onError?.(error);
        return true;
      }
    }
    if (state === 'answered') {
      this.answered.add(key);
      return true;
    }
    if (state === 'probe') {
      let settle!: () => void;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      this.probes.set(key, { settled, settle });
      return true;
    }
    this.stats.acquired -= 1;
    if (state === 'paced') return false;
    this.stats.probesWaited += 1;
    // The bounding sleep is cancelled once the probe is answered, so no timer outlives the wait.
    const answered = new AbortController();
    const bound = signal ? AbortSignal.any([signal, answered.signal]) : answered.signal;
    try {
      if (local) await Promise.race([local.settled, sleep(this.options.maxWaitMs ?? 30_000, bound)]);
      else await this.probeAnswered(key, bound);
    } catch (error) {
      if (signal?.aborted) throw error;
    } finally {
      answered.abort();
    }
    return false;
  }

  /** Another process holds the probe claim: polls the row until it is answered or the claim runs out. */
  private async probeAnswered(key: string, signal: AbortSignal): Promise<void> {
    const until = performance.now() + (this.options.maxWaitMs ?? 30_000);
    while (performance.now() < until) {
      await sleep(PROBE_POLL_MS, signal);
      const [row] = await this.prisma.$queryRaw<{ open: boolean }[]>`
        SELECT capacity = 0 AND "probeUntil" > clock_timestamp() AS open FROM "Auth0RateLimitBucket" WHERE key = ${key}`;
      if (!row?.open) return;
    }
  }

  private get probeSeconds(): number {
    return Math.min(10, (this.options.maxWaitMs ?? 30_000) / 1000);
  }

  private noteLimit(tenant: string, group: BucketGroup, limit: number): void {
    const seen = this.limits.get(tenant) ?? new Map<BucketGroup, number>();
    seen.set(group, limit);
    this.limits.set(tenant, seen);
  }

  /** Ends a reservation that was never sent (its wait was aborted). */
  private async release(key: string): Promise<void> {
    if (!this.uncount(key)) return;
    await this.prisma.$executeRaw`UPDATE "Auth0RateLimitBucket" SET "inFlight" = GREATEST(0, "inFlight" - 1) WHERE key = ${key}`.catch(
      (error: unknown) => this.options.onError?.(error),
    );
  }

  /** Takes one of this process's counted reservations off the key: 1 when there was one, else 0. */
  private uncount(key: string): 0 | 1 {
    const counted = this.counted.get(key) ?? 0;
    if (counted === 0) return 0;
    this.counted.set(key, counted - 1);
    return 1;
  }

  /** Records a response's rate-limit headers; ends the reservation `acquire` made (and a probe's wait). */
  async observe(key: string, headers: Headers, status: number, group?: BucketGroup): Promise<void> {
    try {
      await this.record(key, headers, status, group);
    } finally {
      // After the row is written: a request that finds no row before then still waits for this answer.
      const probe = this.probes.get(key);
      this.probes.delete(key);
      probe?.settle();
    }
  }

  private async record(key: string, headers: Headers, status: number, group?: BucketGroup): Promise<void> {
    const counted = this.uncount(key);
    if (status === 429) {
      this.stats.observed429 += 1;
      if (group) this.lastPressed.set(group, performance.now());
    }
    const limit = Number(headers.get('x-ratelimit-limit') ?? NaN);
    const remaining = Number(headers.get('x-ratelimit-remaining'));
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || limit <= 0) {
      // No answer to learn from (a network error): end the reservation, and free a probe claim at once.
      await this.prisma.$executeRaw`
        UPDATE "Auth0RateLimitBucket" SET "inFlight" = GREATEST(0, "inFlight" - ${counted}::int),
               "probeUntil" = CASE WHEN capacity = 0 AND ${this.probes.has(key)} THEN NULL ELSE "probeUntil" END
         WHERE key = ${key}`.catch((error: unknown) => this.options.onError?.(error));
      return;
    }
    const accepted = status === 429 ? 0 : 1;
    if (group) this.noteLimit(key.slice(0, key.lastIndexOf(' ')), group, limit);
    // A single response's estimate, only from a bucket at least half empty (rounding matters less there).
    const secondsToFull = reset - Date.now() / 1000;
    const deficit = limit - remaining - 1;
    const documented = documentedRefillPerSec(key.slice(key.lastIndexOf(' ') + 1) as 'global' | BucketGroup, limit);
    const single = Math.max(deficit >= limit / 2 && secondsToFull > 0 ? deficit / secondsToFull : 0, documented ?? 0);
    // Reservations of every process still unanswered, this one's excepted: Remaining does not count them yet.
    const others = Prisma.sql`GREATEST(0, b."inFlight" - ${counted}::int)`;
    // The window restarts when the bucket is full now or may have been since the last response (a full
    // bucket stops refilling, so that refill would be missing from the count), the plan changed, or it is old.
    // An accepted request that leaves Limit - 1 found the bucket full.
    const wasFull = accepted === 1 && remaining >= limit - 1;
    // Full while calls of any process sleep for tokens: the rate is too low (a low rate keeps the bucket full,
    // and a full bucket cannot be measured). Calls merely in flight say nothing: a bucket outrunning its
    // callers (a slow machine) is full with calls in flight, and counting those raised the rate without end. Before any measurement raise it by half, after one by 2 %. On a
    // bucket of under SMALL_BUCKET tokens the reserve and Remaining's rounding alone fill it now and then at
    // the right rate (Free's 2), so there it takes FULL_STREAK such answers running (counted in the row, by
    // every process), and a documented rate rises by a tenth: a step well past the true rate empties a
    // small bucket before a window can measure it.
    const fullWhileWaiting = Prisma.sql`(${wasFull} AND b."waitingUntil" > clock_timestamp())`;
    const streak = Prisma.sql`(CASE WHEN ${fullWhileWaiting} THEN b."fullStreak" + 1 ELSE 0 END)`;
    const tooSlow = limit < SMALL_BUCKET ? Prisma.sql`(${streak} >= ${FULL_STREAK}::int)` : fullWhileWaiting;
    const raise = limit < SMALL_BUCKET && documented !== null ? 1.1 : 1.5;
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
        VALUES (${key}, ${Math.round(limit)}, ${remaining}::float8, ${single}::float8, clock_timestamp(), clock_timestamp(), ${level}::float8, 0)
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
                        THEN LEAST(EXCLUDED.tokens - ${others}, LEAST(b.capacity::float8, b.tokens + b."refillPerSec" * EXTRACT(EPOCH FROM clock_timestamp() - b."updatedAt")::float8))
                        ELSE EXCLUDED.tokens - ${others} END,
          "windowStartedAt" = CASE WHEN ${restart} THEN clock_timestamp() ELSE b."windowStartedAt" END,
          "windowRemaining" = CASE WHEN ${restart} THEN EXCLUDED."windowRemaining" ELSE b."windowRemaining" END,
          "windowAccepted" = CASE WHEN ${restart} THEN 0 ELSE b."windowAccepted" + ${accepted}::int END,
          "fullStreak" = CASE WHEN ${streak} >= ${FULL_STREAK}::int THEN 0 ELSE ${streak} END,
          "inFlight" = GREATEST(0, b."inFlight" - ${counted}::int),
          "probeUntil" = NULL,
          capacity = EXCLUDED.capacity,
          "updatedAt" = clock_timestamp()`;
    } catch (error) {
      this.options.onError?.(error);
    }
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
      while (!(await pacer.acquire(key, init?.signal, group))) key = pacer.keyFor(tenant, group);
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
      // The 429's answer set the shared row's level (nothing left, less every process's calls in flight), so
      // with a known rate the next reservation waits there, in step with every process. Before the rate is
      // known the pacer would not wait at all: wait for one token's share of the time until the bucket is
      // full (Reset / Limit), jittered so that callers refused together do not return together.
      if (pacer.isPaced(key)) continue;
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
