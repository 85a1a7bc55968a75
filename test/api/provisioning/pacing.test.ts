// The Auth0 pacer (src/auth0/rate-limit-pacer.ts) against the emulator's presets through the official SDK:
// at real speed it measures the refill rate and keeps the bucket from answering 429; on a plan with one
// Management API bucket every call reserves from it; a 429 it did not prevent is retried after its own wait.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '../../../src/db/prisma-client.ts';
import { pacedFetch, RateLimitPacer } from '../../../src/auth0/rate-limit-pacer.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

const createUsers = async (gateway: TestGateway, count: number, concurrency: number) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        await gateway.identityProvider.createUser({ email: uniqueEmail('paced'), name: 'Paced Person', employeeId: randomUUID(), verifyEmail: false });
      }
    }),
  );
};

const tooManyRequests = async (gateway: TestGateway) =>
  Object.values((await gateway.control.requests()).statuses).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);

describe('Auth0 pacing', () => {
  it('at real speed (essentials x2) measures the write bucket\'s refill rate over a window and gets no 429', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ workers: false, maxRetries: 0 });
    try {
      await gateway.control.configure({ preset: 'essentials', timeScale: 2 });
      // 20 burst, then 40 more at 200 per minute x2 = 6.7 per s: about 6 s, two bucketfuls of refill.
      await createUsers(gateway, 60, 6);
      expect(await tooManyRequests(gateway)).toBe(0);
      const host = new URL(gateway.emulator.url).host;
      const bucket = await gateway.prisma.auth0RateLimitBucket.findUniqueOrThrow({ where: { key: `${host} users:write` } });
      expect(bucket.rateMeasured).toBe(true);
      expect(bucket.refillPerSec).toBeGreaterThan((200 / 60) * 2 * 0.85);
      expect(bucket.refillPerSec).toBeLessThan((200 / 60) * 2 * 1.1);
      expect(gateway.pacer!.sharesOneBucket(host)).toBe(false);
    } finally {
      await gateway.close();
    }
  });

  it('on a plan with one global bucket (free) reserves every group\'s calls from it', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ workers: false, maxRetries: 0 });
    try {
      await gateway.control.configure({ preset: 'free', timeScale: 2 });
      const host = new URL(gateway.emulator.url).host;
      // A users write and an "other" call (the start-up probe ran before the preset) report the same limit.
      const first = await gateway.identityProvider.createUser({ email: uniqueEmail('global'), name: 'Global Person', employeeId: randomUUID(), verifyEmail: false });
      expect(gateway.pacer!.sharesOneBucket(host)).toBe(false);
      await gateway.identityProvider.assignRoleToUsers('production_associate', [first.userId]);
      expect(gateway.pacer!.sharesOneBucket(host)).toBe(true);
      expect(gateway.pacer!.keyFor(host, 'users:write')).toBe(`${host} global`);
      // Creates and role calls (users writes, other endpoints) one after the other, at 2 per s x2.
      for (let i = 0; i < 6; i += 1) {
        const user = await gateway.identityProvider.createUser({ email: uniqueEmail('global'), name: 'Global Person', employeeId: randomUUID(), verifyEmail: false });
        await gateway.identityProvider.assignRoleToUsers('production_associate', [user.userId]);
      }
      expect(await tooManyRequests(gateway)).toBeLessThanOrEqual(1);
      expect(await gateway.prisma.auth0RateLimitBucket.count({ where: { key: `${host} global` } })).toBe(1);
    } finally {
      await gateway.close();
    }
  });

  it('retries a 429 itself after a paced wait, and hands it to the SDK after its retries', async () => {
    const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
    try {
      const pacer = new RateLimitPacer(prisma, { retries429: 2 });
      const tenant = `pacer-${randomUUID()}.example`;
      const answers = [429, 429, 429, 201];
      const sent: string[] = [];
      const send: typeof fetch = async (_input, init) => {
        sent.push(String(init?.body));
        const status = answers.shift()!;
        const reset = String(Math.ceil(Date.now() / 1000) + 1);
        return new Response('{}', { status, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': status === 429 ? '0' : '5', 'x-ratelimit-reset': reset } });
      };
      const paced = pacedFetch(pacer, tenant, send);
      const first = await paced(`https://${tenant}/api/v2/users`, { method: 'POST', body: '{"email":"a@example.com"}' });
      expect(first.status).toBe(429);
      expect(sent).toHaveLength(3);
      expect(sent.every((body) => body === '{"email":"a@example.com"}')).toBe(true);
      const second = await paced(`https://${tenant}/api/v2/users`, { method: 'POST', body: '{"email":"b@example.com"}' });
      expect(second.status).toBe(201);
      expect(pacer.stats.retried429).toBe(2);
    } finally {
      await prisma.$disconnect();
    }
  });
});
