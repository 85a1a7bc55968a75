// The durable queue over HTTP: outages, commit-then-fail, the kill switch and retries, against real
// PostgreSQL, pg-boss and the emulator's faults through the official SDK.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateEmployeeIdempotentDocument,
  RetryProvisioningDocument,
  LinkAuth0UserDocument,
  SetProvisioningEnabledDocument,
  type CreateEmployeeIdempotentMutation,
} from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import type { EmulatorUser } from '@employee-gateway/auth0-emulator/control-client';

type Created = Extract<CreateEmployeeIdempotentMutation['createEmployee'], { __typename: 'CreateEmployeePayload' }>['employee'];

const WAIT_MS = 1000;

async function create(gateway: TestGateway, name: string, email: string, idempotencyKey?: string) {
  const started = performance.now();
  const result = expectNoGraphQLErrors(
    await gateway.execute({
      document: CreateEmployeeIdempotentDocument,
      variables: { input: { name, email, department: 'Picking' }, ...(idempotencyKey ? { idempotencyKey } : {}) },
    }),
  ).createEmployee;
  const ms = performance.now() - started;
  if (result.__typename !== 'CreateEmployeePayload') throw new Error(`expected a payload, got ${JSON.stringify(result)}`);
  return { employee: result.employee, ms };
}

function usersByEmployeeId(users: EmulatorUser[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const user of users) {
    const id = (user.app_metadata as { employee_id?: string } | undefined)?.employee_id;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

async function waitForStatuses(gateway: TestGateway, ids: string[], status: string, timeout = 40_000) {
  await expect
    .poll(
      async () =>
        (await gateway.prisma.employee.groupBy({ by: ['auth0SyncStatus'], where: { id: { in: ids } }, _count: true }))
          .map((group) => `${group.auth0SyncStatus}:${group._count}`)
          .join(','),
      { timeout, interval: 250 },
    )
    .toBe(`${status}:${ids.length}`);
}

describe('durable provisioning', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: WAIT_MS }, retry: { limit: 8, delaySeconds: 1, delayMaxSeconds: 3 } });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
  });

  it('answers PENDING within the bound for 50 creates during an outage, then provisions each exactly once', { timeout: 90_000 }, async () => {
    await gateway.control.configure({ outages: [{ status: 503 }] });
    const results: Array<{ employee: Created; ms: number }> = [];
    for (let batch = 0; batch < 5; batch += 1) {
      results.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) => create(gateway, `Outage Person ${batch}-${i}`, uniqueEmail(`outage50.${batch}.${i}`))),
        )),
      );
    }
    expect(results).toHaveLength(50);
    for (const { employee, ms } of results) {
      expect(employee.auth0SyncStatus).toBe('PENDING');
      expect(employee.auth0UserId).toBeNull();
      expect(ms).toBeLessThan(WAIT_MS + 750);
    }
    expect(await gateway.control.users()).toHaveLength(0);

    await gateway.control.configure({ outages: [] });
    const ids = results.map(({ employee }) => employee.id);
    const dbIds = (await gateway.prisma.employee.findMany({ where: { email: { in: results.map((r) => r.employee.email) } } })).map((e) => e.id);
    await waitForStatuses(gateway, dbIds, 'CREATED');

    const counts = usersByEmployeeId(await gateway.control.users());
    expect(dbIds.map((id) => counts.get(id) ?? 0)).toEqual(dbIds.map(() => 1));
    expect(counts.size).toBe(50);
    const linked = await gateway.prisma.employee.findMany({ where: { id: { in: dbIds } } });
    expect(linked).toHaveLength(50);
    const users = new Map((await gateway.control.users()).map((user) => [user.user_id, user]));
    for (const employee of linked) {
      expect(users.get(employee.auth0UserId!)?.roles).toEqual(['production_associate']);
      expect(employee.auth0Role).toBe('PRODUCTION_ASSOCIATE');
    }
    expect(ids).toHaveLength(50);
  });

  it('creates no duplicate Auth0 users when writes commit and then fail (5xx and dropped connections)', { timeout: 60_000 }, async () => {
    await gateway.control.configure({ commitThenFail: { mode: 'drop', status: 503, rate: 0.5, routes: ['POST /api/v2/users'] } });
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => create(gateway, `Drop Person ${i}`, uniqueEmail(`ctf.drop.${i}`))));
    await gateway.control.configure({ commitThenFail: { mode: 'status', status: 500, rate: 0.5, routes: ['POST /api/v2/users', 'POST /api/v2/users/:id/roles'] } });
    const second = await Promise.all(Array.from({ length: 10 }, (_, i) => create(gateway, `Status Person ${i}`, uniqueEmail(`ctf.status.${i}`))));
    const emails = [...first, ...second].map(({ employee }) => employee.email);
    const ids = (await gateway.prisma.employee.findMany({ where: { email: { in: emails } } })).map((e) => e.id);
    await waitForStatuses(gateway, ids, 'CREATED');
    await gateway.control.configure({ commitThenFail: null });

    const users = await gateway.control.users();
    const counts = usersByEmployeeId(users);
    expect(ids.map((id) => counts.get(id) ?? 0)).toEqual(ids.map(() => 1));
    const linked = await gateway.prisma.employee.findMany({ where: { id: { in: ids } } });
    expect(linked).toHaveLength(20);
    for (const employee of linked) {
      const user = users.find((candidate) => candidate.user_id === employee.auth0UserId);
      expect((user?.app_metadata as { employee_id?: string }).employee_id).toBe(employee.id);
    }
    // The faults really fired: some creates were recognised through the 409 path.
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: { in: ids }, action: 'AUTH0_FIND_USERS_BY_EMAIL' } })).toBeGreaterThan(0);
  });

  it('marks FAILED with the reason after the retry limit, and retryProvisioning re-queues it', { timeout: 60_000 }, async () => {
    const limited = await startTestGateway({ provisioning: { waitMs: 300 }, retry: { limit: 1, delaySeconds: 1, delayMaxSeconds: 1 }, maxRetries: 0 });
    try {
      await limited.control.configure({ outages: [{ routes: ['POST /api/v2/users'], status: 503 }] });
      const { employee } = await create(limited, 'Gives Up', uniqueEmail('gives-up'));
      const id = (await limited.prisma.employee.findUniqueOrThrow({ where: { email: employee.email } })).id;
      await waitForStatuses(limited, [id], 'FAILED', 20_000);
      const failed = await limited.prisma.employee.findUniqueOrThrow({ where: { id } });
      expect(failed.auth0SyncFailureReason).toBe('RETRIES_EXHAUSTED');
      // createEmployee's own attempt, then the job's run and its one retry.
      expect(failed.auth0SyncError).toMatch(/503.*gave up after 3 attempts/);

      await limited.control.configure({ outages: [] });
      const retried = expectNoGraphQLErrors(
        await limited.execute({ document: RetryProvisioningDocument, variables: { employeeId: employee.id } }),
      ).retryProvisioning;
      expect(retried).toMatchObject({ __typename: 'RetryProvisioningPayload', employee: { auth0SyncStatus: 'PENDING', auth0SyncError: null } });
      await waitForStatuses(limited, [id], 'CREATED', 20_000);
      expect(usersByEmployeeId(await limited.control.users()).get(id)).toBe(1);

      const again = expectNoGraphQLErrors(
        await limited.execute({ document: RetryProvisioningDocument, variables: { employeeId: employee.id } }),
      ).retryProvisioning;
      expect(again).toMatchObject({ __typename: 'ProvisioningStateError', code: 'PROVISIONING_STATE' });
      const managerTry = await limited.execute({ document: RetryProvisioningDocument, variables: { employeeId: employee.id }, as: 'manager' });
      expect(managerTry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await limited.close();
    }
  });

  it('resolves EmailTakenInAuth0 deliberately with linkAuth0User', { timeout: 30_000 }, async () => {
    const email = uniqueEmail('taken-elsewhere');
    const foreign = await gateway.identityProvider.createUser({ email, name: 'Pre Existing', employeeId: '00000000-0000-0000-0000-00000000abcd' });
    const { employee } = await create(gateway, 'Pre Existing', email);
    expect(employee).toMatchObject({ auth0SyncStatus: 'FAILED', auth0SyncFailureReason: 'EMAIL_TAKEN_IN_AUTH0', auth0UserId: null });

    const wrong = expectNoGraphQLErrors(
      await gateway.execute({ document: LinkAuth0UserDocument, variables: { employeeId: employee.id, auth0UserId: 'auth0|000000000000000000000000' } }),
    ).linkAuth0User;
    expect(wrong).toMatchObject({ __typename: 'ProvisioningStateError' });

    const linked = expectNoGraphQLErrors(
      await gateway.execute({ document: LinkAuth0UserDocument, variables: { employeeId: employee.id, auth0UserId: foreign.userId } }),
    ).linkAuth0User;
    expect(linked).toMatchObject({ __typename: 'LinkAuth0UserPayload', employee: { auth0UserId: foreign.userId } });
    const id = (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).id;
    await waitForStatuses(gateway, [id], 'CREATED', 15_000);
    expect((await gateway.control.users()).filter((user) => user.email === email)).toEqual([
      expect.objectContaining({ user_id: foreign.userId, roles: ['production_associate'] }),
    ]);
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: id, action: 'AUTH0_USER_LINKED', actor: 'auth0|test-admin' } })).toBe(1);
  });

  it('returns the first result for a repeated idempotency key and a typed conflict for another input', async () => {
    const key = `idem-${uniqueEmail('key')}`;
    const email = uniqueEmail('idem');
    const first = await create(gateway, 'Idem Potent', email, key);
    const second = await create(gateway, 'Idem Potent', email, key);
    expect(second.employee.id).toBe(first.employee.id);
    expect(second.employee.auth0SyncStatus).toBe('CREATED');
    const conflict = expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateEmployeeIdempotentDocument,
        variables: { input: { name: 'Other Name', email, department: 'Picking' }, idempotencyKey: key },
      }),
    ).createEmployee;
    expect(conflict).toEqual({
      __typename: 'IdempotencyKeyConflictError',
      code: 'IDEMPOTENCY_KEY_CONFLICT',
      idempotencyKey: key,
      message: 'This idempotency key was already used with a different input',
    });
    expect((await gateway.control.users()).filter((user) => user.email === email)).toHaveLength(1);
  });

  it('with the kill switch off stores PENDING and calls Auth0 for nothing; the backlog drains when an admin switches it back on (the environment only sets the first value)', { timeout: 40_000 }, async () => {
    const prefix = `kill${process.pid}_${Date.now()}_`;
    const off = await startTestGateway({ provisioning: { enabled: false }, queuePrefix: prefix, emulator: gateway.emulator });
    let ids: string[];
    try {
      const created = await Promise.all(Array.from({ length: 5 }, (_, i) => create(off, `Parked ${i}`, uniqueEmail(`parked.${i}`))));
      for (const { employee, ms } of created) {
        expect(employee.auth0SyncStatus).toBe('PENDING');
        expect(ms).toBeLessThan(1000);
      }
      ids = (await off.prisma.employee.findMany({ where: { email: { in: created.map((c) => c.employee.email) } } })).map((e) => e.id);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Only the caller-token JWKS was fetched: no Management API call, no M2M token.
      expect(Object.keys((await gateway.control.requests()).counts).filter((route) => /\/api\/v2|\/oauth\/token/.test(route))).toEqual([]);
    } finally {
      await off.close();
    }
    // AUTH0_PROVISIONING_ENABLED is only the first start's value: the switch's row now says off.
    const on = await startTestGateway({ queuePrefix: prefix, emulator: gateway.emulator });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await on.prisma.employee.count({ where: { id: { in: ids }, auth0SyncStatus: 'PENDING' } })).toBe(5);
      const switched = expectNoGraphQLErrors(
        await on.execute({ document: SetProvisioningEnabledDocument, variables: { enabled: true, reason: 'test: back on' } }),
      ).setProvisioningEnabled;
      expect(switched).toMatchObject({ __typename: 'SetProvisioningEnabledPayload', status: { enabled: true, changedBy: 'auth0|test-admin' } });
      await waitForStatuses(on, ids, 'CREATED', 20_000);
      const counts = usersByEmployeeId(await gateway.control.users());
      expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));
    } finally {
      await on.close();
    }
  });
});
