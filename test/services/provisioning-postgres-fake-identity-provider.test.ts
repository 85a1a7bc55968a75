// The provisioning rules against real PostgreSQL (this run's test database) with an in-memory identity
// provider and queue, for the failure orders that are awkward to stage over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { AuditTrail, SYSTEM_ACTOR } from '../../src/services/audit-trail.ts';
import { createEmployee, type CreateEmployeeDeps } from '../../src/services/employee-provisioning.service.ts';
import { EmailAlreadyUsedError, IdempotencyKeyConflictError } from '../../src/services/errors.ts';
import type { IdentityProvider } from '../../src/services/identity-provider.ts';
import { provisionEmployee } from '../../src/services/provisioning/provisioning-attempt.ts';
import { DEFAULT_PROVISIONING_SETTINGS } from '../../src/services/provisioning/provisioning-settings.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { uniqueEmail } from '../helpers/gateway.ts';
import { FakeIdentityProvider, FakeQueue } from '../helpers/fake-identity-provider.ts';

describe('employee provisioning service', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 4 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  function deps(identityProvider: IdentityProvider, overrides: Partial<CreateEmployeeDeps> = {}): CreateEmployeeDeps & { queue: FakeQueue } {
    return {
      prisma,
      identityProvider,
      audit: new AuditTrail(prisma),
      queue: new FakeQueue(),
      settings: DEFAULT_PROVISIONING_SETTINGS,
      ...overrides,
    } as CreateEmployeeDeps & { queue: FakeQueue };
  }

  const input = (email: string) => ({ name: 'Sam Worker', email, department: 'Picking', role: null });

  function employeeOf<T>(outcome: T): Exclude<T, Error> {
    if (outcome instanceof Error) throw outcome;
    return outcome as Exclude<T, Error>;
  }

  it('queues the job in the same transaction, and keeps the Auth0 user id when role assignment fails transiently', async () => {
    const idp = new FakeIdentityProvider();
    idp.failAssignRolesTimes = 1;
    const d = deps(idp);
    const pending = employeeOf(await createEmployee(d, SYSTEM_ACTOR, input(uniqueEmail('assign'))));
    expect(d.queue.jobs).toEqual([{ kind: 'provision-employee', employeeId: pending.id, inTransaction: true, delaySeconds: 3 }]);
    expect(pending.auth0SyncStatus).toBe('PENDING');
    expect(pending.auth0SyncError).toBeNull();
    expect(pending.auth0UserId).toBe(idp.users[0]!.userId);

    // The queued job's attempt finishes without creating again.
    const retried = await provisionEmployee(d, SYSTEM_ACTOR, pending.id);
    expect(retried.kind).toBe('settled');
    if (retried.kind !== 'settled') return;
    expect(retried.employee.auth0SyncStatus).toBe('CREATED');
    expect(retried.employee.auth0Role).toBe('PRODUCTION_ASSOCIATE');
    expect(retried.employee.provisioningLeaseUntil).toBeNull();
    expect(idp.createCalls).toBe(1);
    expect(idp.roleAssignments).toEqual([[idp.users[0]!.userId, ['production_associate']]]);
    // Running it once more is a no-op.
    expect((await provisionEmployee(d, SYSTEM_ACTOR, pending.id)).kind).toBe('settled');
    expect(idp.createCalls).toBe(1);
    expect(idp.roleAssignments).toHaveLength(1);
  });

  const auditOf = (employeeId: string) =>
    prisma.auditEvent.findMany({ where: { employeeId }, orderBy: [{ occurredAt: 'asc' }] });

  it('writes each Auth0 call\'s audit row with the write that follows it, stamped in the order things happened', async () => {
    const idp = new FakeIdentityProvider();
    const created = employeeOf(await createEmployee(deps(idp), SYSTEM_ACTOR, input(uniqueEmail('lean'))));
    expect(created.auth0SyncStatus).toBe('CREATED');
    expect(created.auth0Role).toBe('PRODUCTION_ASSOCIATE');
    expect(created).toStrictEqual(await prisma.employee.findUniqueOrThrow({ where: { id: created.id } }));
    // CREATED gave the lease back in the same statement.
    expect(created.provisioningLeaseUntil).toBeNull();
    expect(created.provisioningLeaseOwner).toBeNull();

    const audit = await auditOf(created.id);
    expect(audit.map((row) => [row.action, row.outcome])).toEqual([
      ['EMPLOYEE_CREATED', 'SUCCESS'],
      ['AUTH0_CREATE_USER', 'SUCCESS'],
      ['AUTH0_ASSIGN_ROLES', 'SUCCESS'],
      ['SYNC_STATUS_CHANGED', 'SUCCESS'],
    ]);
    for (let i = 1; i < audit.length; i += 1) expect(audit[i]!.occurredAt.getTime()).toBeGreaterThan(audit[i - 1]!.occurredAt.getTime());
    expect(audit[1]!.auth0UserId).toBe(created.auth0UserId);
    expect(audit[1]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('stamps a row written late in a transaction with when it was written, not when the transaction began', async () => {
    // CI once ordered a role-change create's rows wrongly: rows written in markSynced's transaction were
    // stamped from the transaction's start (now()), before events that had come first.
    const created = employeeOf(await createEmployee(deps(new FakeIdentityProvider()), SYSTEM_ACTOR, input(uniqueEmail('stamp'))));
    let writtenFrom = 0;
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      await new Promise((resolve) => setTimeout(resolve, 300));
      writtenFrom = Date.now();
      await new AuditTrail(prisma).event(tx, SYSTEM_ACTOR, { action: 'EMPLOYEE_UPDATED', employeeId: created.id });
    });
    const audit = await auditOf(created.id);
    expect(audit.at(-1)!.action).toBe('EMPLOYEE_UPDATED');
    // Same machine, two clocks read: a few milliseconds of slack, against the 300 ms the transaction waited.
    expect(audit.at(-1)!.occurredAt.getTime()).toBeGreaterThanOrEqual(writtenFrom - 50);
  });

  it('writes a successful call\'s pending row together with the failure that follows it', async () => {
    const idp = new FakeIdentityProvider();
    idp.failAssignRolesTimes = 1;
    const pending = employeeOf(await createEmployee(deps(idp), SYSTEM_ACTOR, input(uniqueEmail('lean-fail'))));
    expect(pending.auth0SyncStatus).toBe('PENDING');
    expect((await auditOf(pending.id)).map((row) => [row.action, row.outcome])).toEqual([
      ['EMPLOYEE_CREATED', 'SUCCESS'],
      ['AUTH0_CREATE_USER', 'SUCCESS'],
      ['AUTH0_ASSIGN_ROLES', 'FAILURE'],
    ]);
    // The attempt gave its lease back, so the queue's next attempt is not kept waiting.
    expect((await prisma.employee.findUniqueOrThrow({ where: { id: pending.id } })).provisioningLeaseUntil).toBeNull();
  });

  it('queues the role sync when the role changes while the account is being created', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('lean-role');
    const assign = idp.assignRoles.bind(idp);
    idp.assignRoles = async (userId, roleNames) => {
      await prisma.employee.update({ where: { email }, data: { role: 'TEAM_LEAD' } });
      return assign(userId, roleNames);
    };
    const d = deps(idp);
    const created = employeeOf(await createEmployee(d, SYSTEM_ACTOR, input(email)));
    expect(created.auth0SyncStatus).toBe('CREATED');
    expect(created.role).toBe('TEAM_LEAD');
    // What Auth0 holds, not what the row asks for: the sync job closes the gap.
    expect(created.auth0Role).toBe('PRODUCTION_ASSOCIATE');
    expect(d.queue.jobs.map((job) => job.kind)).toEqual(['provision-employee', 'sync-employee-role']);
    expect((await auditOf(created.id)).map((row) => row.action)).toEqual([
      'EMPLOYEE_CREATED',
      'AUTH0_CREATE_USER',
      'AUTH0_ASSIGN_ROLES',
      'SYNC_STATUS_CHANGED',
    ]);
  });

  it('gives the lease taken with the insert back when the kill switch went off meanwhile', async () => {
    const idp = new FakeIdentityProvider();
    let checks = 0;
    const settings = { ...DEFAULT_PROVISIONING_SETTINGS, isEnabled: () => (checks += 1) === 1 };
    const stored = employeeOf(await createEmployee(deps(idp, { settings }), SYSTEM_ACTOR, input(uniqueEmail('lean-switch'))));
    expect(stored.auth0SyncStatus).toBe('PENDING');
    expect(idp.createCalls).toBe(0);
    const row = await prisma.employee.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row.provisioningLeaseUntil).toBeNull();
    expect(row.provisioningLeaseOwner).toBeNull();
  });

  it('treats a 409 for its own employee as success (the first attempt had committed)', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('mine');
    const employee = await prisma.employee.create({ data: { name: 'Mine', email, department: 'Picking' } });
    await idp.createUser({ email, name: 'Mine', employeeId: employee.id });

    const done = await provisionEmployee(deps(idp), SYSTEM_ACTOR, employee.id);
    expect(done.kind === 'settled' && done.employee.auth0SyncStatus).toBe('CREATED');
    expect(done.kind === 'settled' && done.employee.auth0UserId).toBe(idp.users[0]!.userId);
    expect(idp.users).toHaveLength(1);
  });

  it('fails with the typed EMAIL_TAKEN_IN_AUTH0 reason when the 409 user is someone else', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('foreign');
    await idp.createUser({ email, name: 'Other', employeeId: '00000000-0000-0000-0000-000000000009' });
    const employee = await prisma.employee.create({ data: { name: 'Late', email, department: 'Picking' } });
    const outcome = await provisionEmployee(deps(idp), SYSTEM_ACTOR, employee.id);
    expect(outcome.kind === 'settled' && outcome.employee).toMatchObject({
      auth0SyncStatus: 'FAILED',
      auth0SyncFailureReason: 'EMAIL_TAKEN_IN_AUTH0',
      auth0UserId: null,
    });
  });

  it('never lets two processes create the same employee at once (lease), even with several attempts racing', async () => {
    const idp = new FakeIdentityProvider();
    idp.createDelayMs = 150;
    const employee = await prisma.employee.create({ data: { name: 'Raced', email: uniqueEmail('raced'), department: 'Picking' } });
    const otherPrisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
    try {
      const outcomes = await Promise.all([
        provisionEmployee(deps(idp, { instanceId: 'gateway-a' }), SYSTEM_ACTOR, employee.id),
        provisionEmployee(deps(idp, { instanceId: 'gateway-b', prisma: otherPrisma }), SYSTEM_ACTOR, employee.id),
        provisionEmployee(deps(idp, { instanceId: 'gateway-c' }), SYSTEM_ACTOR, employee.id),
      ]);
      expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['busy', 'busy', 'settled']);
    } finally {
      await otherPrisma.$disconnect();
    }
    expect(idp.createCalls).toBe(1);
    expect((await prisma.employee.findUniqueOrThrow({ where: { id: employee.id } })).auth0SyncStatus).toBe('CREATED');
  });

  it('stays PENDING on a transient create failure and makes no Auth0 call with the kill switch off', async () => {
    const idp = new FakeIdentityProvider();
    idp.failCreateTimes = 1;
    const first = employeeOf(await createEmployee(deps(idp), SYSTEM_ACTOR, input(uniqueEmail('transient'))));
    expect(first).toMatchObject({ auth0SyncStatus: 'PENDING', auth0UserId: null, auth0SyncError: null });

    const off = new FakeIdentityProvider();
    const d = deps(off, { settings: { ...DEFAULT_PROVISIONING_SETTINGS, isEnabled: () => false } });
    const parked = employeeOf(await createEmployee(d, SYSTEM_ACTOR, input(uniqueEmail('switched-off'))));
    expect(parked.auth0SyncStatus).toBe('PENDING');
    expect(off.createCalls).toBe(0);
    expect(d.queue.jobs).toEqual([{ kind: 'provision-employee', employeeId: parked.id, inTransaction: true, delaySeconds: 0 }]);
  });

  it('answers an idempotency key with the first result, and a different input with a conflict', async () => {
    const idp = new FakeIdentityProvider();
    const key = `key-${uniqueEmail('idem')}`;
    const email = uniqueEmail('idem');
    const first = employeeOf(await createEmployee(deps(idp), SYSTEM_ACTOR, input(email), { idempotencyKey: key }));
    const again = employeeOf(await createEmployee(deps(idp), SYSTEM_ACTOR, input(email), { idempotencyKey: key }));
    expect(again.id).toBe(first.id);
    const conflict = await createEmployee(deps(idp), SYSTEM_ACTOR, { ...input(email), name: 'Someone Else' }, { idempotencyKey: key });
    expect(conflict).toBeInstanceOf(IdempotencyKeyConflictError);
    expect(idp.createCalls).toBe(1);
  });

  it('returns EmailAlreadyUsedError when two creates race for one email, storing one employee', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('race');
    const outcomes = await Promise.all([
      createEmployee(deps(idp), SYSTEM_ACTOR, input(email)),
      createEmployee(deps(idp), SYSTEM_ACTOR, input(email)),
    ]);
    expect(outcomes.filter((outcome) => outcome instanceof EmailAlreadyUsedError)).toHaveLength(1);
    expect(await prisma.employee.count({ where: { email } })).toBe(1);
    expect(idp.users).toHaveLength(1);
  });
});
