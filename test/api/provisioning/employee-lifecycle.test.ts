// The employee lifecycle over HTTP, against PostgreSQL and the emulator through the official SDK:
// updateEmployee, deactivateEmployee / reactivateEmployee, their durability while Auth0 is down, an email
// change racing a role change, the access drift check, and re-provisioning a user deleted outside the gateway.
import type { ManagementClient } from 'auth0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth0IdentityProvider } from '../../../src/auth0/auth0-identity-provider.ts';
import { requeueAccountSyncs } from '../../../src/jobs/provisioning-workers.ts';
import {
  AssignRoleDocument,
  CreateEmployeeIdempotentDocument,
  DeactivateEmployeeDocument,
  ResendVerificationDocument,
  EmployeesWithDeactivatedDocument,
  PodfactoryPreviousNamesDocument,
  ReactivateEmployeeDocument,
  ReconciliationAccessDriftDocument,
  RetryProvisioningAfterDeletionDocument,
  UpdateEmployeeDocument,
} from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { uniqueDepartment } from '../reads/seed.ts';

describe('employee lifecycle', () => {
  let gateway: TestGateway;
  let auth0: ManagementClient;

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 1500 }, retry: { delaySeconds: 1, delayMaxSeconds: 2, limit: 20 } });
    auth0 = emulatorManagementClient(gateway);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const userInAuth0 = async (userId: string) => (await gateway.control.users()).find((user) => user.user_id === userId);
  const row = (id: string) => gateway.prisma.employee.findFirstOrThrow({ where: { id: Buffer.from(id, 'base64').toString().split(':')[1]! } });

  async function createdEmployee(prefix: string, department = 'Picking') {
    const result = expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateEmployeeIdempotentDocument,
        variables: { input: { name: 'Lee Worker', email: uniqueEmail(prefix), department } },
      }),
    ).createEmployee;
    if (result.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(result));
    await expect.poll(async () => (await row(result.employee.id)).auth0SyncStatus, { timeout: 15_000, interval: 100 }).toBe('CREATED');
    const stored = await row(result.employee.id);
    return { id: result.employee.id, email: stored.email, auth0UserId: stored.auth0UserId! };
  }

  const update = (employeeId: string, input: { name?: string; email?: string; department?: string }, as: 'manager' | 'admin' | 'team_lead' = 'manager') =>
    gateway.execute({ document: UpdateEmployeeDocument, variables: { employeeId, input }, as });

  it('renames, moves and re-addresses an employee in Auth0 (PATCH), keeps the old name, and sends one onboarding email to the new address (the invitation, before a password is set)', async () => {
    const employee = await createdEmployee('update');
    const newEmail = uniqueEmail('update.new');
    const result = expectNoGraphQLErrors(await update(employee.id, { name: ' Lee  Newname ', email: newEmail.toUpperCase(), department: 'Shipping' })).updateEmployee;
    expect(result).toMatchObject({
      __typename: 'UpdateEmployeePayload',
      employee: { name: 'Lee  Newname', email: newEmail, department: 'Shipping', previousNames: ['Lee Worker'], auth0AccountSynced: true },
    });
    const user = await userInAuth0(employee.auth0UserId);
    expect(user).toMatchObject({
      name: 'Lee  Newname',
      email: newEmail,
      email_verified: false,
      app_metadata: { employee_id: (await row(employee.id)).id, created_by: 'productivity_system', department: 'Shipping', role_code: 'production_associate' },
      user_metadata: { full_name: 'Lee  Newname', department: 'Shipping' },
    });
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.to === newEmail).map((mail) => mail.type)).toEqual(['change_password']);

    // A second rename keeps both earlier names, oldest first; PodFactory still finds the employee by either.
    expectNoGraphQLErrors(await update(employee.id, { name: 'Lee Third' }));
    expect((await row(employee.id)).previousNames).toEqual(['Lee Worker', 'Lee  Newname']);
    const report = expectNoGraphQLErrors(
      await gateway.execute({ document: PodfactoryPreviousNamesDocument, variables: { roster: [{ name: 'Lee Worker', email: newEmail }] } }),
    ).podfactoryMatchReport;
    if (report.__typename !== 'PodfactoryMatchReport') throw new Error(report.__typename);
    expect(report.entries[0]).toMatchObject({ status: 'MATCHED', matchedBy: 'EMAIL', nameVariant: null, previousName: 'Lee Worker', employee: { id: employee.id } });

    const audit = await gateway.prisma.auditEvent.findMany({ where: { employeeId: (await row(employee.id)).id, action: { in: ['EMPLOYEE_UPDATED', 'AUTH0_UPDATE_USER'] } }, orderBy: { occurredAt: 'asc' } });
    expect(audit.map((event) => [event.action, event.outcome])).toEqual([
      ['EMPLOYEE_UPDATED', 'SUCCESS'],
      ['AUTH0_UPDATE_USER', 'SUCCESS'],
      ['EMPLOYEE_UPDATED', 'SUCCESS'],
      ['AUTH0_UPDATE_USER', 'SUCCESS'],
    ]);
  });

  it('validates like creation, refuses an address another employee or a foreign Auth0 user holds, and needs update:employees', async () => {
    const employee = await createdEmployee('conflict');
    const other = await createdEmployee('conflict.other');
    expect(expectNoGraphQLErrors(await update(employee.id, { name: '', email: 'nope' })).updateEmployee).toMatchObject({
      __typename: 'InputValidationError',
      issues: [
        { path: ['input', 'name'], message: 'Name must not be empty' },
        { path: ['input', 'email'], message: 'Email must be a valid email address' },
      ],
    });
    expect(expectNoGraphQLErrors(await update(employee.id, { email: other.email })).updateEmployee).toMatchObject({
      __typename: 'EmailAlreadyUsedError',
      email: other.email,
    });
    // A user created in Auth0 outside the gateway.
    const foreign = uniqueEmail('foreign');
    await auth0.users.create({ connection: 'Username-Password-Authentication', email: foreign, password: 'Xy7!correct-horse-battery' });
    expect(expectNoGraphQLErrors(await update(employee.id, { email: foreign })).updateEmployee).toMatchObject({
      __typename: 'EmailTakenInAuth0Error',
      code: 'EMAIL_TAKEN_IN_AUTH0',
      email: foreign,
    });
    expect((await row(employee.id)).email).toBe(employee.email);
    expect((await userInAuth0(employee.auth0UserId))?.email).toBe(employee.email);
    expect((await update(employee.id, { name: 'Lead Rename' }, 'team_lead')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records a typed failure when the address turns out to be taken in Auth0 only once the queued PATCH runs', { timeout: 40_000 }, async () => {
    const employee = await createdEmployee('late.conflict');
    const foreign = uniqueEmail('late.foreign');
    await auth0.users.create({ connection: 'Username-Password-Authentication', email: foreign, password: 'Xy7!correct-horse-battery' });
    await gateway.control.configure({ outages: [{ routes: ['GET /api/v2/users-by-email', 'PATCH /api/v2/users/:id'], status: 503 }] });
    try {
      expect(expectNoGraphQLErrors(await update(employee.id, { email: foreign, department: 'Returns' })).updateEmployee).toMatchObject({
        __typename: 'UpdateEmployeePayload',
        employee: { email: foreign, auth0AccountSynced: false },
      });
    } finally {
      await gateway.control.configure({ outages: [] });
    }
    await expect.poll(async () => (await row(employee.id)).auth0SyncFailureReason, { timeout: 30_000, interval: 250 }).toBe('EMAIL_TAKEN_IN_AUTH0');
    const user = await userInAuth0(employee.auth0UserId);
    // Never linked to, nor taken over from, the other user: Auth0 keeps the old address, the rest is synced.
    expect(user).toMatchObject({ email: employee.email, app_metadata: { department: 'Returns' } });
    expect((await row(employee.id)).auth0SyncError).toMatch(/^EmailTakenInAuth0: /);
  });

  it('loses nothing when Auth0 is down during an update: the PATCH is queued and Auth0 catches up', { timeout: 40_000 }, async () => {
    const employee = await createdEmployee('update.outage');
    await gateway.control.configure({ outages: [{ routes: ['PATCH /api/v2/users/:id'], status: 503 }] });
    try {
      const started = performance.now();
      const result = expectNoGraphQLErrors(await update(employee.id, { name: 'Outage Rename', department: 'Dock' })).updateEmployee;
      expect(performance.now() - started).toBeLessThan(4000);
      expect(result).toMatchObject({ employee: { name: 'Outage Rename', auth0AccountSynced: false } });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await userInAuth0(employee.auth0UserId))?.name).toBe('Lee Worker');
    } finally {
      await gateway.control.configure({ outages: [] });
    }
    await expect.poll(async () => (await userInAuth0(employee.auth0UserId))?.name, { timeout: 30_000, interval: 250 }).toBe('Outage Rename');
    expect((await userInAuth0(employee.auth0UserId))?.app_metadata).toMatchObject({ department: 'Dock' });
    await expect.poll(async () => { const r = await row(employee.id); return r.accountRevision === r.auth0AccountRevision; }, { timeout: 10_000 }).toBe(true);
  });

  it('keeps Option B (PodFactory email variants) current when the email changes, and judges metadata against the shape in force', async () => {
    const connection = 'Username-Password-Authentication';
    const optionB = new Auth0IdentityProvider(auth0, { connection, podfactoryEmailMetadata: true });
    const optionA = new Auth0IdentityProvider(auth0, { connection });
    const profile = { employeeId: '00000000-0000-0000-0000-0000000000b1', name: 'Bee Option', email: uniqueEmail('optb'), department: 'Packing', roleCode: 'team_lead' };
    const created = await optionA.createUser(profile);
    // Created under Option A: current for A, not for B (no podfactory_emails yet).
    expect(optionA.accountMetadataIsCurrent(created, profile)).toBe(true);
    expect(optionB.accountMetadataIsCurrent(created, profile)).toBe(false);
    const moved = { ...profile, email: uniqueEmail('optb.new') };
    const updated = await optionB.updateUser(created.userId, { profile: moved, changeEmail: true });
    const [local, domain] = moved.email.split('@');
    expect(updated.appMetadata).toMatchObject({ role_code: 'team_lead', podfactory_emails: ['shp', 'ship', 'pack', 'pick', 'hp'].map((suffix) => `${local}.${suffix}@${domain}`) });
    expect(optionB.accountMetadataIsCurrent(updated, moved)).toBe(true);
    expect(updated).toMatchObject({ email: moved.email, emailVerified: false });
  });

  it('the sweep re-queues an account change whose job went missing', { timeout: 30_000 }, async () => {
    const employee = await createdEmployee('sweep');
    const { id } = await row(employee.id);
    // As if the job had been lost (retention, a restore): the row is ahead of Auth0 and nothing is queued.
    await gateway.prisma.$executeRaw`UPDATE "Employee" SET department = 'Swept', "accountRevision" = "accountRevision" + 1,
      "updatedAt" = now() - interval '1 minute' WHERE id = ${id}::uuid`;
        // (The sweep's account part only: the whole sweep would also take other test files' PENDING employees.)
    expect(await requeueAccountSyncs(gateway.provisioning.queue, gateway.provisioning.deps)).toBeGreaterThanOrEqual(1);
    await expect
      .poll(async () => ((await userInAuth0(employee.auth0UserId))?.app_metadata as { department?: string } | undefined)?.department, { timeout: 20_000, interval: 250 })
      .toBe('Swept');
  });

  it('deactivates a leaver (blocked, no roles, DISABLED, out of default lists) and reactivates them with their role', async () => {
    const department = uniqueDepartment('Leavers');
    const employee = await createdEmployee('leaver', department);
    expectNoGraphQLErrors(await gateway.execute({ document: AssignRoleDocument, variables: { employeeId: employee.id, role: 'TEAM_LEAD' }, as: 'manager' }));

    const deactivated = expectNoGraphQLErrors(
      await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: employee.id, reason: 'Left the company' }, as: 'manager' }),
    ).deactivateEmployee;
    expect(deactivated).toMatchObject({
      __typename: 'DeactivateEmployeePayload',
      employee: { active: false, auth0SyncStatus: 'DISABLED', deactivationReason: 'Left the company', auth0AccountSynced: true },
    });
    expect(await userInAuth0(employee.auth0UserId)).toMatchObject({ blocked: true, roles: [] });
    // A leaver gets no onboarding email: their account is blocked.
    expect(
      expectNoGraphQLErrors(await gateway.execute({ document: ResendVerificationDocument, variables: { employeeId: employee.id }, as: 'manager' })).resendVerification,
    ).toMatchObject({ __typename: 'ProvisioningStateError', code: 'PROVISIONING_STATE' });

    const list = async (filter?: { department: string; active?: boolean; includeDeactivated?: boolean }) =>
      expectNoGraphQLErrors(await gateway.execute({ document: EmployeesWithDeactivatedDocument, variables: { filter: filter ?? { department } } })).employees;
    expect((await list()).totalCount).toBe(0);
    expect((await list({ department, active: false })).edges.map((edge) => edge.node.id)).toEqual([employee.id]);
    expect((await list({ department, includeDeactivated: true })).totalCount).toBe(1);

    // Not "without an account" in the reconciliation report, and no drift while Auth0 agrees.
    const report = expectNoGraphQLErrors(await gateway.execute({ document: ReconciliationAccessDriftDocument, variables: { department } })).reconciliationReport;
    expect(report).toEqual({ employeesWithoutAuth0User: [], accessDrift: [] });

    const reactivated = expectNoGraphQLErrors(
      await gateway.execute({ document: ReactivateEmployeeDocument, variables: { employeeId: employee.id }, as: 'manager' }),
    ).reactivateEmployee;
    expect(reactivated).toMatchObject({ employee: { active: true, role: 'TEAM_LEAD', auth0Role: 'TEAM_LEAD', auth0SyncStatus: 'CREATED', auth0AccountSynced: true } });
    expect(await userInAuth0(employee.auth0UserId)).toMatchObject({ blocked: false, roles: ['team_lead'] });
    const actions = await gateway.prisma.auditEvent.findMany({
      where: { employeeId: (await row(employee.id)).id, action: { in: ['EMPLOYEE_DEACTIVATED', 'EMPLOYEE_REACTIVATED'] } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(actions.map((event) => [event.action, event.actor, event.detail])).toEqual([
      ['EMPLOYEE_DEACTIVATED', 'auth0|test-manager', 'Left the company'],
      ['EMPLOYEE_REACTIVATED', 'auth0|test-manager', null],
    ]);
    for (const as of ['team_lead', 'production_associate'] as const) {
      const refused = await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: employee.id, reason: 'no' }, as });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('loses nothing when Auth0 is down during a deactivation: the user is blocked once Auth0 is back', { timeout: 40_000 }, async () => {
    const employee = await createdEmployee('leaver.outage');
    await gateway.control.configure({ outages: [{ routes: ['PATCH /api/v2/users/:id', 'DELETE /api/v2/users/:id/roles'], status: 503 }] });
    try {
      const result = expectNoGraphQLErrors(
        await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: employee.id, reason: 'Contract ended' } }),
      ).deactivateEmployee;
      expect(result).toMatchObject({ employee: { active: false, auth0SyncStatus: 'DISABLED', auth0AccountSynced: false } });
      expect((await userInAuth0(employee.auth0UserId))?.blocked ?? false).toBe(false);
    } finally {
      await gateway.control.configure({ outages: [] });
    }
    await expect.poll(async () => (await userInAuth0(employee.auth0UserId))?.blocked, { timeout: 30_000, interval: 250 }).toBe(true);
    await expect.poll(async () => (await userInAuth0(employee.auth0UserId))?.roles, { timeout: 10_000 }).toEqual([]);
    await expect.poll(async () => (await row(employee.id)).auth0Blocked, { timeout: 10_000 }).toBe(true);
    expect((await row(employee.id)).auth0SyncStatus).toBe('DISABLED');
  });

  it('an email change racing a role change: both reach Auth0 and the final state is consistent', { timeout: 40_000 }, async () => {
    const employee = await createdEmployee('race');
    const newEmail = uniqueEmail('race.new');
    const [updated, assigned] = await Promise.all([
      update(employee.id, { email: newEmail }),
      gateway.execute({ document: AssignRoleDocument, variables: { employeeId: employee.id, role: 'TEAM_LEAD' }, as: 'manager' }),
    ]);
    expect(expectNoGraphQLErrors(updated).updateEmployee.__typename).toBe('UpdateEmployeePayload');
    expect(expectNoGraphQLErrors(assigned).assignRole.__typename).toBe('AssignRolePayload');
    await expect
      .poll(async () => {
        const user = await userInAuth0(employee.auth0UserId);
        return [user?.email, user?.roles, (user?.app_metadata as { role_code?: string } | undefined)?.role_code];
      }, { timeout: 30_000, interval: 250 })
      .toEqual([newEmail, ['team_lead'], 'team_lead']);
    await expect
      .poll(async () => {
        const r = await row(employee.id);
        return [r.email, r.role, r.auth0Role, r.accountRevision === r.auth0AccountRevision];
      }, { timeout: 10_000 })
      .toEqual([newEmail, 'TEAM_LEAD', 'TEAM_LEAD', true]);
  });

  it('reports access drift both ways', async () => {
    const department = uniqueDepartment('Drift');
    const blockedHere = await createdEmployee('drift.blocked', department);
    const leaver = await createdEmployee('drift.leaver', department);
    await auth0.users.update(blockedHere.auth0UserId, { blocked: true });
    expectNoGraphQLErrors(await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: leaver.id, reason: 'Left' } }));
    // Once the gateway has blocked the leaver, someone unblocks them behind its back.
    await expect.poll(async () => (await row(leaver.id)).auth0Blocked, { timeout: 15_000 }).toBe(true);
    await auth0.users.update(leaver.auth0UserId, { blocked: false });
    // The report reads Auth0's user search, which trails writes: poll until both writes are indexed.
    await expect
      .poll(
        async () => {
          const report = expectNoGraphQLErrors(await gateway.execute({ document: ReconciliationAccessDriftDocument, variables: { department } }))
            .reconciliationReport;
          return report.accessDrift.map((item) => [item.kind, item.employee.id]).sort();
        },
        { timeout: 15_000, interval: 300 },
      )
      .toEqual(
        [
          ['BLOCKED_IN_AUTH0_BUT_ACTIVE', blockedHere.id],
          ['ACTIVE_IN_AUTH0_BUT_DEACTIVATED', leaver.id],
        ].sort(),
      );
  });

  it('provisions a fresh Auth0 user for an employee whose user was deleted outside the gateway, keeping the old id in the audit trail', { timeout: 30_000 }, async () => {
    const employee = await createdEmployee('deleted');
    const retry = () => gateway.execute({ document: RetryProvisioningAfterDeletionDocument, variables: { employeeId: employee.id } });
    // The user still exists: refused.
    expect(expectNoGraphQLErrors(await retry()).retryProvisioning).toMatchObject({ __typename: 'ProvisioningStateError' });
    // The first account's invitation went out before its user disappears.
    await expect
      .poll(() => gateway.prisma.auditEvent.count({ where: { employee: { email: employee.email }, action: 'AUTH0_SEND_INVITATION_EMAIL' } }), { timeout: 20_000, interval: 100 })
      .toBe(1);
    await auth0.users.delete(employee.auth0UserId);
    expect(expectNoGraphQLErrors(await retry()).retryProvisioning).toMatchObject({
      __typename: 'RetryProvisioningPayload',
      employee: { auth0UserId: null, auth0SyncStatus: 'PENDING' },
    });
    await expect.poll(async () => (await row(employee.id)).auth0SyncStatus, { timeout: 20_000, interval: 200 }).toBe('CREATED');
    const fresh = (await row(employee.id)).auth0UserId!;
    expect(fresh).not.toBe(employee.auth0UserId);
    expect(await userInAuth0(fresh)).toMatchObject({ email: employee.email, roles: ['production_associate'] });
    // The fresh account gets its own invitation (invite mode): nothing of the old account's onboarding remains.
    await expect
      .poll(async () => (await gateway.control.emails()).filter((email) => email.user_id === fresh && email.type === 'change_password').length, {
        timeout: 20_000,
        interval: 200,
      })
      .toBe(1);
    const requeued = await gateway.prisma.auditEvent.findFirstOrThrow({ where: { employeeId: (await row(employee.id)).id, action: 'PROVISIONING_REQUEUED' } });
    expect(requeued).toMatchObject({ actor: 'auth0|test-admin', auth0UserId: employee.auth0UserId });
    expect(requeued.detail).toContain(employee.auth0UserId);
  });
});
