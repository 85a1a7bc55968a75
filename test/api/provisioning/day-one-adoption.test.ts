// Day one (docs/migration.md): today's staff imported with adoptExistingAccounts, some of whom already have
// accounts an administrator made by hand — one blocked, one claimed by another employee id, some verified,
// some never used. Over HTTP against PostgreSQL and the emulator (invite mode), with the official SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagementClient } from 'auth0';
import { AuditTrail, SYSTEM_ACTOR } from '../../../src/services/audit-trail.ts';
import { executeRun, finishRun, planRollback, startOrResumeRun } from '../../../src/services/rollback.service.ts';
import { DayOneImportDocument, EmployeeByExternalIdDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { createHandMadeAccount, emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { uniqueDepartment } from '../reads/seed.ts';

describe('day one: adopting hand-made Auth0 accounts', () => {
  let gateway: TestGateway;
  let client: ManagementClient;
  const department = uniqueDepartment('DayOne');
  const tag = crypto.randomUUID().slice(0, 8);
  const people = {
    unused: uniqueEmail('dayone.unused'),
    verified: uniqueEmail('dayone.verified'),
    blocked: uniqueEmail('dayone.blocked'),
    claimed: uniqueEmail('dayone.claimed'),
    newcomer: uniqueEmail('dayone.newcomer'),
  };
  const accounts: Record<string, string> = {};

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { waitMs: 1000 } });
    client = emulatorManagementClient(gateway);
    const make = (email: string, extra: Record<string, unknown> = {}) => createHandMadeAccount(client, email, extra);
    accounts.unused = await make(people.unused);
    accounts.verified = await make(people.verified);
    await gateway.control.verify(accounts.verified);
    accounts.blocked = await make(people.blocked, { blocked: true });
    accounts.claimed = await make(people.claimed, { app_metadata: { employee_id: crypto.randomUUID() } });
    await new Promise((resolve) => setTimeout(resolve, 600)); // the user search index catches up
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
  });

  const rows = () =>
    Object.entries(people).map(([key, email]) => ({ name: `Day One ${key}`, email, department, externalId: `HR-${tag}-${key}` }));
  const importStaff = async (dryRun: boolean) =>
    expectNoGraphQLErrors(
      await gateway.execute({ document: DayOneImportDocument, variables: { input: { employees: rows(), dryRun, adoptExistingAccounts: true } } }),
    ).importEmployees;
  const outcomes = (result: Awaited<ReturnType<typeof importStaff>>) => {
    if (result.__typename !== 'ImportEmployeesPayload') throw new Error(JSON.stringify(result));
    return Object.fromEntries(result.rows.map((row) => [row.email, row]));
  };
  const usersWith = async (email: string) => (await gateway.control.users()).filter((user) => user.email === email);

  it('a dry run reads Auth0 once and writes nothing, here or there', async () => {
    const before = await gateway.control.requests();
    const result = await importStaff(true);
    const rowsBy = outcomes(result);
    expect(rowsBy[people.unused]).toMatchObject({ outcome: 'WOULD_ADOPT', auth0UserId: accounts.unused });
    expect(rowsBy[people.verified]).toMatchObject({ outcome: 'WOULD_ADOPT', auth0UserId: accounts.verified });
    expect(rowsBy[people.blocked]!.outcome).toBe('CONFLICT');
    expect(rowsBy[people.blocked]!.reasons.join()).toContain('is blocked');
    expect(rowsBy[people.claimed]!.outcome).toBe('CONFLICT');
    expect(rowsBy[people.claimed]!.reasons.join()).toContain('belongs to another employee');
    expect(rowsBy[people.newcomer]!.outcome).toBe('WOULD_CREATE');
    const after = await gateway.control.requests();
    const calls = after.requests.slice(after.requests.length - (after.total - before.total)).map((request) => `${request.method} ${request.path.split('?')[0]}`);
    expect(calls.filter((call) => call !== 'GET /.well-known/jwks.json')).toEqual(['GET /api/v2/users']);
    expect(await gateway.prisma.employee.count({ where: { department } })).toBe(0);
  });

  it('adopts each lone unclaimed account once, invites only those never used, and a rollback leaves them in place', { timeout: 90_000 }, async () => {
    const rowsBy = outcomes(await importStaff(false));
    expect(Object.fromEntries(Object.entries(people).map(([key, email]) => [key, rowsBy[email]!.outcome]))).toEqual({
      unused: 'ADOPTED',
      verified: 'ADOPTED',
      blocked: 'CONFLICT',
      claimed: 'CONFLICT',
      newcomer: 'CREATED',
    });
    const stored = async () => gateway.prisma.employee.findMany({ where: { department }, orderBy: { email: 'asc' } });
    await expect.poll(async () => (await stored()).map((employee) => employee.auth0SyncStatus), { timeout: 30_000 }).toEqual(['CREATED', 'CREATED', 'CREATED']);

    // No duplicate account, nothing written to the conflicts, the adopted ones marked as not the gateway's.
    for (const email of Object.values(people)) expect(await usersWith(email), email).toHaveLength(1);
    expect((await usersWith(people.blocked))[0]).toMatchObject({ blocked: true });
    expect((await usersWith(people.claimed))[0]!.roles ?? []).toEqual([]);
    for (const key of ['unused', 'verified'] as const) {
      const employee = (await stored()).find((row) => row.email === people[key])!;
      expect(employee).toMatchObject({ auth0UserId: accounts[key], externalId: `HR-${tag}-${key}` });
      await expect
        .poll(async () => (await usersWith(people[key]))[0]!.app_metadata, { timeout: 15_000 })
        .toMatchObject({ employee_id: employee.id, external_id: `HR-${tag}-${key}`, linked_at: expect.any(String) });
      const user = (await usersWith(people[key]))[0]!;
      expect(user.app_metadata).not.toHaveProperty('created_by');
      expect(user.roles).toEqual(['production_associate']);
      expect(await gateway.prisma.auditEvent.count({ where: { employeeId: employee.id, action: 'AUTH0_USER_ADOPTED' } })).toBe(1);
    }
    // The invitation goes to the account nobody used (and to the newcomer), never to the verified one.
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.to === people.unused).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.to === people.newcomer).length, { timeout: 15_000 }).toBe(1);
    expect((await gateway.control.emails()).filter((mail) => mail.to === people.verified)).toEqual([]);

    // External ids: GraphQL finds the employee by the source system's id; a re-sent file is ALREADY_EXISTS by id.
    const found = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeeByExternalIdDocument, variables: { externalId: `HR-${tag}-newcomer` } }),
    ).employeeByExternalId;
    expect(found).toMatchObject({ email: people.newcomer, externalId: `HR-${tag}-newcomer` });
    const again = outcomes(await importStaff(false));
    expect([people.unused, people.verified, people.newcomer].map((email) => again[email]!.outcome)).toEqual(['ALREADY_EXISTS', 'ALREADY_EXISTS', 'ALREADY_EXISTS']);

    // A delete-mode rollback: adopted accounts stay, unblocked and unlinked; the gateway's own is deleted.
    const { provider } = await gateway.composition.identity();
    const deps = { prisma: gateway.prisma, audit: new AuditTrail(gateway.prisma), directory: provider, removal: provider };
    const selection = { mode: 'DELETE' as const, createdAfter: null, department };
    const actor = { ...SYSTEM_ACTOR, id: 'cli:rollback:test' };
    const run = await startOrResumeRun(deps, actor, selection, await planRollback(deps, selection));
    await executeRun(deps, actor, run.id);
    expect(await finishRun(deps, actor, run.id)).toMatchObject({ total: 3, done: 3, failed: 0 });
    for (const key of ['unused', 'verified'] as const) {
      const [user] = await usersWith(people[key]);
      expect({ exists: user !== undefined, blocked: user?.blocked ?? false, metadata: user?.app_metadata ?? {} }).toEqual({ exists: true, blocked: false, metadata: {} });
    }
    expect(await usersWith(people.newcomer)).toEqual([]);
  });
});
