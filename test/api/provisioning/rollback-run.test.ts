// The rollback use case in-process, as the composed gateway binds it (what `npm run rollback` calls):
// the preview changes nothing; a run switches provisioning off first, blocks the selection's users,
// unlinks their employees and reports its progress; a later run finds the switch already off, and an
// unfinished run of the same selection is resumed rather than started again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RollbackRunState } from '../../../src/services/rollback.service.ts';
import { planRollback, startOrResumeRun } from '../../../src/services/rollback.service.ts';
import type { Services } from '../../../src/composition.ts';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

describe('runRollback', () => {
  let gateway: TestGateway;
  let services: Services;
  const actor = { id: 'cli:rollback:in-process', correlationId: null };

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    await gateway.control.configure({ searchLagMs: 0 });
    services = await gateway.composition.services();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const seedDepartment = async (count: number) => {
    const department = uniqueDepartment('RollbackRun');
    const seeded = await Promise.all(Array.from({ length: count }, () => seedEmployee(gateway, { department, auth0: true })));
    return { department, employees: seeded.map(({ employee }) => employee) };
  };
  const blockedIn = async (ids: string[]) =>
    (await gateway.control.users()).filter((user) => ids.includes(user.user_id)).map((user) => user.blocked ?? false);

  it('previews without changing anything, then switches provisioning off, blocks, unlinks and reports', { timeout: 60_000 }, async () => {
    const { department, employees } = await seedDepartment(3);
    const userIds = employees.map((employee) => employee.auth0UserId!);
    const selection = { mode: 'BLOCK' as const, createdAfter: null, department };

    const preview = await services.previewRollback(selection);
    expect(preview.provisioningEnabled).toBe(true);
    expect(preview.plan.candidates.map((candidate) => candidate.auth0UserId).sort()).toEqual([...userIds].sort());
    expect(await gateway.prisma.rollbackRun.count({ where: { department } })).toBe(0);
    expect(await blockedIn(userIds)).toEqual([false, false, false]);

    const events: string[] = [];
    const progress: RollbackRunState[] = [];
    const result = await services.runRollback(actor, {
      selection,
      concurrency: 2,
      switchGraceMs: 0,
      onSwitchedOff: (graceMs) => events.push(`switched off, grace ${graceMs}`),
      onAlreadyOff: () => events.push('already off'),
      onStarted: (state) => events.push(`${state.resumed ? 'resumed' : 'started'} ${state.total} users, ${state.done} done`),
      onProgress: (state) => progress.push(state),
    });

    expect(events).toEqual(['switched off, grace 0', 'started 3 users, 0 done']);
    expect(progress.at(-1)).toMatchObject({ total: 3, done: 3, failed: 0 });
    expect(result).toMatchObject({ state: { total: 3, done: 3, failed: 0 }, remaining: 0, handLinked: 0, failures: [] });
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(0);

    const live = await gateway.composition.provisioningSwitch();
    expect(live.status()).toMatchObject({ enabled: false, changedBy: actor.id });
    expect(await blockedIn(userIds)).toEqual([true, true, true]);
    const after = await gateway.prisma.employee.findMany({ where: { department } });
    expect(after.map((employee) => [employee.auth0UserId, employee.auth0SyncStatus])).toEqual(after.map(() => [null, 'PENDING']));
  });

  it('finds provisioning already off, and resumes the unfinished run of the same selection', { timeout: 60_000 }, async () => {
    const { department, employees } = await seedDepartment(2);
    const selection = { mode: 'DELETE' as const, createdAfter: null, department };
    const { provider } = await gateway.composition.identity();
    const deps = { prisma: gateway.prisma, audit: await gateway.composition.audit(), directory: provider, removal: provider };
    // A run an earlier process listed and then lost (killed before touching any user).
    const earlier = await startOrResumeRun(deps, actor, selection, await planRollback(deps, selection));

    const events: string[] = [];
    const result = await services.runRollback(actor, {
      selection,
      concurrency: 1,
      switchGraceMs: 0,
      onSwitchedOff: () => events.push('switched off'),
      onAlreadyOff: (status) => events.push(`already off, by ${status.changedBy}`),
      onStarted: (state) => events.push(`${state.resumed ? 'resumed' : 'started'} ${state.id}`),
    });

    expect(events).toEqual([`already off, by ${actor.id}`, `resumed ${earlier.id}`]);
    expect(result.state).toMatchObject({ id: earlier.id, total: 2, done: 2, failed: 0 });
    const remaining = new Set((await gateway.control.users()).map((user) => user.user_id));
    expect(employees.filter((employee) => remaining.has(employee.auth0UserId!))).toEqual([]);
  });
});
