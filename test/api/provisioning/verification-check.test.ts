// The periodic email_verified check reaches every CREATED employee in turn (a cursor in PostgreSQL,
// least recently read first), one user search `user_id:(...) AND email_verified:true` per 100 employees,
// and says in /metrics how far behind it is. Without a log stream a hire who never activates must not
// keep the ones after them from becoming VERIFIED. Real PostgreSQL (a database of this file's own, so
// the line holds only this file's employees) and the emulator over HTTP: first a gateway whose workers
// run the check every 2 s, then, on the same employees, one pass at a time.
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../../helpers/emulator.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVerifiedEmails } from '../../../src/services/verification.service.ts';
import { ImportEmployeesDocument } from '../../generated/graphql.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { parsePrometheusText, sumOf } from '../../helpers/prometheus-text.ts';

const gaugeValue = (scrape: string, name: string) => sumOf(parsePrometheusText(scrape), name);

const SEARCH = 'GET /api/v2/users';
const actor = { id: 'system', correlationId: 'verification-check-test' };

describe('the email_verified check', () => {
  let scratch: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let emulator: RunningEmulator;
  let gateway: TestGateway;
  /** The 52 who never activate, oldest first. */
  let older: string[];

  beforeAll(async () => {
    [scratch, emulator] = await Promise.all([holdScratchDatabase({ migrate: true }), startGatewayEmulator()]);
    gateway = await startTestGateway({ databaseUrl: scratch.url, emulator, workers: { verificationCheckIntervalSeconds: 2, roleBatchWindowMs: 0 } });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
    await scratch?.drop();
  });

  async function hire(count: number, prefix: string): Promise<string[]> {
    const employees = Array.from({ length: count }, (_, index) => ({ name: `Hire ${prefix} ${index}`, email: uniqueEmail(`${prefix}-${index}`), department: 'Packing' }));
    const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees } }, as: 'manager' })).importEmployees;
    if (result.__typename !== 'ImportEmployeesPayload') throw new Error(JSON.stringify(result));
    return employees.map((employee) => employee.email);
  }
  const statuses = async (emails: readonly string[]) =>
    (await gateway.prisma.employee.findMany({ where: { email: { in: [...emails] } }, select: { auth0SyncStatus: true } })).map((row) => row.auth0SyncStatus);
  const status = async (email: string) => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus;
  const searches = async () => (await gateway.control.requests()).counts[SEARCH] ?? 0;

  it('the newest of 60 hires who sets a password reads VERIFIED within a minute while 52 older ones never activate', { timeout: 90_000 }, async () => {
    older = await hire(52, 'never-activates');
    await expect.poll(async () => (await statuses(older)).filter((value) => value === 'CREATED').length, { timeout: 30_000, interval: 250 }).toBe(52);
    const newer = await hire(8, 'activates');
    await expect.poll(async () => (await statuses(newer)).filter((value) => value === 'CREATED').length, { timeout: 30_000, interval: 250 }).toBe(8);
    // Every hire got their invitation (the link that sets a first password).
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.type === 'change_password').length, { timeout: 30_000 }).toBe(60);
    const newest = newer.at(-1)!;

    // The check goes round the line a few times first, as it does in production long before anyone activates.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const searchesBefore = await searches();
    const setAt = Date.now();
    for (const email of newer) {
      const row = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
      await gateway.control.setPassword({ user_id: row.auth0UserId! });
    }
    await expect.poll(() => status(newest), { timeout: 60_000, interval: 250 }).toBe('VERIFIED');
    expect(Date.now() - setAt).toBeLessThan(60_000);
    await expect.poll(() => statuses(newer), { timeout: 10_000 }).toEqual(Array(8).fill('VERIFIED'));
    expect(await statuses(older)).toEqual(Array(52).fill('CREATED'));
    // The invitation they used is ACCEPTED; the others' stay SENT.
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { email: newest } })).invitationStatus).toBe('ACCEPTED');
    expect(new Set((await gateway.prisma.employee.findMany({ where: { email: { in: older } } })).map((row) => row.invitationStatus))).toEqual(new Set(['SENT']));

    // At most one Auth0 read per 50 employees per pass: 60 employees, one search a pass (every 2 s, plus one).
    const used = (await searches()) - searchesBefore;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThanOrEqual(Math.ceil((Date.now() - setAt) / 2000) + 1);
    expect((await gateway.control.requests()).counts['GET /api/v2/users/:id'] ?? 0).toBe(0);

    // How far behind it is: every CREATED employee was read within the last few passes.
    const scrape = await (await gateway.app.fetch('http://gateway.test/metrics')).text();
    expect(gaugeValue(scrape, 'provisioning_verification_check_lag_seconds')).toBeLessThan(10);
  });

  describe('one pass at a time (no timer), on the 52 who never activated', () => {
    beforeAll(async () => {
      await gateway.close();
      gateway = await startTestGateway({ databaseUrl: scratch.url, emulator, workers: false, maxRetries: 0 });
      await gateway.control.configure({ searchLagMs: 0 });
      // Nobody read yet, the oldest first in line.
      for (const [index, email] of older.entries()) {
        await gateway.prisma.employee.update({ where: { email }, data: { verificationCheckedAt: null, auth0SyncStatusChangedAt: new Date(Date.now() - 3_600_000 + index * 1000) } });
      }
    }, 60_000);

    it('reads 20 a pass in turn, so the newest is reached by the third pass, which also starts the line over', async () => {
      const newest = await gateway.prisma.employee.findUniqueOrThrow({ where: { email: older.at(-1)! } });
      await gateway.control.verify(newest.auth0UserId!);
      const checkedAt = async (email: string) => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).verificationCheckedAt?.getTime();
      const before = await searches();
      const passes = [await checkVerifiedEmails(gateway.provisioning.deps, actor, 20)];
      const oldestFirstRead = await checkedAt(older[0]!);
      passes.push(await checkVerifiedEmails(gateway.provisioning.deps, actor, 20));
      expect(await status(newest.email)).toBe('CREATED');
      passes.push(await checkVerifiedEmails(gateway.provisioning.deps, actor, 20));
      // 52 in line: the third pass reads the last 12, then the 8 read longest ago (the line wraps around).
      expect(passes).toEqual([
        { checked: 20, verified: 0, searches: 1 },
        { checked: 20, verified: 0, searches: 1 },
        { checked: 20, verified: 1, searches: 1 },
      ]);
      expect(await searches()).toBe(before + 3);
      expect(await status(newest.email)).toBe('VERIFIED');
      expect(await checkedAt(older[0]!)).toBeGreaterThan(oldestFirstRead!);
      expect(await checkedAt(older[8]!)).toBeLessThanOrEqual(oldestFirstRead!);
    });

    it('trusts a verified search result only for the address the employee has now', async () => {
      const moved = await gateway.prisma.employee.findUniqueOrThrow({ where: { email: older[10]! } });
      await gateway.control.verify(moved.auth0UserId!);
      // The employee changed address meanwhile; Auth0 (or its index) still shows the old one, verified.
      const address = uniqueEmail('moved');
      await gateway.prisma.employee.update({ where: { id: moved.id }, data: { email: address } });
      await checkVerifiedEmails(gateway.provisioning.deps, actor, 1000);
      expect(await status(address)).toBe('CREATED');
    });

    it('an Auth0 outage ends the pass and puts the unread employees back where they were in line', async () => {
      const line = async () =>
        new Map((await gateway.prisma.employee.findMany({ where: { auth0SyncStatus: 'CREATED' } })).map((row) => [row.id, row.verificationCheckedAt?.getTime()]));
      const before = await line();
      await gateway.control.configure({ errorRate: { rate: 1, status: 503, routes: [SEARCH] } });
      try {
        expect(await checkVerifiedEmails(gateway.provisioning.deps, actor, 1000)).toEqual({ checked: 0, verified: 0, searches: 1 });
      } finally {
        await gateway.control.configure({ errorRate: null });
      }
      expect(await line()).toEqual(before);
    });

    it('reports in /metrics how long the least recently read CREATED employee has waited', async () => {
      await gateway.prisma.employee.update({ where: { email: older[5]! }, data: { verificationCheckedAt: new Date(Date.now() - 7_200_000) } });
      const lag = gaugeValue(await (await gateway.app.fetch('http://gateway.test/metrics')).text(), 'provisioning_verification_check_lag_seconds');
      expect(lag).toBeGreaterThan(7_190);
      expect(lag).toBeLessThan(7_300);
    });
  });
});
