// Named (prepared) statements in the gateway's Prisma client (src/db/prisma-client.ts): what gets a name,
// what does not, the switch that turns them off, and why raw statements list Employee's columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { createPrismaClient, MAX_NAMED_STATEMENT_PARAMETERS, type PrismaClient } from '../../src/db/prisma-client.ts';
import { EMPLOYEE_COLUMNS } from '../../src/store/employee-row.ts';
import { testDatabaseUrl, withScratchDatabase } from '../helpers/database.ts';

/** The statements this client's one connection has prepared, by text. */
async function preparedOn(prisma: PrismaClient): Promise<{ name: string; statement: string }[]> {
  return prisma.$queryRaw`SELECT name, statement FROM pg_prepared_statements`;
}

describe('prepared statements', () => {
  let named: PrismaClient;
  let unnamed: PrismaClient;
  beforeAll(() => {
    // One connection each, so pg_prepared_statements (per session) shows what the client prepared.
    named = createPrismaClient(testDatabaseUrl(), { maxConnections: 1 });
    unnamed = createPrismaClient(testDatabaseUrl(), { maxConnections: 1, preparedStatements: false });
  });
  afterAll(async () => {
    await named?.$disconnect();
    await unnamed?.$disconnect();
  });

  it('names a statement once per text and runs it again by that name', async () => {
    for (let i = 0; i < 3; i += 1) await named.$queryRaw`SELECT count(*)::int AS n FROM "Employee" WHERE department = ${`prepared-${i}`}`;
    const mine = (await preparedOn(named)).filter((row) => row.statement.includes('department = $1'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.name).toMatch(/^gateway_\d+$/);
  });

  it('leaves bulk statements (many parameters) unnamed', async () => {
    const values = Array.from({ length: MAX_NAMED_STATEMENT_PARAMETERS + 1 }, (_, i) => Prisma.sql`(${i}::int)`);
    await named.$queryRaw`SELECT count(*)::int AS n FROM (VALUES ${Prisma.join(values)}) AS bulk(v)`;
    expect((await preparedOn(named)).some((row) => row.statement.includes('AS bulk(v)'))).toBe(false);
  });

  it('names nothing with preparedStatements: false (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    for (let i = 0; i < 2; i += 1) await unnamed.$queryRaw`SELECT count(*)::int AS n FROM "Employee" WHERE name = ${`unnamed-${i}`}`;
    expect(await preparedOn(unnamed)).toEqual([]);
  });

  it('keeps a prepared statement with the listed columns working after a migration adds a column; `*` would not', async () => {
    await withScratchDatabase(
      async (databaseUrl) => {
        const prisma = createPrismaClient(databaseUrl, { maxConnections: 1 });
        try {
          const listed = () => prisma.$queryRaw`SELECT ${EMPLOYEE_COLUMNS} FROM "Employee" WHERE id = ${'00000000-0000-0000-0000-000000000000'}::uuid`;
          const star = () => prisma.$queryRaw`SELECT * FROM "Employee" WHERE id = ${'00000000-0000-0000-0000-000000000001'}::uuid`;
          await listed();
          await star();
          // A newer version's migration, applied while this process runs (a rolling deploy).
          await prisma.$executeRawUnsafe('ALTER TABLE "Employee" ADD COLUMN "addedLater" text');
          await expect(listed()).resolves.toEqual([]);
          await expect(star()).rejects.toThrow(/cached plan must not change result type/);
        } finally {
          await prisma.$disconnect();
        }
      },
      { migrate: true },
    );
  });
});
