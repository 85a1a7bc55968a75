// Two things SCIM shares with GraphQL: the effective dates (the gateway's own extension schema, since the
// enterprise one has none) and the per-caller share of Auth0-bound changes (429 with Retry-After).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { scimClient, scimTokenFor, type ScimClient } from '../../helpers/scim.ts';

const DATES = 'urn:ietf:params:scim:schemas:extension:employeeGateway:2.0:User';

describe('SCIM dates and share', () => {
  let gateway: TestGateway;
  let scim: ScimClient;

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 3000 }, callerLimits: { points: 3, windowSeconds: 3600 } });
    scim = scimClient(gateway, (await scimTokenFor(gateway, `hr-${crypto.randomUUID().slice(0, 8)}`, 'MANAGER')).token);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('takes startDate and endDate from the gateway extension, shows them, clears one with null, and refuses a bad one', async () => {
    const email = uniqueEmail('scim-dates');
    const created = await scim.send('POST', '/Users', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', DATES],
      userName: email,
      name: { formatted: 'Dana Dates' },
      emails: [{ value: email, type: 'work' }],
      [DATES]: { startDate: '2031-03-02', endDate: '2031-09-30' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body!.id as string;
    expect(created.body![DATES]).toEqual({ startDate: '2031-03-02', endDate: '2031-09-30' });
    const stored = await gateway.prisma.employee.findUniqueOrThrow({ where: { id } });
    expect(stored.startDate?.toISOString().slice(0, 10)).toBe('2031-03-02');
    expect(stored.scheduledDeactivationAt).not.toBeNull();
    expect(stored.invitationScheduledAt).not.toBeNull();

    const cleared = await scim.send('PUT', `/Users/${id}`, {
      userName: email,
      name: { formatted: 'Dana Dates' },
      emails: [{ value: email, type: 'work' }],
      [DATES]: { endDate: null },
    });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body![DATES]).toEqual({ startDate: '2031-03-02' });
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).scheduledDeactivationAt).toBeNull();

    const bad = await scim.send('PUT', `/Users/${id}`, { userName: email, emails: [{ value: email, type: 'work' }], [DATES]: { endDate: '2031-01-01' } });
    expect(bad.status).toBe(400);
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).endDate).toBeNull();
  });

  it('answers 429 with Retry-After once the token has spent its share, and changes nothing', async () => {
    // The first test spent 3 points (POST and two PUTs); the share is 3.
    const email = uniqueEmail('scim-share');
    const refused = await scim.send('POST', '/Users', { userName: email, emails: [{ value: email, type: 'work' }] });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await gateway.prisma.employee.findFirst({ where: { email } })).toBeNull();
    expect((await scim.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`)).status).toBe(200);
  });
});
