// An identity provider's initial sync, as a burst of SCIM creates against an emulator with small limits:
// no 429 reaches the client, each user is created once, and once the tenant's write bucket is in use the
// creates go to the queue and the roles go in batches (createEmployee, tenantBusy). And the request audit rows,
// written as the answers go out, are all there after the gateway closes.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startTestGateway } from '../../helpers/gateway.ts';
import { scimClient, scimTokenFor } from '../../helpers/scim.ts';

const USERS = 60;
const AT_ONCE = 5;

describe('SCIM bursts', () => {
  it('syncs 60 users 5 at a time under essentials limits: no 429 to the client, one POST /users each, roles in batches', { timeout: 120_000 }, async () => {
    const gateway = await startTestGateway({ retry: { limit: 10, delaySeconds: 1, delayMaxSeconds: 3 } });
    try {
      const scim = scimClient(gateway, (await scimTokenFor(gateway, `okta-burst-${crypto.randomUUID().slice(0, 8)}`)).token);
      // The write-users bucket at real speed: 20 at once, then 200 a minute, slower than this client sends.
      await gateway.control.configure({ preset: 'essentials', timeScale: 1 });
      const stamp = crypto.randomUUID().slice(0, 8);
      const emails = Array.from({ length: USERS }, (_, i) => `burst.${stamp}.${i}@warehouse-example.com`);
      const statuses: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          while (next < emails.length) {
            const email = emails[next++]!;
            const found = await scim.send('GET', `/Users?filter=${encodeURIComponent(`userName eq "${email}"`)}`);
            const made = await scim.send('POST', '/Users', { userName: email, name: { formatted: `Burst ${email}` }, emails: [{ value: email, primary: true }], externalId: `00u${email}`, active: true });
            statuses.push(found.status, made.status);
          }
        }),
      );
      expect(statuses.filter((status) => status === 429)).toEqual([]);
      expect(statuses.filter((status) => status === 201)).toHaveLength(USERS);

      await expect
        .poll(() => gateway.prisma.employee.count({ where: { email: { in: emails }, auth0SyncStatus: 'CREATED' } }), { timeout: 90_000, interval: 250 })
        .toBe(USERS);
      const { counts, statuses: auth0 } = await gateway.control.requests();
      const batched = counts['POST /api/v2/roles/:id/users'] ?? 0;
      const single = counts['POST /api/v2/users/:id/roles'] ?? 0;
      const tooMany = Object.values(auth0).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);
      console.info(`SCIM burst: ${USERS} users, ${counts['POST /api/v2/users']} POST /users, ${single} own role calls, ${batched} role batches, ${tooMany} Auth0 429s`);
      expect(counts['POST /api/v2/users']).toBe(USERS);
      // Only creates that met a quiet tenant (the bucket's first burst) assign their own role.
      expect(batched).toBeGreaterThan(0);
      expect(single).toBeLessThan(USERS / 3);
      expect(tooMany).toBeLessThanOrEqual(2);
      const rolesByEmail = new Map((await gateway.control.users()).map((user) => [user.email, user.roles]));
      expect(emails.map((email) => rolesByEmail.get(email))).toEqual(emails.map(() => expect.arrayContaining(['production_associate'])));
    } finally {
      await gateway.close();
    }
  });

  it('answers without waiting for the request audit rows, and writes every one of them by the time the gateway has closed', async () => {
    const gateway = await startTestGateway({ workers: false });
    const url = (await gateway.composition.database()).url;
    const tokenName = `audit-drain-${crypto.randomUUID().slice(0, 8)}`;
    const scim = scimClient(gateway, (await scimTokenFor(gateway, tokenName)).token);
    await scim.send('GET', '/Users?count=1');
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    const count = async () =>
      (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'SCIM_REQUEST' AND actor = $1`, [`scim:${tokenName}`])).rows[0]!.n;
    try {
      await expect.poll(count).toBe(1);
      // Inserts into the audit table wait for this lock: the answers must not.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE "AuditEvent" IN EXCLUSIVE MODE');
      const answers = await Promise.all(Array.from({ length: 20 }, () => scim.send('GET', '/Users?count=1')));
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
      const closed = gateway.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await locker.query('COMMIT');
      await closed;
      expect(await count()).toBe(21);
    } finally {
      await locker.end();
      await gateway.close();
    }
  });
});
