// An account the gateway did not create, linked by hand with linkAuth0User, is never the rollback's to
// destroy: later syncs mark it `linked_at` and never write `created_by: productivity_system` onto it, and a
// delete-mode rollback only unlinks it (metadata and roles removed, the employee PENDING) and leaves it in
// place, while the gateway's own accounts in the same selection are deleted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditTrail, SYSTEM_ACTOR } from '../../../src/services/audit-trail.ts';
import { executeRun, finishRun, planRollback, startOrResumeRun, type RollbackSelection } from '../../../src/services/rollback.service.ts';
import { CreateEmployeeIdempotentDocument, LinkAuth0UserDocument, UpdateEmployeeDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { createHandMadeAccount, emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

describe('a user linked by hand and the rollback', () => {
  let gateway: TestGateway;
  const department = uniqueDepartment('HandLinked');

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 1500 } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const auth0User = async (userId: string) => (await gateway.control.users()).find((user) => user.user_id === userId);
  const appMetadata = async (userId: string) => ((await auth0User(userId))?.app_metadata ?? {}) as Record<string, unknown>;

  it('survives a delete-mode rollback, unlinked, while the gateway-made account beside it is deleted', { timeout: 60_000 }, async () => {
    // An account an administrator made by hand before the gateway, with no created_by of ours.
    const client = emulatorManagementClient(gateway);
    const email = uniqueEmail('hand.made');
    const handMade = await createHandMadeAccount(client, email);

    const created = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeIdempotentDocument, variables: { input: { name: 'Hand Made', email, department } } }),
    ).createEmployee;
    if (created.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(created));
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncFailureReason, { timeout: 15_000 }).toBe(
      'EMAIL_TAKEN_IN_AUTH0',
    );
    const linked = expectNoGraphQLErrors(
      await gateway.execute({ document: LinkAuth0UserDocument, variables: { employeeId: created.employee.id, auth0UserId: handMade } }),
    ).linkAuth0User;
    expect(linked).toMatchObject({ __typename: 'LinkAuth0UserPayload', employee: { auth0UserId: handMade } });
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus, { timeout: 15_000 }).toBe('CREATED');

    // A later change syncs the profile: marked as linked, never as created by the system.
    const moved = `${department} Moved`;
    expectNoGraphQLErrors(
      await gateway.execute({ document: UpdateEmployeeDocument, variables: { employeeId: created.employee.id, input: { department: moved } } }),
    );
    await expect.poll(() => appMetadata(handMade), { timeout: 15_000 }).toMatchObject({ department: moved, linked_at: expect.any(String) });
    const marked = await appMetadata(handMade);
    expect(marked).not.toHaveProperty('created_by');
    expect(marked.employee_id).toBe((await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).id);

    // One of the gateway's own in the same department, to show the run deletes what is ours.
    const ours = await seedEmployee(gateway, { department: moved, auth0: true, status: 'CREATED' });
    await new Promise((resolve) => setTimeout(resolve, 600)); // the user search index catches up

    const { provider } = await gateway.composition.identity();
    const deps = { prisma: gateway.prisma, audit: new AuditTrail(gateway.prisma), directory: provider, removal: provider };
    const selection: RollbackSelection = { mode: 'DELETE', createdAfter: null, department: moved };
    const plan = await planRollback(deps, selection);
    expect(plan.candidates.map((candidate) => [candidate.auth0UserId, candidate.unlinkOnly]).sort()).toEqual(
      [[handMade, true], [ours.employee.auth0UserId!, false]].sort(),
    );
    const actor = { ...SYSTEM_ACTOR, id: 'cli:rollback:test' };
    const run = await startOrResumeRun(deps, actor, selection, plan);
    await executeRun(deps, actor, run.id);
    expect(await finishRun(deps, actor, run.id)).toMatchObject({ total: 2, done: 2, failed: 0 });

    const survivor = await auth0User(handMade);
    expect(survivor).toBeDefined();
    expect({ blocked: survivor!.blocked ?? false, roles: survivor!.roles, metadata: survivor!.app_metadata ?? {} }).toEqual({
      blocked: false,
      roles: [],
      metadata: {},
    });
    expect(await auth0User(ours.employee.auth0UserId!)).toBeUndefined();
    expect(await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).toMatchObject({ auth0UserId: null, auth0LinkedAt: null, auth0SyncStatus: 'PENDING' });
    const unlinkAudit = await gateway.prisma.auditEvent.findMany({ where: { auth0UserId: handMade, action: { in: ['AUTH0_UNLINK_USER', 'AUTH0_DELETE_USER', 'AUTH0_BLOCK_USER'] } } });
    expect(unlinkAudit.map((event) => event.action)).toEqual(['AUTH0_UNLINK_USER']);
  });
});
