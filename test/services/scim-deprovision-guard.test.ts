// The mass-deprovisioning guard at the service level, on a database of its own (it counts the workforce
// and the window's SCIM deactivations): the 11th SCIM deactivation of a 100-person workforce within an hour
// is held, the employee stays active, and two gateways on one database share one limit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Employee } from '../../src/generated/prisma/client.ts';
import { EmployeeOutOfReachError } from '../../src/services/errors.ts';
import { scimActor } from '../../src/services/scim-tokens.ts';
import { holdScratchDatabase } from '../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { DiscardHeldDeactivationsDocument, HeldDeactivationsDocument, ReleaseHeldDeactivationsDocument } from '../generated/graphql.ts';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../helpers/emulator.ts';

const okta = scimActor({ tokenId: '00000000-0000-0000-0000-000000000001', name: 'okta', maxRole: 'TEAM_LEAD' }, null);
const admin = { id: 'auth0|admin', correlationId: null, permissions: new Set(['manage:provisioning']) };

let database: { url: string; drop(): Promise<void> };
let emulator: RunningEmulator;
let first: TestGateway;
let second: TestGateway;

beforeAll(async () => {
  database = await holdScratchDatabase({ migrate: true });
  emulator = await startGatewayEmulator();
  [first, second] = await Promise.all([
    startTestGateway({ databaseUrl: database.url, emulator, workers: false }),
    startTestGateway({ databaseUrl: database.url, emulator, workers: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
  await emulator?.close();
  await database?.drop();
});

/** A fresh workforce of 100 active production associates (and one manager), and an empty window. */
async function workforce(): Promise<Employee[]> {
  await first.prisma.scimDeactivation.deleteMany();
  await first.prisma.auditEvent.deleteMany();
  await first.prisma.employee.deleteMany();
  const stamp = Date.now().toString(36);
  await first.prisma.employee.createMany({
    data: Array.from({ length: 100 }, (_, index) => ({ name: `Worker ${index}`, email: `w${index}.${stamp}@warehouse-example.com`, department: 'Picking' })),
  });
  return first.prisma.employee.findMany({ orderBy: { email: 'asc' } });
}

describe('SCIM deactivations through the guard', () => {
  let employees: Employee[];
  beforeEach(async () => {
    employees = await workforce();
  });

  it('applies the first ten within the hour and holds the eleventh, which stays active until an admin releases it', async () => {
    const guard = (await first.composition.services()).deprovisionGuard;
    for (const employee of employees.slice(0, 10)) {
      const result = await guard.deactivate(okta, employee.id, 'left the company');
      expect(result).toMatchObject({ outcome: 'DEACTIVATED', employee: { id: employee.id, active: false } });
    }
    const eleventh = employees[10]!;
    expect(await guard.deactivate(okta, eleventh.id, 'left the company')).toMatchObject({ outcome: 'HELD', employee: { id: eleventh.id, active: true } });
    // An identity provider's retry stays one held change.
    expect(await guard.deactivate(okta, eleventh.id, 'left the company')).toMatchObject({ outcome: 'HELD' });
    expect(await first.prisma.employee.findUniqueOrThrow({ where: { id: eleventh.id } })).toMatchObject({ active: true, auth0SyncStatus: 'PENDING' });
    expect(await first.prisma.employee.count({ where: { active: false } })).toBe(10);

    const held = await guard.held();
    expect(held.map((row) => [row.employeeId, row.actor, row.reason, row.state])).toEqual([[eleventh.id, 'scim:okta', 'left the company', 'HELD']]);
    const heldAudit = await first.prisma.auditEvent.findMany({ where: { action: 'DEACTIVATION_HELD' } });
    expect(heldAudit.map((row) => [row.employeeId, row.actor])).toEqual([[eleventh.id, 'scim:okta']]);
    const metrics = await first.composition.metrics().scimDeactivations.get();
    expect(Object.fromEntries(metrics.values.map((value) => [value.labels.outcome, value.value]))).toEqual({ deactivated: 10, held: 1 });
    // Every process reads the held count from PostgreSQL: the other gateway reports it too.
    expect(await (await second.app.fetch('http://gateway.test/metrics')).text()).toMatch(/^scim_held_deactivations 1$/m);

    const [released] = await guard.release(admin, [held[0]!.id]);
    expect(released!.result).toMatchObject({ id: eleventh.id, active: false });
    expect(await guard.held()).toEqual([]);
    // Released once: a second release (another admin at the same moment) finds nothing to do.
    expect(await guard.release(admin, [held[0]!.id])).toEqual([]);
    const resolution = await first.prisma.auditEvent.findMany({ where: { employeeId: eleventh.id, action: { in: ['DEACTIVATION_RELEASED', 'EMPLOYEE_DEACTIVATED'] } } });
    expect(resolution.map((row) => [row.action, row.actor]).sort()).toEqual([
      ['DEACTIVATION_RELEASED', 'auth0|admin'],
      ['EMPLOYEE_DEACTIVATED', 'auth0|admin'],
    ]);
  });

  it('discarding a held deactivation leaves the employee active; a SCIM reactivation withdraws it', async () => {
    const guard = (await first.composition.services()).deprovisionGuard;
    for (const employee of employees.slice(0, 10)) await guard.deactivate(okta, employee.id, null);
    const [a, b] = [employees[10]!, employees[11]!];
    expect(await guard.deactivate(okta, a.id, null)).toMatchObject({ outcome: 'HELD' });
    expect(await guard.deactivate(okta, b.id, null)).toMatchObject({ outcome: 'HELD' });
    const [discarded] = await guard.discard(admin, [(await guard.held())[0]!.id]);
    expect(discarded!.held.employeeId).toBe(a.id);
    expect(await guard.withdraw(okta, b.id)).toBe(1);
    expect(await guard.held()).toEqual([]);
    expect(await first.prisma.employee.count({ where: { id: { in: [a.id, b.id] }, active: true } })).toBe(2);
    expect(await first.prisma.auditEvent.count({ where: { action: 'DEACTIVATION_DISCARDED' } })).toBe(2);
  });

  it('two gateways on one database share the limit: of 30 concurrent deactivations exactly 10 apply', async () => {
    const guards = [(await first.composition.services()).deprovisionGuard, (await second.composition.services()).deprovisionGuard];
    const results = await Promise.all(employees.slice(0, 30).map((employee, index) => guards[index % 2]!.deactivate(okta, employee.id, null)));
    const outcomes = results.map((result) => (result instanceof Error ? result.code : result.outcome));
    expect(outcomes.filter((outcome) => outcome === 'DEACTIVATED')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome === 'HELD')).toHaveLength(20);
    expect(await first.prisma.employee.count({ where: { active: false } })).toBe(10);
  });

  it("refuses an employee above the token's maxRole and records nothing for the guard", async () => {
    const guard = (await first.composition.services()).deprovisionGuard;
    const manager = await first.prisma.employee.update({ where: { id: employees[0]!.id }, data: { role: 'MANAGER' } });
    const result = await guard.deactivate(okta, manager.id, null);
    expect(result).toBeInstanceOf(EmployeeOutOfReachError);
    expect(await first.prisma.employee.findUniqueOrThrow({ where: { id: manager.id } })).toMatchObject({ active: true });
    expect(await first.prisma.scimDeactivation.count()).toBe(0);
    const adminToken = scimActor({ tokenId: '00000000-0000-0000-0000-000000000002', name: 'entra', maxRole: 'MANAGER' }, null);
    expect(await guard.deactivate(adminToken, manager.id, null)).toMatchObject({ outcome: 'DEACTIVATED' });
  });

  it('admins list, release and discard held deactivations over GraphQL; managers may not', async () => {
    const guard = (await first.composition.services()).deprovisionGuard;
    for (const employee of employees.slice(0, 10)) await guard.deactivate(okta, employee.id, null);
    const [a, b] = [employees[10]!, employees[11]!];
    await guard.deactivate(okta, a.id, 'contract ended');
    await guard.deactivate(okta, b.id, 'contract ended');

    const refused = await second.execute({ document: HeldDeactivationsDocument, as: 'manager' });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const held = expectNoGraphQLErrors(await second.execute({ document: HeldDeactivationsDocument })).heldDeactivations;
    expect(held.map((row) => [row.state, row.requestedBy, row.reason, row.employee?.active])).toEqual([
      ['HELD', 'scim:okta', 'contract ended', true],
      ['HELD', 'scim:okta', 'contract ended', true],
    ]);
    const [heldA, heldB] = [held[0]!, held[1]!];

    const released = expectNoGraphQLErrors(await second.execute({ document: ReleaseHeldDeactivationsDocument, variables: { ids: [heldA.id, 'not-an-id'] } }));
    expect(released.releaseHeldDeactivations).toMatchObject({
      deactivations: [{ id: heldA.id, state: 'RELEASED', resolvedBy: 'auth0|test-admin', employee: { active: false, auth0SyncStatus: 'DISABLED' } }],
    });
    const discarded = expectNoGraphQLErrors(await second.execute({ document: DiscardHeldDeactivationsDocument, variables: { ids: [heldB.id, heldA.id] } }));
    expect(discarded.discardHeldDeactivations).toMatchObject({ deactivations: [{ id: heldB.id, state: 'DISCARDED', employee: { active: true } }] });
    expect(expectNoGraphQLErrors(await second.execute({ document: HeldDeactivationsDocument })).heldDeactivations).toEqual([]);
    const empty = expectNoGraphQLErrors(await second.execute({ document: DiscardHeldDeactivationsDocument, variables: { ids: [] } }));
    expect(empty.discardHeldDeactivations.__typename).toBe('InputValidationError');
  });
});
