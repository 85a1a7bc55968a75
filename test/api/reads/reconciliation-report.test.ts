// reconciliationReport over HTTP: one of each planted disagreement between the employee table and
// Auth0, and nothing else. Employees live in a department of their own; the emulator is this file's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReconciliationReportDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, seedEmployees, uniqueDepartment } from './seed.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('reconciliation report', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
    await gateway.control.configure({ searchLagMs: 0 });
  });

  it('finds each planted case (no account, deleted account, orphan, duplicate, drift, stale unverified) and nothing else', async () => {
    const department = uniqueDepartment('Reconcile');
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    // In order: fine, fine but old and verified, fine and recent, then one of each problem.
    const [healthy, verifiedOld, recentUnverified] = await seedEmployees(gateway, [
      { name: 'All Good', department, auth0: true },
      { name: 'Old But Verified', department, auth0: true, auth0AccountCreatedAt: tenDaysAgo },
      { name: 'New Unverified', department, auth0: true, auth0AccountCreatedAt: new Date(Date.now() - 2 * DAY) },
    ]);
    await gateway.control.verify(verifiedOld!.employee.auth0UserId!);
    const notLinked = await seedEmployee(gateway, { name: 'Never Linked', department, status: 'FAILED' });
    const deleted = await seedEmployee(gateway, { name: 'Gone From Auth0', department, auth0: true });
    await fetch(`${gateway.emulator.url}/api/v2/users/${encodeURIComponent(deleted.employee.auth0UserId!)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await managementToken(gateway)}` },
    }).then((response) => expect(response.status).toBe(204));
    const drifted = await seedEmployee(gateway, { name: 'Role Drift', department, role: 'PRODUCTION_ASSOCIATE', auth0: true, auth0Roles: ['team_lead'] });
    const stale = await seedEmployee(gateway, { name: 'Stale Unverified', department, auth0: true, auth0AccountCreatedAt: tenDaysAgo });
    const duplicated = await seedEmployee(gateway, { name: 'Has Two', department, auth0: true });
    const second = await gateway.identityProvider.createUser({
      email: uniqueEmail('second-account'),
      name: 'Has Two',
      employeeId: duplicated.employee.id,
    });
    const orphan = await gateway.identityProvider.createUser({ email: uniqueEmail('orphan'), name: 'Left Long Ago', employeeId: randomUUID() });

    const report = expectNoGraphQLErrors(
      await gateway.execute({ document: ReconciliationReportDocument, variables: { department, unverifiedForDays: 7 } }),
    ).reconciliationReport;

    expect(report).toMatchObject({ department, unverifiedForDays: 7, employeesChecked: 8, auth0UsersScanned: 8 });
    expect(report.employeesWithoutAuth0User).toEqual([
      { reason: 'LINKED_USER_MISSING', unlinkedAuth0UserIds: [], employee: { id: deleted.id, email: deleted.employee.email } },
      { reason: 'NOT_LINKED', unlinkedAuth0UserIds: [], employee: { id: notLinked.id, email: notLinked.employee.email } },
    ]);
    expect(report.orphanedAuth0Users).toEqual([
      { employeeId: orphan.appMetadata.employee_id, user: { userId: orphan.userId, email: orphan.email } },
    ]);
    expect(report.duplicateAuth0Users).toEqual([
      {
        employee: { id: duplicated.id, email: duplicated.employee.email },
        users: [
          { userId: duplicated.employee.auth0UserId, email: duplicated.employee.email },
          { userId: second.userId, email: second.email },
        ],
      },
    ]);
    expect(report.roleDrift).toEqual([
      {
        employee: { id: drifted.id, email: drifted.employee.email },
        auth0UserId: drifted.employee.auth0UserId,
        expectedRole: 'production_associate',
        auth0Roles: ['team_lead'],
      },
    ]);
    expect(report.staleUnverified).toEqual([
      {
        employee: { id: stale.id, email: stale.employee.email },
        auth0UserId: stale.employee.auth0UserId,
        accountCreatedAt: tenDaysAgo.toISOString(),
        daysUnverified: 10,
      },
    ]);
    const reported = JSON.stringify(report);
    for (const fine of [healthy!, verifiedOld!, recentUnverified!]) expect(reported).not.toContain(fine.id);
  });

  it('takes the unverified threshold from the caller', async () => {
    const department = uniqueDepartment('Reconcile');
    const recent = await seedEmployee(gateway, { name: 'Three Days', department, auth0: true, auth0AccountCreatedAt: new Date(Date.now() - 3 * DAY) });
    const lenient = expectNoGraphQLErrors(
      await gateway.execute({ document: ReconciliationReportDocument, variables: { department } }),
    ).reconciliationReport;
    expect(lenient.staleUnverified).toEqual([]);
    expect(lenient.unverifiedForDays).toBe(7);
    const strict = expectNoGraphQLErrors(
      await gateway.execute({ document: ReconciliationReportDocument, variables: { department, unverifiedForDays: 2 } }),
    ).reconciliationReport;
    expect(strict.staleUnverified.map((item) => item.employee.id)).toEqual([recent.id]);
  });

  it('is for callers with manage:provisioning only', async () => {
    const response = await gateway.execute({ document: ReconciliationReportDocument, variables: { department: 'x' }, as: 'manager' });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function managementToken(gateway: TestGateway): Promise<string> {
  const response = await fetch(`${gateway.emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: gateway.emulator.clientId,
      client_secret: gateway.emulator.clientSecret,
      audience: gateway.emulator.managementAudience,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
