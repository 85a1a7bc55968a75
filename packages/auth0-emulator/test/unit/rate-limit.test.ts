import { describe, expect, it } from 'vitest';
import {
  RateLimiter,
  UNLIMITED,
  bucketsFor,
  rateLimitHeaders,
  rateLimitedBody,
  type RateLimitDecision,
  type RateLimitPreset,
} from '../../src/rate-limit.ts';

// A whole second, so reset arithmetic is easy to read; one test uses an unaligned start.
const T0 = 1_700_000_000_000;

function limiter(preset: RateLimitPreset, timeScale?: number, start = T0) {
  const clock = { now: start };
  const rl = new RateLimiter({ preset, ...(timeScale === undefined ? {} : { timeScale }), now: () => clock.now });
  return { rl, clock };
}

function drain(rl: RateLimiter, method: string, route: string, n: number): RateLimitDecision[] {
  return Array.from({ length: n }, () => rl.consume(method, route));
}

describe('RateLimiter, preset off', () => {
  it('never limits but still describes a large bucket', () => {
    const { rl } = limiter('off');
    const decisions = drain(rl, 'POST', '/api/v2/users', 1000);
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(decisions.at(-1)).toEqual({
      allowed: true,
      limit: UNLIMITED,
      remaining: UNLIMITED,
      resetEpochSec: T0 / 1000,
      bucket: 'off',
    });
  });
});

describe('RateLimiter, preset free', () => {
  it('allows a burst of 2 on the Management API, then 429s', () => {
    const { rl } = limiter('free');
    const [a, b, c] = drain(rl, 'GET', '/api/v2/users/:id', 3);
    expect(a).toMatchObject({ allowed: true, limit: 2, remaining: 1, bucket: 'management-global' });
    expect(b).toMatchObject({ allowed: true, limit: 2, remaining: 0 });
    expect(c).toMatchObject({ allowed: false, limit: 2, remaining: 0 });
  });

  it('shares the global bucket across all management endpoints', () => {
    const { rl } = limiter('free');
    rl.consume('POST', '/api/v2/users');
    rl.consume('GET', '/api/v2/roles');
    expect(rl.consume('DELETE', '/api/v2/users/:id').allowed).toBe(false);
  });

  it('refills 2 per second, continuously (per millisecond)', () => {
    const { rl, clock } = limiter('free');
    drain(rl, 'GET', '/api/v2/users', 2);
    clock.now += 499;
    expect(rl.consume('GET', '/api/v2/users').allowed).toBe(false);
    clock.now += 1;
    expect(rl.consume('GET', '/api/v2/users')).toMatchObject({ allowed: true, remaining: 0 });
    expect(rl.consume('GET', '/api/v2/users').allowed).toBe(false);
  });

  it('reports reset as the moment the bucket is full again, rounded up to a second', () => {
    const { rl } = limiter('free', 1, T0 + 250);
    const [first, second, denied] = drain(rl, 'GET', '/api/v2/users', 3);
    // One token missing: full 500 ms later, T0+750 ms -> ceil -> T0/1000 + 1.
    expect(first!.resetEpochSec).toBe(T0 / 1000 + 1);
    // Two missing: full at T0+1250 ms -> T0/1000 + 2, not when the next token arrives.
    expect(second!.resetEpochSec).toBe(T0 / 1000 + 2);
    expect(denied!.resetEpochSec).toBe(T0 / 1000 + 2);
  });

  it('limits /oauth/token separately, by its endpoint bucket (30) and the Authentication API global (300/min)', () => {
    const { rl, clock } = limiter('free');
    drain(rl, 'GET', '/api/v2/users', 2);
    const tokens = drain(rl, 'POST', '/oauth/token', 31);
    expect(tokens.slice(0, 30).every((d) => d.allowed)).toBe(true);
    // The endpoint bucket (30) is the most constraining one, so it is the one described.
    expect(tokens[0]).toMatchObject({ limit: 30, remaining: 29, bucket: 'token-endpoint' });
    expect(tokens[30]).toMatchObject({ allowed: false, bucket: 'token-endpoint', remaining: 0 });

    // Calling 30 times a second, the 300/min global bucket (5/s refill) runs dry in the 11th second.
    const allowedPerSecond: number[] = [];
    for (let second = 1; second <= 11; second += 1) {
      clock.now += 1000;
      allowedPerSecond.push(drain(rl, 'POST', '/oauth/token', 30).filter((d) => d.allowed).length);
    }
    expect(allowedPerSecond).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 25]);
    const denied = rl.consume('POST', '/oauth/token');
    expect(denied).toMatchObject({ allowed: false, bucket: 'authentication-global', limit: 300, remaining: 0 });
  });

  it('takes no token from any bucket when one of them refuses', () => {
    const { rl } = limiter('free');
    drain(rl, 'POST', '/oauth/token', 30);
    // The endpoint bucket is empty; these are refused and must not drain the global bucket.
    expect(drain(rl, 'POST', '/oauth/token', 100).some((d) => d.allowed)).toBe(false);
    const global = rl.snapshot().find((d) => d.bucket === 'authentication-global');
    expect(global).toMatchObject({ remaining: 270, limit: 300 });
  });

  it('does not limit emulator plumbing', () => {
    const { rl } = limiter('free');
    const decisions = drain(rl, 'GET', '/.well-known/jwks.json', 10).concat(drain(rl, 'POST', '/__emulator/reset', 10));
    expect(decisions.every((d) => d.allowed && d.limit === UNLIMITED && d.bucket === 'unlimited')).toBe(true);
  });
});

describe('RateLimiter, preset essentials', () => {
  it('gives reading users a 40 burst, refilled 500 per minute in whole seconds', () => {
    const { rl, clock } = limiter('essentials');
    const burst = drain(rl, 'GET', '/api/v2/users', 41);
    expect(burst.filter((d) => d.allowed)).toHaveLength(40);
    expect(burst[0]).toMatchObject({ limit: 40, remaining: 39, bucket: 'users-read' });
    clock.now += 999;
    expect(rl.consume('GET', '/api/v2/users/:id').allowed).toBe(false);
    clock.now += 1;
    // 500/60 = 8.33 tokens after one second.
    const refill = drain(rl, 'GET', '/api/v2/users-by-email', 9);
    expect(refill.filter((d) => d.allowed)).toHaveLength(8);
  });

  it('keeps separate buckets for writing users, deleting users and everything else', () => {
    const { rl } = limiter('essentials');
    drain(rl, 'GET', '/api/v2/users', 40);
    const writes = drain(rl, 'POST', '/api/v2/users', 21);
    expect(writes.filter((d) => d.allowed)).toHaveLength(20);
    expect(writes[0]!.bucket).toBe('users-write');
    expect(rl.consume('PATCH', '/api/v2/users/:id').allowed).toBe(false);
    const deletes = drain(rl, 'DELETE', '/api/v2/users/:id', 21);
    expect(deletes.filter((d) => d.allowed)).toHaveLength(20);
    const other = drain(rl, 'GET', '/api/v2/roles', 11);
    expect(other.filter((d) => d.allowed)).toHaveLength(10);
    expect(other[0]).toMatchObject({ limit: 10, bucket: 'management-other' });
    expect(rl.consume('POST', '/api/v2/jobs/verification-email').allowed).toBe(false);
  });

  it('gives the token endpoint 25 per second', () => {
    const { rl } = limiter('essentials');
    const tokens = drain(rl, 'POST', '/oauth/token', 26);
    expect(tokens.filter((d) => d.allowed)).toHaveLength(25);
  });

  it('reports a per-minute reset: 20 write tokens at 200/min take 6 s to come back', () => {
    const { rl } = limiter('essentials');
    const writes = drain(rl, 'POST', '/api/v2/users', 20);
    expect(writes.at(-1)!.resetEpochSec).toBe(T0 / 1000 + 6);
  });
});

describe('RateLimiter, preset enterprise', () => {
  it('has a 50 burst refilled at 16 per second', () => {
    const { rl, clock } = limiter('enterprise');
    expect(drain(rl, 'POST', '/api/v2/users', 51).filter((d) => d.allowed)).toHaveLength(50);
    clock.now += 1000;
    expect(drain(rl, 'GET', '/api/v2/users', 17).filter((d) => d.allowed)).toHaveLength(16);
    expect(drain(rl, 'POST', '/oauth/token', 101).filter((d) => d.allowed)).toHaveLength(100);
  });
});

describe('RateLimiter time scale', () => {
  it('refills faster with the same burst', () => {
    const { rl, clock } = limiter('free', 10);
    const burst = drain(rl, 'GET', '/api/v2/users', 3);
    expect(burst.map((d) => d.allowed)).toEqual([true, true, false]);
    // 2 per second ten times faster: full again after 100 ms.
    expect(burst[1]!.resetEpochSec).toBe(Math.ceil((T0 + 100) / 1000));
    clock.now += 100;
    expect(drain(rl, 'GET', '/api/v2/users', 3).map((d) => d.allowed)).toEqual([true, true, false]);
  });

  it('runs per-minute buckets a hundred times faster', () => {
    const { rl, clock } = limiter('essentials', 100);
    drain(rl, 'POST', '/api/v2/users', 20);
    clock.now += 9;
    expect(rl.consume('POST', '/api/v2/users').allowed).toBe(false);
    clock.now += 1; // one refill step: 200/60 = 3.33 tokens
    expect(drain(rl, 'POST', '/api/v2/users', 4).filter((d) => d.allowed)).toHaveLength(3);
  });

  it('can be changed at run time without losing tokens already earned', () => {
    const { rl, clock } = limiter('free');
    drain(rl, 'GET', '/api/v2/users', 2);
    clock.now += 250; // half a token at scale 1
    rl.configure({ timeScale: 100 });
    clock.now += 2.5; // 0.002 tokens/ms * 100 * 2.5 ms = the other half
    expect(drain(rl, 'GET', '/api/v2/users', 2).map((d) => d.allowed)).toEqual([true, false]);
  });

  it('rejects a non-positive scale', () => {
    expect(() => new RateLimiter({ preset: 'free', timeScale: 0 })).toThrow(RangeError);
  });
});

describe('RateLimiter configure and reset', () => {
  it('starts a new preset with full buckets', () => {
    const { rl } = limiter('free');
    drain(rl, 'GET', '/api/v2/users', 2);
    rl.configure({ preset: 'enterprise' });
    expect(rl.consume('GET', '/api/v2/users')).toMatchObject({ allowed: true, limit: 50, remaining: 49 });
    rl.configure({ preset: 'off' });
    expect(rl.consume('GET', '/api/v2/users').limit).toBe(UNLIMITED);
  });

  it('reset() refills every bucket', () => {
    const { rl } = limiter('free');
    drain(rl, 'GET', '/api/v2/users', 3);
    rl.reset();
    expect(rl.consume('GET', '/api/v2/users')).toMatchObject({ allowed: true, remaining: 1 });
  });
});

describe('rate limit helpers', () => {
  it('renders the three Auth0 headers', () => {
    expect(rateLimitHeaders({ allowed: false, limit: 2, remaining: 0, resetEpochSec: 1_700_000_001, bucket: 'x' })).toEqual({
      'X-RateLimit-Limit': '2',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': '1700000001',
    });
  });

  it("builds Auth0's 429 bodies", () => {
    const global = { allowed: false, limit: 2, remaining: 0, resetEpochSec: 1, bucket: 'management-global' };
    expect(rateLimitedBody(global, 'management')).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'Global limit has been reached',
      errorCode: 'too_many_requests',
    });
    expect(rateLimitedBody({ ...global, bucket: 'token-endpoint' }, 'authentication')).toMatchObject({ error: 'too_many_requests' });
  });

  it('classifies routes', () => {
    expect(bucketsFor('essentials', 'HEAD', '/api/v2/users/:id').map((b) => b.name)).toEqual(['users-read']);
    expect(bucketsFor('essentials', 'POST', '/api/v2/users/:id/roles').map((b) => b.name)).toEqual(['users-write']);
    expect(bucketsFor('free', 'POST', '/oauth/token').map((b) => b.name)).toEqual(['authentication-global', 'token-endpoint']);
    expect(bucketsFor('enterprise', 'GET', '/healthz')).toEqual([]);
  });
});
