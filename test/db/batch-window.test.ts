// PgBossQueue.workBatch's window: a batch waits to fill while more is on its way, except a batch holding a
// retried job, which has waited already (its backoff, or the heartbeat of a process that died holding it).
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const SCHEMA = `pgboss_bw_${process.pid}_${Date.now().toString(36)}`;

describe('batch window', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  });

  it('waits while more is on its way, but sends a retried batch at once', { timeout: 60_000 }, async () => {
    const queue = await PgBossQueue.start(
      { connectionString: testDatabaseUrl(), schema: SCHEMA, retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 1, maxConnections: 3 },
      () => undefined,
    );
    try {
      const employeeId = crypto.randomUUID();
      const attempts: number[] = [];
      const started = performance.now();
      await queue.workBatch(
        'assign-new-user-role',
        { batchSize: 10, pollingIntervalSeconds: 0.5, windowMs: 20_000, checkMs: 200, moreComing: async () => true },
        async (jobs) => {
          attempts.push((performance.now() - started) / 1000);
          if (attempts.length === 1) throw new Error(`Auth0 unavailable for ${jobs.length} job(s)`);
        },
      );
      await queue.enqueue(null, 'assign-new-user-role', employeeId);
      // The first attempt waits out the window (more is "on its way"); the retry, a second later, does not.
      await expect.poll(() => attempts.length, { timeout: 40_000, interval: 200 }).toBe(2);
      expect(attempts[0]).toBeGreaterThan(19);
      expect(attempts[1]! - attempts[0]!).toBeLessThan(8);
      const [job] = await queue.boss.findJobs(queue.nameOf('assign-new-user-role'), { key: employeeId });
      expect(job!.state).toBe('completed');
    } finally {
      await queue.stop();
    }
  });
});
