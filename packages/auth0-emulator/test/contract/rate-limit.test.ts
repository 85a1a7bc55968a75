// Rate-limit headers, 429 bodies, presets and the SDK's header-aware retries
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy).
import { describe, expect, it } from 'vitest';
import { ManagementError } from 'auth0';
import { UNLIMITED } from '../../src/rate-limit.ts';
import { api, createUser, sdk, sleep, useTestEmulator, type SentRequest } from './helpers.ts';

const t = useTestEmulator();

function limits(headers: Headers) {
  return {
    limit: headers.get('x-ratelimit-limit'),
    remaining: headers.get('x-ratelimit-remaining'),
    reset: headers.get('x-ratelimit-reset'),
  };
}

describe('rate-limit headers', () => {
  it('are on every Management API and token response, errors included, even with limits off', async () => {
    const user = await createUser(t.emulator, t.token);
    const responses = [
      await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token }),
      await api(t.emulator, 'GET', '/api/v2/users/auth0%7Cnobody', { token: t.token }),
      await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: { connection: 'Username-Password-Authentication', email: user.email, password: 'Tr0ub4dor&3-Horse' } }),
      await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: {} }),
      await api(t.emulator, 'POST', '/oauth/token', { json: { grant_type: 'client_credentials', client_id: 'x', client_secret: 'y', audience: 'z' } }),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 404, 409, 400, 401]);
    for (const response of responses) {
      const { limit, remaining, reset } = limits(response.headers);
      // Preset `off`: constant, large limit and remaining (a missing header would read as null here).
      expect({ limit, remaining }).toEqual({ limit: String(UNLIMITED), remaining: String(UNLIMITED) });
      expect(Math.abs(Number(reset) - Date.now() / 1000)).toBeLessThan(5);
    }
  });
});

describe('presets', () => {
  it('free: 2 burst on the Management API, then Auth0\'s 429 body with the bucket\'s headers', async () => {
    await t.control.configure({ preset: 'free' });
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 3; i += 1) {
      last = await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
    const { limit, remaining, reset } = limits(last!.headers);
    expect([limit, remaining]).toEqual(['2', '0']);
    const wait = Number(reset) * 1000 - Date.now();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(2000);

    const error = await sdk(t.emulator).roles.list().catch((caught: unknown) => caught);
    expect((error as ManagementError).statusCode).toBe(429);
    expect((error as ManagementError).constructor.name).toBe('TooManyRequestsError');
  });

  it('free: the token endpoint has its own 30-request burst and answers in the Authentication API\'s shape', async () => {
    await t.control.configure({ preset: 'free' });
    const body = { grant_type: 'client_credentials', client_id: t.emulator.clientId, client_secret: t.emulator.clientSecret, audience: t.emulator.managementAudience };
    // 30 burst refilling at 30 per second: 45 concurrent requests cannot all get through.
    const responses = await Promise.all(Array.from({ length: 45 }, () => api(t.emulator, 'POST', '/oauth/token', { json: body })));
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(responses.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(30);
    expect(limited[0]!.body).toEqual({
      error: 'too_many_requests',
      error_description: 'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.',
    });
    // The Management API bucket is untouched by token requests.
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
  });

  it('essentials: reading users, writing users and everything else are separate buckets', async () => {
    await t.control.configure({ preset: 'essentials' });
    const roles: number[] = [];
    for (let i = 0; i < 11; i += 1) roles.push((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status);
    expect(roles.filter((status) => status === 429)).toHaveLength(1);
    expect(roles.at(-1)).toBe(429);
    expect((await api(t.emulator, 'GET', '/api/v2/users', { token: t.token })).status).toBe(200);
    expect((await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: {} })).status).toBe(400);
  });

  it('a time scale refills buckets faster while keeping their size', async () => {
    // essentials "other": 10 burst, 150 per minute refilled every second (2.5 per step); at 10x the
    // step is 100 ms, so 150 ms after running dry there are tokens again (at 1x it would take 1 s).
    await t.control.configure({ preset: 'essentials', timeScale: 10 });
    for (let i = 0; i < 10; i += 1) await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token });
    const limited = await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('10');
    await sleep(150);
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
  });
});

describe('the SDK under rate limiting', () => {
  it('retries 429s, waiting until X-RateLimit-Reset (plus at most 20 %), and every call succeeds', async () => {
    await t.control.configure({ preset: 'free' });
    const sent: SentRequest[] = [];
    const client = sdk(t.emulator, { maxRetries: 5, sent });
    await client.roles.list(); // token fetched and one Management API token spent before the burst
    const calls = Array.from({ length: 6 }, (_, i) => client.roles.list({}, { headers: { 'x-test-call': String(i) } }));
    const results = await Promise.all(calls);
    expect(results.every((page) => page.data.length === 4)).toBe(true);

    const tagged = sent.filter((entry) => entry.tag !== null);
    const trace = JSON.stringify(
      tagged.map((entry) => ({ tag: entry.tag, at: entry.at, doneAt: entry.doneAt, status: entry.status, reset: entry.headers?.get('x-ratelimit-reset') })),
    );
    const limited = tagged.filter((entry) => entry.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const tag of new Set(tagged.map((entry) => entry.tag))) {
      const attempts = tagged.filter((entry) => entry.tag === tag).sort((a, b) => a.at - b.at);
      expect(attempts.at(-1)?.status, trace).toBe(200);
      for (let i = 1; i < attempts.length; i += 1) {
        const previous = attempts[i - 1]!;
        const resetMs = Number(previous.headers!.get('x-ratelimit-reset')) * 1000;
        // The SDK waits until X-RateLimit-Reset, stretched by up to 20 % jitter.
        expect(attempts[i]!.at, trace).toBeGreaterThanOrEqual(resetMs - 20);
        expect(attempts[i]!.at, trace).toBeLessThanOrEqual(resetMs + 0.2 * (resetMs - previous.doneAt!) + 250);
      }
    }
    const log = await t.control.requests();
    expect(log.statuses['GET /api/v2/roles']?.['429']).toBe(limited.length);
    expect(log.counts['POST /oauth/token']).toBe(1);
  });
});
