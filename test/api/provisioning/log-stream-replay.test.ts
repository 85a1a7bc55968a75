// The Auth0 log-stream webhook applies each event once and only while it is recent: a replayed body (same
// log_id) and an event dated more than 10 minutes away change nothing, so an old `sv` cannot mark VERIFIED
// an employee whose address has changed since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

const SECRET = 'log-stream-replay-secret';

describe('log-stream webhook: replays and stale events', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false, logStreamAuthorization: SECRET });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const created = async (label: string) =>
    gateway.prisma.employee.create({
      data: { name: 'Log Replay', email: uniqueEmail(label), department: 'Picking', auth0UserId: `auth0|${crypto.randomUUID()}`, auth0SyncStatus: 'CREATED' },
    });
  const event = (userId: string, date: Date | undefined, logId = `900${Date.now()}${Math.random().toString().slice(2, 10)}`) => ({
    log_id: logId,
    data: { type: 'sv', user_id: userId, log_id: logId, ...(date ? { date: date.toISOString() } : {}) },
  });
  const post = async (body: unknown) => {
    const response = await gateway.app.fetch('http://gateway.test/webhooks/auth0', {
      method: 'POST',
      headers: { authorization: SECRET, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  const statusOf = async (id: string) => (await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus;

  it('applies an event once: the same body posted again does nothing', async () => {
    const employee = await created('replay');
    const body = [event(employee.auth0UserId!, new Date())];
    expect(await post(body)).toEqual({ received: 1, verified: 1, invitationsFailed: 0, duplicates: 0, stale: 0 });
    expect(await statusOf(employee.id)).toBe('VERIFIED');

    // The address changed since (unverified again); the old event, replayed, must not verify the new one.
    await gateway.prisma.employee.update({ where: { id: employee.id }, data: { auth0SyncStatus: 'CREATED' } });
    expect(await post(body)).toEqual({ received: 1, verified: 0, invitationsFailed: 0, duplicates: 1, stale: 0 });
    expect(await statusOf(employee.id)).toBe('CREATED');
  });

  it('drops events dated more than 10 minutes away, or not dated at all', async () => {
    const employee = await created('stale');
    const old = event(employee.auth0UserId!, new Date(Date.now() - 11 * 60_000));
    const future = event(employee.auth0UserId!, new Date(Date.now() + 11 * 60_000));
    const undated = event(employee.auth0UserId!, undefined);
    expect(await post([old, future, undated])).toEqual({ received: 3, verified: 0, invitationsFailed: 0, duplicates: 0, stale: 3 });
    expect(await statusOf(employee.id)).toBe('CREATED');

    expect(await post([event(employee.auth0UserId!, new Date(Date.now() - 9 * 60_000))])).toMatchObject({ verified: 1 });
    expect(await statusOf(employee.id)).toBe('VERIFIED');
  });
});
