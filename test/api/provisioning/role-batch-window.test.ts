// The role batch's window (ROLE_BATCH_WINDOW_MS): while new users are still being created it waits to
// fill, so an import trickling in at the rate limit costs few POST /roles/{id}/users; a lone hire, with
// nothing else on its way, is not held back by it.
import { describe, expect, it } from 'vitest';
import { ImportBatchDocument, ImportEmployeesDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

async function importRows(gateway: TestGateway, count: number, prefix: string): Promise<string> {
  const employees = Array.from({ length: count }, (_, i) => ({ name: `${prefix} Person ${i}`, email: uniqueEmail(`${prefix}.${i}`), department: 'Window' }));
  const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees } }, as: 'manager' }));
  if (result.importEmployees.__typename !== 'ImportEmployeesPayload') throw new Error(JSON.stringify(result));
  return result.importEmployees.batchId!;
}

async function waitUntilFinished(gateway: TestGateway, batchId: string, timeout: number) {
  await expect
    .poll(async () => expectNoGraphQLErrors(await gateway.execute({ document: ImportBatchDocument, variables: { id: batchId } })).importBatch?.finished, { timeout, interval: 100 })
    .toBe(true);
  return expectNoGraphQLErrors(await gateway.execute({ document: ImportBatchDocument, variables: { id: batchId } })).importBatch!;
}

const roleCalls = async (gateway: TestGateway) => {
  const { counts } = await gateway.control.requests();
  return { batched: counts['POST /api/v2/roles/:id/users'] ?? 0, single: counts['POST /api/v2/users/:id/roles'] ?? 0 };
};

describe('role batch window', () => {
  it('gives a lone imported hire its role at once, long before the window', { timeout: 30_000 }, async () => {
    const gateway = await startTestGateway({ workers: { roleBatchWindowMs: 10_000 } });
    try {
      const started = performance.now();
      const batch = await waitUntilFinished(gateway, await importRows(gateway, 1, 'window-lone'), 20_000);
      const seconds = (performance.now() - started) / 1000;
      expect(batch).toMatchObject({ provisioned: 1, failed: 0 });
      // Nothing else was on its way, so the batch did not wait out its 10 s window.
      expect(seconds).toBeLessThan(5);
      expect(await roleCalls(gateway)).toEqual({ batched: 1, single: 0 });
    } finally {
      await gateway.close();
    }
  });

  it('holds a batch while users trickle in at the rate limit, so 60 users take at most two role calls', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ workers: { roleBatchWindowMs: 10_000 }, retry: { limit: 10, delaySeconds: 1, delayMaxSeconds: 3 } });
    try {
      // essentials x5: 20 creates at once, then about 17 per s; without the window the batch worker would
      // send one call every time it woke up to a few new users.
      await gateway.control.configure({ preset: 'essentials', timeScale: 5 });
      const batch = await waitUntilFinished(gateway, await importRows(gateway, 60, 'window-burst'), 50_000);
      expect(batch).toMatchObject({ provisioned: 60, failed: 0 });
      const calls = await roleCalls(gateway);
      expect(calls.single).toBe(0);
      expect(calls.batched).toBeGreaterThanOrEqual(1);
      expect(calls.batched).toBeLessThanOrEqual(2);
      const roles = new Map((await gateway.control.users()).map((user) => [user.email, user.roles]));
      const stored = await gateway.prisma.employee.findMany({ where: { importBatchId: batch.id }, select: { email: true } });
      expect(stored.map((employee) => roles.get(employee.email))).toEqual(stored.map(() => ['production_associate']));
    } finally {
      await gateway.close();
    }
  });

  it('with a window of 0 sends what it has at once (the setting is honoured)', { timeout: 60_000 }, async () => {
    const gateway = await startTestGateway({ workers: { roleBatchWindowMs: 0 }, retry: { limit: 10, delaySeconds: 1, delayMaxSeconds: 3 } });
    try {
      await gateway.control.configure({ preset: 'essentials', timeScale: 5 });
      const batch = await waitUntilFinished(gateway, await importRows(gateway, 60, 'window-zero'), 50_000);
      expect(batch).toMatchObject({ provisioned: 60, failed: 0 });
      // Users arriving over ~2.5 s, each batch sent as soon as it is fetched: more calls than with the window.
      expect((await roleCalls(gateway)).batched).toBeGreaterThan(2);
    } finally {
      await gateway.close();
    }
  });
});
