// importEmployees: per-row outcomes, reruns, pacing under a small rate-limit budget, role batching.
import { describe, expect, it } from 'vitest';
import { ImportBatchDocument, ImportEmployeesDocument, type ImportEmployeesMutation } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

type Payload = Extract<ImportEmployeesMutation['importEmployees'], { __typename: 'ImportEmployeesPayload' }>;

async function runImport(gateway: TestGateway, employees: { name: string; email: string; department: string }[], dryRun = false): Promise<Payload> {
  const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees, dryRun } } }));
  expect(result.importEmployees.__typename).toBe('ImportEmployeesPayload');
  return result.importEmployees as Payload;
}

const rowsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `${prefix} Person ${i}`, email: uniqueEmail(`${prefix}.${i}`), department: 'Import' }));

async function waitForBatch(gateway: TestGateway, batchId: string, timeout: number) {
  await expect
    .poll(async () => expectNoGraphQLErrors(await gateway.execute({ document: ImportBatchDocument, variables: { id: batchId } })).importBatch?.finished, {
      timeout,
      interval: 250,
    })
    .toBe(true);
  return expectNoGraphQLErrors(await gateway.execute({ document: ImportBatchDocument, variables: { id: batchId } })).importBatch!;
}

function usersPerEmployee(users: { app_metadata?: unknown }[], ids: readonly string[]): number[] {
  return ids.map((id) => users.filter((user) => (user.app_metadata as { employee_id?: string } | undefined)?.employee_id === id).length);
}

describe('importEmployees', () => {
  it('reports bad rows per row (invalid email, duplicates in the file, over-long names) and still imports the good ones; a rerun is safe', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway();
    try {
      const good = rowsOf('import-bad', 3);
      const rows = [
        good[0]!,
        { name: 'No Email', email: 'not-an-email', department: 'Import' },
        good[1]!,
        { name: 'Dup Of First', email: good[0]!.email.toUpperCase(), department: 'Import' },
        { name: 'x'.repeat(201), email: uniqueEmail('import-long'), department: 'Import' },
        good[2]!,
      ];
      const dry = await runImport(gateway, rows, true);
      expect(dry).toMatchObject({ batchId: null, dryRun: true, total: 6, created: 3, invalid: 3, alreadyExists: 0 });
      expect(await gateway.prisma.employee.count({ where: { email: { in: good.map((row) => row.email) } } })).toBe(0);

      const result = await runImport(gateway, rows);
      expect(result).toMatchObject({ dryRun: false, total: 6, created: 3, invalid: 3, alreadyExists: 0 });
      expect(result.rows.map((row) => row.outcome)).toEqual(['CREATED', 'INVALID', 'CREATED', 'INVALID', 'INVALID', 'CREATED']);
      expect(result.rows[1]!.reasons.join()).toMatch(/email: Email must be a valid email address/);
      expect(result.rows[3]!.reasons).toEqual(['email: duplicate of row 1 in this import']);
      expect(result.rows[4]!.reasons.join()).toMatch(/name: Name must be at most 200 characters/);
      const batch = await waitForBatch(gateway, result.batchId!, 30_000);
      expect(batch).toMatchObject({ total: 6, created: 3, invalid: 3, provisioned: 3, failed: 0, pending: 0 });

      const again = await runImport(gateway, rows);
      expect(again).toMatchObject({ created: 0, alreadyExists: 3, invalid: 3 });
      expect(again.rows[0]!.employeeId).toBe(result.rows[0]!.employeeId);
      const ids = (await gateway.prisma.employee.findMany({ where: { email: { in: good.map((row) => row.email) } } })).map((e) => e.id);
      expect(usersPerEmployee(await gateway.control.users(), ids)).toEqual([1, 1, 1]);
    } finally {
      await gateway.close();
    }
  });

  it('refuses more than 1000 rows with an input error', async () => {
    const gateway = await startTestGateway({ workers: false });
    try {
      const employees = Array.from({ length: 1001 }, (_, i) => ({ name: `N ${i}`, email: `n${i}@warehouse-example.com`, department: 'Import' }));
      const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees } } }));
      expect(result.importEmployees.__typename).toBe('InputValidationError');
    } finally {
      await gateway.close();
    }
  });

  it('gives N waiting new users their role with far fewer than N role calls (POST /roles/{id}/users)', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ workers: { pollingIntervalSeconds: 1 } });
    try {
      const rows = rowsOf('import-batching', 40);
      const result = await runImport(gateway, rows);
      const batch = await waitForBatch(gateway, result.batchId!, 40_000);
      expect(batch).toMatchObject({ provisioned: 40, failed: 0 });
      const { counts } = await gateway.control.requests();
      const batched = counts['POST /api/v2/roles/:id/users'] ?? 0;
      const single = counts['POST /api/v2/users/:id/roles'] ?? 0;
      console.info(`role batching: 40 users, ${batched} POST /roles/{id}/users, ${single} POST /users/{id}/roles`);
      expect(batched + single).toBeGreaterThan(0);
      expect(batched + single).toBeLessThanOrEqual(10);
      // Row by row, so that a row without an Auth0 user fails too.
      const rolesByEmail = new Map((await gateway.control.users()).map((user) => [user.email, user.roles]));
      expect(rows.map((row) => rolesByEmail.get(row.email))).toEqual(rows.map(() => expect.arrayContaining(['production_associate'])));
    } finally {
      await gateway.close();
    }
  });

  it('finishes a 200-row import under a small rate-limit budget (essentials, time-scaled) with no FAILED rows and few 429s', { timeout: 90_000 }, async () => {
    const gateway = await startTestGateway({ retry: { limit: 10, delaySeconds: 1, delayMaxSeconds: 3 } });
    try {
      await gateway.control.configure({ preset: 'essentials', timeScale: 10 });
      const rows = rowsOf('import-paced', 200);
      const started = performance.now();
      const result = await runImport(gateway, rows);
      expect(result.created).toBe(200);
      const batch = await waitForBatch(gateway, result.batchId!, 80_000);
      const seconds = (performance.now() - started) / 1000;
      expect(batch).toMatchObject({ provisioned: 200, failed: 0 });
      const { statuses, counts } = await gateway.control.requests();
      const tooMany = Object.values(statuses).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);
      console.info(
        `paced import: 200 rows in ${seconds.toFixed(1)} s, ${tooMany} x 429, ${counts['POST /api/v2/users']} POST /users, ${counts['POST /api/v2/roles/:id/users'] ?? 0} role batches`,
      );
      expect(tooMany).toBeLessThanOrEqual(20);
      const ids = (await gateway.prisma.employee.findMany({ where: { importBatchId: result.batchId! } })).map((e) => e.id);
      expect(usersPerEmployee(await gateway.control.users(), ids)).toEqual(ids.map(() => 1));
    } finally {
      await gateway.close();
    }
  });
});
