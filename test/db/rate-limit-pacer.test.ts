// How the pacer's bucket row learns from answers, driven with synthetic rate-limit headers against this
// run's PostgreSQL: the cases a tenant whose limits are higher than documented (a raised plan, the
// emulator's time scale) depends on.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { pacedFetch, RateLimitPacer } from '../../src/auth0/rate-limit-pacer.ts';
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

// Replicas: each process has its own pacer (and connection pool) on the one shared row per bucket.
describe('rate-limit pacer: several processes on one tenant', () => {
  const processes = 3;
  let clients: PrismaClient[];
  beforeAll(() => {
    clients = Array.from({ length: processes }, () => createPrismaClient(testDatabaseUrl(), { maxConnections: 2 }));
  });
  afterAll(async () => {
    await Promise.all((clients ?? []).map((client) => client.$disconnect()));
  });

  it('sends one request of all processes to a bucket never answered, the others waiting for its answer', async () => {
    const pacers = clients.map((client) => new RateLimitPacer(client));
    const tenant = `pacer-${randomUUID()}.example`;
    let sent = 0;
    let probeAnswered = false;
    let sentBeforeProbeAnswer = 0;
    // A users-write bucket of 20 (documented 200 per minute), answered after 50 ms.
    const send: typeof fetch = async () => {
      sent += 1;
      if (sent > 1 && !probeAnswered) sentBeforeProbeAnswer += 1;
      const remaining = 20 - sent;
      await sleep(50);
      probeAnswered = true;
      return new Response('{}', { status: 201, headers: { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 6) } });
    };
    const paced = pacers.map((pacer) => pacedFetch(pacer, tenant, send));
    // Each process's first call at the same moment: one goes out; the others see the claim in the row and
    // go once it is answered (the bucket is known then, and has room for both).
    await Promise.all(paced.map((fetchPaced, i) => fetchPaced(`https://${tenant}/api/v2/users`, { method: 'POST', body: `{"n":${i}}` })));
    expect(sent).toBe(processes);
    expect(sentBeforeProbeAnswer).toBe(0);
    expect(pacers.reduce((sum, pacer) => sum + pacer.stats.probesWaited, 0)).toBe(processes - 1);
  });

  it('counts every process\'s unanswered reservations against an answer that finds the bucket full', async () => {
    const [a, b] = clients.map((client) => new RateLimitPacer(client));
    const key = `pacer-${randomUUID()}.example users:write`;
    await b!.observe(key, answer(19), 201, 'users:write');
    // Process A reserves five tokens; none is answered yet when B's next answer says the bucket is full.
    for (let i = 0; i < 5; i += 1) await a!.acquire(key);
    await b!.acquire(key);
    await b!.observe(key, answer(19, 1), 201, 'users:write');
    const bucket = await clients[0]!.auth0RateLimitBucket.findUniqueOrThrow({ where: { key } });
    // 19 left after B's request, of which A's five are spoken for: Auth0 has not seen them yet.
    expect(bucket.tokens).toBeLessThanOrEqual(14.01);
    expect(bucket.inFlight).toBe(5);
    // A's answers end its reservations, in the row every process reads.
    for (let i = 0; i < 5; i += 1) await a!.observe(key, answer(18 - i), 201, 'users:write');
    expect((await clients[0]!.auth0RateLimitBucket.findUniqueOrThrow({ where: { key } })).inFlight).toBe(0);
  });

  it('does not raise the rate when a full bucket has calls in flight but none waiting (callers slower than the bucket)', async () => {
    const [a, b] = clients.map((client) => new RateLimitPacer(client));
    const key = `pacer-${randomUUID()}.example users:write`;
    await a!.observe(key, answer(19), 201, 'users:write');
    // Four calls in flight in two processes, none of them had to wait; the bucket answers full again.
    for (const pacer of [a, a, b, b]) await pacer!.acquire(key);
    await b!.observe(key, answer(19, 1), 201, 'users:write');
    expect((await clients[0]!.auth0RateLimitBucket.findUniqueOrThrow({ where: { key } })).refillPerSec).toBeCloseTo(200 / 60, 5);
    // With a call sleeping for tokens, the same answer shows the rate to be too low: raised by half.
    await clients[0]!.auth0RateLimitBucket.update({ where: { key }, data: { tokens: -3 } });
    const sleeping = a!.acquire(key);
    await sleep(100);
    await b!.observe(key, answer(19, 1), 201, 'users:write');
    expect((await clients[0]!.auth0RateLimitBucket.findUniqueOrThrow({ where: { key } })).refillPerSec).toBeCloseTo(5, 5);
    await sleeping;
  });

  it('makes every process wait after a 429 one of them was answered', async () => {
    const [a, b] = clients.map((client) => new RateLimitPacer(client));
    const key = `pacer-${randomUUID()}.example users:write`;
    await a!.observe(key, answer(15), 201, 'users:write');
    // B is refused (another client of the tenant drained the bucket); A, which had not heard of it, waits.
    await b!.acquire(key);
    await b!.observe(key, answer(0, 6), 429, 'users:write');
    const started = performance.now();
    await a!.acquire(key);
    expect(a!.stats.waited).toBe(1);
    // At the documented 3.3 per s, the reserve (3.3 tokens) and the token it takes: about 1.3 s.
    expect(performance.now() - started).toBeGreaterThan(1000);
  });
});
