// Queues keep the options they were created with: a deployment whose queues predate heartbeats gets
// them when a process of this version starts (pg-boss updateQueue), and new queues are created with them.
import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { JOB_KINDS } from '../../src/services/provisioning-queue.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const SCHEMA = `pgboss_hb_${process.pid}_${Date.now().toString(36)}`;

describe('queue heartbeats', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.end();
  });

  it('are set on existing queues created without them, and on new ones', async () => {
    // The previous version: queues created with the job timeout only.
    const old = new PgBoss({ connectionString: testDatabaseUrl(), schema: SCHEMA, max: 2 });
    old.on('error', () => undefined);
    await old.start();
    await old.createQueue('old_provision-employee', { policy: 'exclusive', expireInSeconds: 300 });
    expect((await old.getQueue('old_provision-employee'))?.heartbeatSeconds ?? null).toBeNull();
    await old.stop({ graceful: false });

    const settings = { connectionString: testDatabaseUrl(), schema: SCHEMA, retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 5, maxConnections: 2 };
    const upgraded = await PgBossQueue.start({ ...settings, queuePrefix: 'old_' }, () => undefined);
    try {
      for (const kind of JOB_KINDS) expect((await upgraded.boss.getQueue(`old_${kind}`))?.heartbeatSeconds).toBe(20);
    } finally {
      await upgraded.stop();
    }

    const custom = await PgBossQueue.start({ ...settings, queuePrefix: 'old_', heartbeatSeconds: 45 }, () => undefined);
    try {
      expect((await custom.boss.getQueue('old_provision-employee'))?.heartbeatSeconds).toBe(45);
    } finally {
      await custom.stop();
    }
  });

  it('keeps a role batch\'s extra jobs alive while the batch waits longer than the heartbeat', { timeout: 60_000 }, async () => {
    const queue = await PgBossQueue.start(
      { connectionString: testDatabaseUrl(), schema: SCHEMA, retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 5, maxConnections: 3, queuePrefix: 'long_', heartbeatSeconds: 10 },
      () => undefined,
    );
    try {
      const first = crypto.randomUUID();
      const second = crypto.randomUUID();
      const handled: string[][] = [];
      const waitUntil = Date.now() + 24_000;
      await queue.enqueue(null, 'assign-new-user-role', first);
      await queue.workBatch(
        'assign-new-user-role',
        { batchSize: 10, pollingIntervalSeconds: 0.5, windowMs: 30_000, checkMs: 500, moreComing: async () => Date.now() < waitUntil },
        async (jobs) => void handled.push(jobs.map((job) => job.data.employeeId)),
      );
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await queue.enqueue(null, 'assign-new-user-role', second);
      // Past the heartbeat (10 s) and a supervision pass: an untouched extra job would have been failed for retry.
      await expect.poll(() => handled, { timeout: 40_000, interval: 500 }).toHaveLength(1);
      expect(handled[0]!.sort()).toEqual([first, second].sort());
      const [job] = await queue.boss.findJobs<{ employeeId: string }>(queue.nameOf('assign-new-user-role'), { key: second });
      expect(job!.state).toBe('completed');
      expect(job!.retryCount).toBe(0);
    } finally {
      await queue.stop();
    }
  });
});
