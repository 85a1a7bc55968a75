// The search indexes of the employee list (migration employee_search_and_order_indexes): pg_trgm and the
// trigram GIN indexes exist after migrating, the planner answers the very SQL Prisma sends for
// employees(filter: { search }) from them, and search still finds what it found before.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { PrismaClient as LoggingPrismaClient } from '../../src/generated/prisma/client.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import { employeeWhere } from '../../src/schema/employee/employees.query.ts';
import { testDatabaseUrl, withScratchDatabase } from '../helpers/database.ts';

let db: pg.Client;
let prisma: PrismaClient;
// Digits only: the emails' letters are the fixed parts below, so short terms match predictably.
const tag = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;

beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
  await prisma.employee.createMany({
    data: [
      { name: 'Siobhán Ó Briain', email: `siobhan.obriain.${tag}@warehouse-example.com`, department: `Search ${tag}` },
      { name: 'Lars Andersen', email: `l.andersen.${tag}@warehouse-example.com`, department: `Search ${tag}` },
      { name: 'Li Wei', email: `wei.li.${tag}@warehouse-example.com`, department: `Search ${tag}` },
    ],
  });
});
afterAll(async () => {
  await prisma?.employee.deleteMany({ where: { department: `Search ${tag}` } });
  await prisma?.$disconnect();
  await db?.end();
});

describe('employee search indexes', () => {
  it('the migrations create the pg_trgm extension and trigram GIN indexes on name and email', async () => {
    const extensions = await db.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(extensions.rows).toHaveLength(1);
    const indexes = await db.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'Employee' AND indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname`,
    );
    expect(indexes.rows.map((row) => row.indexname)).toEqual(['Employee_email_trgm_idx', 'Employee_name_trgm_idx']);
    expect(indexes.rows.map((row) => row.indexdef.replace(/^.* USING /, ''))).toEqual(['gin (email gin_trgm_ops)', 'gin (name gin_trgm_ops)']);
  });

  it('the planner answers the SQL Prisma sends for a selective search from both trigram indexes', async () => {
    await withScratchDatabase(
      async (databaseUrl) => {
        const scratch = new pg.Client({ connectionString: databaseUrl });
        await scratch.connect();
        const statements: { query: string; params: string }[] = [];
        const logging = new LoggingPrismaClient({
          adapter: new PrismaPg({ connectionString: databaseUrl, max: 1 }),
          log: [{ emit: 'event', level: 'query' }],
        });
        logging.$on('query', (event) => statements.push({ query: event.query, params: event.params }));
        try {
          // Enough rows that a sequential scan costs more than the indexes, and one Andersen among them.
          await scratch.query(`INSERT INTO "Employee" (id, name, email, department, "updatedAt")
            SELECT gen_random_uuid(), 'Person Number ' || i, 'person.' || i || '@warehouse-example.com', 'Picking', now()
            FROM generate_series(1, 20000) AS i`);
          await scratch.query(`INSERT INTO "Employee" (id, name, email, department, "updatedAt")
            VALUES (gen_random_uuid(), 'Lars Andersen', 'l.andersen@warehouse-example.com', 'Picking', now())`);
          // VACUUM also moves the GIN indexes' pending list into the index proper, as autovacuum would.
          await scratch.query('VACUUM ANALYZE "Employee"');
          const found = await logging.employee.findMany({
            where: employeeWhere({ search: 'AnderS' }),
            orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
            take: 21,
          });
          expect(found.map((employee) => employee.name)).toEqual(['Lars Andersen']);
          const search = statements.find((statement) => /ILIKE/i.test(statement.query));
          expect(search, JSON.stringify(statements)).toBeDefined();
          const plan = await scratch.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${search!.query}`, JSON.parse(search!.params) as unknown[]);
          const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
          expect(text).toContain('Bitmap Index Scan on "Employee_name_trgm_idx"');
          expect(text).toContain('Bitmap Index Scan on "Employee_email_trgm_idx"');
          expect(text).not.toContain('Seq Scan');
        } finally {
          await logging.$disconnect();
          await scratch.end();
        }
      },
      { migrate: true },
    );
  });

  it('finds by a case-insensitive part of the name or the email, also with 1-2 characters (no trigram: a scan)', async () => {
    const names = async (search: string) =>
      (
        await prisma.employee.findMany({
          where: { AND: [employeeWhere({ search }), { department: `Search ${tag}` }] },
          orderBy: { name: 'asc' },
        })
      ).map((employee) => employee.name);
    expect(await names('ANDERSEN')).toEqual(['Lars Andersen']);
    expect(await names('siobhán ó')).toEqual(['Siobhán Ó Briain']);
    expect(await names(`obriain.${tag}`)).toEqual(['Siobhán Ó Briain']);
    expect(await names('lI')).toEqual(['Li Wei']);
    expect(await names('B')).toEqual(['Siobhán Ó Briain']);
  });
});
