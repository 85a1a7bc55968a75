// A queue's planned job insert (PlannedJobInsert, pg-boss's own statement) spliced into a store's statement,
// so the jobs commit with the row they belong to in one round trip (docs/design.md "Employee store").
import { Prisma } from '../generated/prisma/client.ts';
import type { PlannedJobInsert } from '../services/provisioning-queue.ts';

/**
 * The two shapes pg-boss 12 plans: a plain `INSERT ...`, or for a queue that notifies, `WITH ins AS
 * (INSERT ...), notified AS (SELECT pg_notify ...) SELECT id FROM ins WHERE (SELECT count(*) FROM notified) ...`.
 */
const NOTIFYING_INSERT =
  /^\s*WITH\s+(ins AS \([\s\S]*\),\s*notified AS \([\s\S]*\))\s*SELECT id FROM ins WHERE \(SELECT count\(\*\) FROM notified\) (?:>=|<) 0\s*$/;

/**
 * The planned insert as CTEs for the caller's WITH list (named `ins` and `notified`, or `queued_job`: the
 * caller's own CTEs take other names), and a condition that is always true and goes in the final
 * statement's WHERE, where it makes PostgreSQL run the wake-up NOTIFY. Throws for a shape it does not
 * know (checked when the queue starts), rather than run it wrongly.
 */
export function jobInsertCtes(planned: PlannedJobInsert): { ctes: Prisma.Sql; evaluated: Prisma.Sql } {
  const notifying = NOTIFYING_INSERT.exec(planned.text);
  const plain = /^\s*INSERT INTO /.test(planned.text);
  if (!notifying && !plain) throw new Error('pg-boss insert has an unknown shape; src/store/job-insert.ts needs updating');
  const parts = (notifying ? notifying[1]! : `queued_job AS (${planned.text})`).split(/\$1(?!\d)/);
  if (parts.some((part) => /\$\d/.test(part))) throw new Error('pg-boss insert has more than one parameter; src/store/job-insert.ts needs updating');
  return {
    ctes: new Prisma.Sql(parts, Array.from({ length: parts.length - 1 }, () => planned.payload)),
    evaluated: notifying ? Prisma.sql`(SELECT count(*) FROM notified) >= 0` : Prisma.sql`TRUE`,
  };
}

/**
 * `WITH <the jobs>, <ctes> <final>`: `final` gets the condition its WHERE must hold for the jobs' NOTIFY
 * to run (TRUE when there is none). Without jobs or CTEs, `final` alone.
 */
export function withJobs(jobs: PlannedJobInsert | null, ctes: readonly Prisma.Sql[], final: (jobsWritten: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const job = jobs ? jobInsertCtes(jobs) : null;
  const all = [...(job ? [job.ctes] : []), ...ctes];
  const statement = final(job?.evaluated ?? Prisma.sql`TRUE`);
  return all.length > 0 ? Prisma.sql`WITH ${Prisma.join(all)} ${statement}` : statement;
}
