// A job written as part of the caller's own statement (PgBossQueue.plannedInsert, spliced by the store's
// jobInsertCtes): it commits with that statement or not at all, keeps the queue's one-job-per-employee rule,
// and still wakes the workers.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { createPrismaClient } from '../../src/db/prisma-client.ts';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { jobInsertCtes, withJobs } from '../../src/store/job-insert.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const SCHEMA = `pgboss_jis_${process.pid}_${Date.now().toString(36)}`;

describe('jobs inserted by the caller’s statement', () => {
  let queue: PgBossQueue;
  const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
  const listener = new pg.Client({ connectionString: testDatabaseUrl() });
  const notifications: string[] = [];

  beforeAll(async () => {
    queue = await PgBossQueue.start(
      { connectionString: testDatabaseUrl(), schema: SCHEMA, retryLimit: 3, retryDelaySeconds: 1, retryDelayMaxSeconds: 5, maxConnections: 2 },
      () => undefined,
    );
    await listener.connect();
    const { rows } = await listener.query<{ channel: string }>(
      `SELECT 'pgboss_' || left(encode(sha224($1::bytea), 'hex'), 24) AS channel`,
      [SCHEMA],
    );
    listener.on('notification', (message) => notifications.push(message.payload ?? ''));
    await listener.query(`LISTEN "${rows[0]!.channel}"`);
  });

  afterAll(async () => {
    await queue.stop();
    await listener.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await listener.end();
    await prisma.$disconnect();
  });

  const jobsOf = async (kind: 'provision-employee' | 'send-invitation', employeeId: string) =>
    queue.boss.findJobs<{ employeeId: string }>(queue.nameOf(kind), { key: employeeId });

  it('commits the job with the statement and wakes the workers of a notifying queue', async () => {
    const employeeId = crypto.randomUUID();
    const job = jobInsertCtes(await queue.plannedInsert('provision-employee', [employeeId]));
    const rows = await prisma.$queryRaw<{ ok: number }[]>`WITH ${job.ctes} SELECT 1 AS ok WHERE ${job.evaluated}`;
    expect(rows).toEqual([{ ok: 1 }]);
    const jobs = await jobsOf('provision-employee', employeeId);
    expect(jobs.map((found) => found.data)).toEqual([{ employeeId }]);
    await expect.poll(() => notifications).toContain('provision-employee');
  });

  it('delays the job and does not wake anyone for it', async () => {
    notifications.length = 0;
    const employeeId = crypto.randomUUID();
    const job = jobInsertCtes(await queue.plannedInsert('provision-employee', [employeeId], { delaySeconds: 30 }));
    await prisma.$queryRaw`WITH ${job.ctes} SELECT 1 WHERE ${job.evaluated}`;
    const [found] = await jobsOf('provision-employee', employeeId);
    expect(found!.startAfter.getTime() - Date.now()).toBeGreaterThan(25_000);
    // A notify for the delayed job would have come with the commit; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(notifications).toEqual([]);
  });

  it('writes no job when the statement fails, and never a second job for one employee', async () => {
    const employeeId = crypto.randomUUID();
    const job = jobInsertCtes(await queue.plannedInsert('send-invitation', [employeeId]));
    await expect(prisma.$queryRaw`WITH ${job.ctes}, boom AS (SELECT 1 / 0 AS never) SELECT * FROM boom WHERE ${job.evaluated}`).rejects.toThrow(
      /division by zero/,
    );
    expect(await jobsOf('send-invitation', employeeId)).toEqual([]);

    for (let i = 0; i < 2; i += 1) {
      const again = jobInsertCtes(await queue.plannedInsert('send-invitation', [employeeId]));
      await prisma.$executeRaw`WITH ${again.ctes} SELECT 1 WHERE ${again.evaluated}`;
    }
    expect(await jobsOf('send-invitation', employeeId)).toHaveLength(1);
  });

  it('inserts jobs for several employees in one statement', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const job = jobInsertCtes(await queue.plannedInsert('provision-employee', ids));
    await prisma.$executeRaw`WITH ${job.ctes} SELECT 1 WHERE ${job.evaluated}`;
    for (const employeeId of ids) expect(await jobsOf('provision-employee', employeeId)).toHaveLength(1);
  });

  it('refuses an insert of a shape it does not know, rather than run it wrongly', () => {
    expect(() => jobInsertCtes({ text: 'DELETE FROM pgboss.job', payload: '[]' })).toThrow(/unknown shape/);
    expect(() => jobInsertCtes({ text: 'INSERT INTO pgboss.job SELECT $1::json, $2', payload: '[]' })).toThrow(/more than one parameter/);
    expect(jobInsertCtes({ text: 'INSERT INTO pgboss.job SELECT $1::json, $1::json', payload: '[]' }).ctes.values).toEqual(['[]', '[]']);
    expect(Prisma.sql`${jobInsertCtes({ text: 'INSERT INTO pgboss.job SELECT $1::json', payload: '[]' }).ctes}`.text).toBe(
      'queued_job AS (INSERT INTO pgboss.job SELECT $1::json)',
    );
  });

  it('leaves the statement as it is when the queue keeps no jobs in the database (the test fake)', () => {
    expect(withJobs(null, [], (jobsWritten) => Prisma.sql`SELECT 1 WHERE ${jobsWritten}`).text).toBe('SELECT 1 WHERE TRUE');
    expect(withJobs(null, [Prisma.sql`a AS (SELECT 1)`], (jobsWritten) => Prisma.sql`SELECT * FROM a WHERE ${jobsWritten}`).text).toBe(
      'WITH a AS (SELECT 1) SELECT * FROM a WHERE TRUE',
    );
  });
});
