// How the pacer's bucket row learns from answers, driven with synthetic rate-limit headers against this
// run's PostgreSQL: the cases a tenant whose limits are higher than documented (a raised plan, the
// emulator's time scale) depends on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { RateLimitPacer } from '../../src/auth0/rate-limit-pacer.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Headers of a users-write answer from a 20-token bucket (documented: 200 per minute), full again in `resetSeconds`. */
const answer = (remaining: number, resetSeconds = 30) =>
  new Headers({
    'x-ratelimit-limit': '20',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000 + resetSeconds)),
  });

describe('rate-limit pacer: learning a bucket faster than documented', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  const bucketOf = (key: string) => prisma.auth0RateLimitBucket.findUniqueOrThrow({ where: { key } });

  it('raises an unmeasured rate once half a bucketful of refill shows it is too low', async () => {
    const pacer = new RateLimitPacer(prisma);
    const key = `pacer-${randomUUID()}.example users:write`;
    await pacer.observe(key, answer(5), 201, 'users:write');
    expect((await bucketOf(key)).refillPerSec).toBeCloseTo(200 / 60, 5);
    // 400 ms later the bucket holds 12 more tokens than the first answer left, one request later: about
    // 30 per s, nine times the documented rate. Not full, so nothing else would have raised it.
    await sleep(400);
    await pacer.acquire(key);
    await pacer.observe(key, answer(17), 201, 'users:write');
    const bucket = await bucketOf(key);
    // (refill - 1) over the window: 12 tokens in 0.4 s and a little more, as timers run late.
    expect(bucket.refillPerSec).toBeGreaterThan(15);
    expect(bucket.refillPerSec).toBeLessThan(31);
    expect(bucket.rateMeasured).toBe(false);
  });

  it('keeps the documented rate when the refill seen is no faster', async () => {
    const pacer = new RateLimitPacer(prisma);
    const key = `pacer-${randomUUID()}.example users:write`;
    await pacer.observe(key, answer(2), 201, 'users:write');
    await sleep(400);
    await pacer.acquire(key);
    // One token of refill in 0.4 s: the documented 3.3 per s stands.
    await pacer.observe(key, answer(2), 201, 'users:write');
    expect((await bucketOf(key)).refillPerSec).toBeCloseTo(200 / 60, 5);
  });

  it('takes a full bucket\'s answer as its level, so callers stop waiting on a stale low estimate', async () => {
    const pacer = new RateLimitPacer(prisma);
    const key = `pacer-${randomUUID()}.example users:write`;
    await pacer.observe(key, answer(1), 201, 'users:write');
    // The estimate says about one token left; the bucket answers full (Limit - 1 after this request).
    await pacer.acquire(key);
    await pacer.observe(key, answer(19, 1), 201, 'users:write');
    expect((await bucketOf(key)).tokens).toBeGreaterThanOrEqual(18.9);
    // So the next calls go at once instead of waiting for refill at the (too low) documented rate.
    const waitedBefore = pacer.stats.waited;
    for (let i = 0; i < 5; i += 1) await pacer.acquire(key);
    expect(pacer.stats.waited).toBe(waitedBefore);
  });
});
