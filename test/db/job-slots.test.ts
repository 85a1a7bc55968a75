// PROVISIONING_CONCURRENCY bounds the jobs a process works at once, all kinds together (job-slots.ts):
// pg-boss bounds each queue alone, so an import used to have its creations, its invitations and its role
// batch in flight side by side. Real queue (pg-boss in this run's database), real workers; the use cases
// are stand-ins that count how many run at once.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/prisma-client.ts';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { startProvisioningWorkers, type WorkerServices } from '../../src/jobs/provisioning-workers.ts';
import { createLogger } from '../../src/logger.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const SCHEMA = `pgboss_slots_${process.pid}_${Date.now().toString(36)}`;
const CONCURRENCY = 2;

describe('job slots', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  });

  it('works at most PROVISIONING_CONCURRENCY jobs at once across kinds, and uses them all', { timeout: 90_000 }, async () => {
    const queue = await PgBossQueue.start(
      { connectionString: testDatabaseUrl(), schema: SCHEMA, retryLimit: 2, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, maxConnections: 4 },
      () => undefined,
    );
    const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
    let running = 0;
    let most = 0;
    const done: string[] = [];
    const counted = async <T>(what: string, result: T): Promise<T> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 150));
      running -= 1;
      done.push(what);
      return result;
    };
    const unexpected = () => Promise.reject(new Error('not queued by this test'));
    const services: WorkerServices = {
      provisionEmployee: (_actor, id) => counted(`provision ${id}`, { kind: 'role-queued' as const }),
      sendInvitation: (_actor, id) => counted(`invite ${id}`, { kind: 'sent' as const }),
      assignNewUserRoles: (_actor, ids) => counted(`roles ${ids.length}`, { transient: null, credentialsRejected: false }),
      syncEmployeeAccount: (_actor, id) => counted(`account ${id}`, { kind: 'role-queued' as const }),
      markFailed: unexpected,
      syncEmployeeRole: unexpected,
      checkVerifiedEmails: unexpected,
      runScheduledDeactivation: unexpected,
    };
    const stop = await startProvisioningWorkers(
      queue,
      { prisma, settings: { leaseMs: 30_000 }, services },
      { concurrency: CONCURRENCY, pollingIntervalSeconds: 0.5, sweepIntervalSeconds: 0, verificationCheckIntervalSeconds: 0, roleBatchSize: 5, roleBatchWindowMs: 0 },
      createLogger('silent'),
    );
    try {
      const ids = (count: number) => Array.from({ length: count }, () => crypto.randomUUID());
      // Each kind alone has CONCURRENCY workers taking two jobs a fetch: without the shared bound, four kinds
      // would run up to 4 x CONCURRENCY at once.
      await queue.enqueueMany(null, 'provision-employee', ids(10));
      await queue.enqueueMany(null, 'send-invitation', ids(10));
      await queue.enqueueMany(null, 'sync-employee-account', ids(10));
      await queue.enqueueMany(null, 'assign-new-user-role', ids(10));
      await expect.poll(() => done.filter((what) => !what.startsWith('roles')).length, { timeout: 60_000, interval: 200 }).toBe(30);
      await expect.poll(() => done.some((what) => what.startsWith('roles')), { timeout: 30_000, interval: 200 }).toBe(true);
      expect(most).toBe(CONCURRENCY);
    } finally {
      await stop();
      await queue.stop();
      await prisma.$disconnect();
    }
  });
});
