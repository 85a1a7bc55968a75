// Faults switchable at run time: latency, a 5xx rate, outage windows, commit-then-fail and search lag.
import { describe, expect, it } from 'vitest';
import { ManagementError } from 'auth0';
import {
  api,
  CONNECTION,
  createUser,
  sdk,
  sleep,
  STRONG_PASSWORD,
  useTestEmulator,
  uniqueEmail,
  type SentRequest,
} from './helpers.ts';

const t = useTestEmulator();

async function timed<T>(operation: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await operation();
  return performance.now() - started;
}

describe('latency', () => {
  it('adds the fixed delay plus jitter to the chosen routes only, never to the control API', async () => {
    await t.control.configure({ latency: { fixedMs: 200, jitterMs: 0, routes: ['GET /api/v2/roles'] } });
    expect(await timed(() => api(t.emulator, 'GET', '/api/v2/roles', { token: t.token }))).toBeGreaterThanOrEqual(195);
    expect(await timed(() => api(t.emulator, 'GET', '/api/v2/users', { token: t.token }))).toBeLessThan(150);
    expect(await timed(() => t.control.users())).toBeLessThan(150);

    await t.control.configure({ latency: { fixedMs: 0, jitterMs: 120 } });
    const durations: number[] = [];
    for (let i = 0; i < 12; i += 1) durations.push(await timed(() => api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })));
    expect(Math.max(...durations)).toBeLessThan(250);
    expect(Math.max(...durations) - Math.min(...durations)).toBeGreaterThan(20);
  });
});

describe('5xx rate', () => {
  it('answers the configured share of matching requests with the configured status', async () => {
    await t.control.configure({ errorRate: { rate: 1, status: 502, routes: ['/api/v2/roles'] } });
    const error = await sdk(t.emulator).roles.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ManagementError);
    expect((error as ManagementError).statusCode).toBe(502);
    expect((error as ManagementError).body).toMatchObject({ statusCode: 502, error: 'Bad Gateway' });
    expect((await api(t.emulator, 'GET', '/api/v2/users', { token: t.token })).status).toBe(200);

    await t.control.configure({ errorRate: { rate: 0.5, status: 500 } });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => api(t.emulator, 'GET', '/api/v2/roles', { token: t.token }).then((r) => r.status)));
    const failed = statuses.filter((status) => status === 500).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    expect(statuses.filter((status) => status !== 500 && status !== 200)).toEqual([]);
  });
});

describe('outages', () => {
  it('answers 503 inside the window on the chosen routes; the SDK\'s retry lands after it', async () => {
    await t.control.configure({ outages: [{ routes: ['GET /api/v2/roles'], untilEpochMs: Date.now() + 400 }] });
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Service Unavailable',
    });
    expect((await api(t.emulator, 'GET', '/api/v2/users', { token: t.token })).status).toBe(200);
    const page = await sdk(t.emulator, { maxRetries: 2 }).roles.list();
    expect(page.data).toHaveLength(4);
    const statuses = (await t.control.requests()).statuses['GET /api/v2/roles'];
    expect(statuses?.['503']).toBeGreaterThanOrEqual(2);
    expect(statuses?.['200']).toBe(1);
  });

  it('covers the token endpoint too when no routes are given, and honours a future start', async () => {
    await t.control.configure({ outages: [{ fromEpochMs: Date.now() + 60_000 }] });
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
    await t.control.configure({ outages: [{}] });
    const error = await sdk(t.emulator).roles.list().catch((caught: unknown) => caught);
    expect((error as ManagementError).statusCode).toBe(503);
    expect((await t.control.requests()).counts['POST /oauth/token']).toBe(1);
  });
});

describe('commit-then-fail', () => {
  it('status: the user is created, the client sees a 503, the SDK\'s retried POST gets 409 and the user exists once', async () => {
    await t.control.configure({ commitThenFail: { mode: 'status', status: 503, count: 1, routes: ['POST /api/v2/users'] } });
    const email = uniqueEmail('duplicate.trap');
    const sent: SentRequest[] = [];
    const error = await sdk(t.emulator, { maxRetries: 2, sent })
      .users.create({ connection: CONNECTION, email, password: STRONG_PASSWORD })
      .catch((caught: unknown) => caught);
    expect((error as ManagementError).constructor.name).toBe('ConflictError');
    expect((error as ManagementError).body).toMatchObject({ message: 'The user already exists.', errorCode: 'auth0_idp_error' });
    expect(sent.filter((entry) => entry.url.endsWith('/api/v2/users')).map((entry) => entry.status)).toEqual([503, 409]);
    expect((await t.control.users()).filter((user) => user.email === email)).toHaveLength(1);
    const log = await t.control.requests();
    expect(log.requests.filter((entry) => entry.route === 'POST /api/v2/users').map((entry) => entry.outcome)).toEqual(['commit-then-fail', 'ok']);
    // count: 1 → the next create answers normally.
    expect((await createUser(t.emulator, t.token)).user_id).toMatch(/^auth0\|/);
  });

  it('drop: the connection dies after the commit; the caller\'s own retry gets 409', async () => {
    await t.control.configure({ commitThenFail: { mode: 'drop', count: 1 } });
    const client = sdk(t.emulator, { maxRetries: 2 });
    const email = uniqueEmail('dropped');
    const error = await client.users.create({ connection: CONNECTION, email, password: STRONG_PASSWORD }).catch((caught: unknown) => caught);
    // A network error, not an HTTP status: the SDK does not retry it.
    expect(error).toBeInstanceOf(Error);
    expect((error as ManagementError).statusCode).toBeUndefined();
    expect((await t.control.users()).filter((user) => user.email === email)).toHaveLength(1);

    const retry = await client.users.create({ connection: CONNECTION, email, password: STRONG_PASSWORD }).catch((caught: unknown) => caught);
    expect((retry as ManagementError).statusCode).toBe(409);
    expect(await client.users.listUsersByEmail({ email })).toHaveLength(1);
    const entries = (await t.control.requests()).requests.filter((entry) => entry.route === 'POST /api/v2/users');
    expect(entries.map((entry) => [entry.status, entry.outcome])).toEqual([
      [0, 'dropped'],
      [409, 'ok'],
    ]);
  });

  it('never fails writes that did not commit, nor reads', async () => {
    await t.control.configure({ commitThenFail: { mode: 'status', routes: ['POST /api/v2/users', 'GET /api/v2/roles'] } });
    const rejected = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: { connection: 'Nope', email: uniqueEmail(), password: STRONG_PASSWORD } });
    expect(rejected.status).toBe(400);
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token })).status).toBe(200);
    const committed = await api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: { connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD } });
    expect(committed.status).toBe(503);
    expect((await t.control.users()).length).toBe(1);
  });
});

describe('search index lag', () => {
  it('hides new users, shows old values of changed users and keeps deleted users until the lag has passed', async () => {
    await t.control.configure({ searchLagMs: 400 });
    const client = sdk(t.emulator);
    const search = async (q: string) => (await client.users.list({ q, search_engine: 'v3' })).data;

    const user = await createUser(t.emulator, t.token, { name: 'Before Name' });
    const byId = `user_id:"${user.user_id}"`;
    expect(await search(byId)).toEqual([]);
    expect((await client.users.get(user.user_id)).user_id).toBe(user.user_id);
    expect(await client.users.listUsersByEmail({ email: user.email })).toHaveLength(1);
    expect((await t.control.users()).map((stored) => stored.user_id)).toEqual([user.user_id]);
    await sleep(450);
    expect((await search(byId)).map((found) => found.name)).toEqual(['Before Name']);

    await client.users.update(user.user_id, { name: 'After Name' });
    expect((await search(byId)).map((found) => found.name)).toEqual(['Before Name']);
    await sleep(450);
    expect((await search(byId)).map((found) => found.name)).toEqual(['After Name']);

    await client.users.delete(user.user_id);
    expect(await search(byId)).toHaveLength(1);
    await sleep(450);
    expect(await search(byId)).toEqual([]);
  });
});
