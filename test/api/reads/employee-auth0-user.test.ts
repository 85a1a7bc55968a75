// Employee.auth0User over HTTP: what a page of employees with their live Auth0 state costs in
// Management API requests, counted in the emulator's request log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmployeesWithAuth0RolesDocument, EmployeesWithAuth0UserDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { requestCounts, requestsSince, seedEmployee, seedEmployees, uniqueDepartment } from './seed.ts';

const SEARCH = 'GET /api/v2/users';
const GET_USER = 'GET /api/v2/users/:id';

/** Management API reads only (the token request is not one). */
function managementReads(delta: Record<string, number>): number {
  return Object.entries(delta)
    .filter(([route]) => route.startsWith('GET /api/v2/'))
    .reduce((sum, [, count]) => sum + count, 0);
}

describe('Employee.auth0User through the per-request loader', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // Pages of 100 profiles (the loader's batch) cost more than the default GRAPHQL_MAX_COST allows; raised here.
    gateway = await startTestGateway({ workers: false, maxRetries: 0, limits: { maxCost: 10_000 } });
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
  });

  it('reads a page of 100 employees with their Auth0 users in at most 2 Management API requests', async () => {
    await gateway.control.configure({ searchLagMs: 0 });
    const department = uniqueDepartment();
    const seeded = await seedEmployees(gateway, Array.from({ length: 100 }, (_, i) => ({ name: `Batch Person ${i}`, department, auth0: true })));
    await gateway.control.verify(seeded[0]!.employee.auth0UserId!);
    const before = await requestCounts(gateway);

    const page = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeesWithAuth0UserDocument, variables: { first: 100, filter: { department } } }),
    ).employees;

    const delta = await requestsSince(gateway, before);
    expect(managementReads(delta)).toBeLessThanOrEqual(2);
    expect(delta[SEARCH]).toBe(1);
    expect(delta[GET_USER]).toBeUndefined();
    expect(page.edges).toHaveLength(100);
    const byId = new Map(seeded.map(({ id, employee }) => [id, employee]));
    for (const { node } of page.edges) {
      const employee = byId.get(node.id)!;
      expect(node.auth0UserMissing).toBe(false);
      expect(node.auth0User).toMatchObject({
        userId: employee.auth0UserId,
        email: employee.email,
        name: employee.name,
        blocked: false,
        lastLogin: null,
        loginsCount: 0,
      });
      expect(node.auth0User!.emailVerified).toBe(employee.id === seeded[0]!.employee.id);
    }
  });

  it('falls back to one direct read per user the lagging search index misses: exactly 10 of 100', async () => {
    const lagMs = 2_500;
    await gateway.control.configure({ searchLagMs: lagMs });
    const department = uniqueDepartment();
    const indexed = await seedEmployees(gateway, Array.from({ length: 90 }, () => ({ department, auth0: true })));
    await new Promise((resolve) => setTimeout(resolve, lagMs + 200));
    const startedAt = Date.now();
    const fresh = await seedEmployees(gateway, Array.from({ length: 10 }, () => ({ department, auth0: true })));
    const before = await requestCounts(gateway);

    const page = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeesWithAuth0UserDocument, variables: { first: 100, filter: { department } } }),
    ).employees;

    // The fresh users must still have been invisible to search when the query ran.
    expect(Date.now() - startedAt).toBeLessThan(lagMs);
    const delta = await requestsSince(gateway, before);
    expect(delta[SEARCH]).toBe(1);
    expect(delta[GET_USER]).toBe(10);
    const readDirectly = (await gateway.control.requests()).requests
      .filter((entry) => entry.route === GET_USER)
      .map((entry) => decodeURIComponent(entry.path.split('/').pop()!));
    expect(readDirectly.sort()).toEqual(fresh.map(({ employee }) => employee.auth0UserId).sort());
    expect(page.edges.map(({ node }) => node.auth0User?.userId).sort()).toEqual(
      [...indexed, ...fresh].map(({ employee }) => employee.auth0UserId).sort(),
    );
  });

  it('resolves a deleted Auth0 user to null with auth0UserMissing, and an unlinked employee without asking Auth0', async () => {
    await gateway.control.configure({ searchLagMs: 0 });
    const department = uniqueDepartment();
    const linked = await seedEmployee(gateway, { name: 'Still There', department, auth0: true });
    const gone = await seedEmployee(gateway, { name: 'Deleted User', department, auth0: 'auth0|00000000000000000000dead' });
    const unlinked = await seedEmployee(gateway, { name: 'Never Provisioned', department, status: 'FAILED' });
    const before = await requestCounts(gateway);

    const nodes = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeesWithAuth0UserDocument, variables: { first: 10, filter: { department } } }),
    ).employees.edges.map(({ node }) => node);

    const byId = new Map(nodes.map((node) => [node.id, node]));
    expect(byId.get(linked.id)).toMatchObject({ auth0UserMissing: false, auth0User: { userId: linked.employee.auth0UserId } });
    expect(byId.get(gone.id)).toMatchObject({ auth0UserId: 'auth0|00000000000000000000dead', auth0UserMissing: true, auth0User: null });
    expect(byId.get(unlinked.id)).toMatchObject({ auth0UserId: null, auth0UserMissing: false, auth0User: null });
    // One search for both linked ids, one direct read that answers 404 for the deleted one.
    const delta = await requestsSince(gateway, before);
    expect(delta[SEARCH]).toBe(1);
    expect(delta[GET_USER]).toBe(1);
    expect((await gateway.control.requests()).statuses[GET_USER]).toEqual({ '404': 1 });
  });

  it('reports an Auth0 outage on the field alone, with a code, and still answers the page', async () => {
    await gateway.control.configure({ searchLagMs: 0 });
    const department = uniqueDepartment();
    await seedEmployee(gateway, { department, auth0: true });
    await gateway.control.configure({ outages: [{ routes: ['GET /api/v2/users'], status: 503 }] });
    const response = await gateway.execute({ document: EmployeesWithAuth0UserDocument, variables: { first: 5, filter: { department } } });
    expect(response.data?.employees.edges).toHaveLength(1);
    expect(response.data?.employees.edges[0]!.node.auth0User).toBeNull();
    expect(response.errors?.map((error) => [error.path?.at(-1), error.extensions?.code])).toEqual(
      expect.arrayContaining([['auth0User', 'IDENTITY_PROVIDER_UNAVAILABLE']]),
    );
  });

  it('reads the roles of a page through the role member lists: the catalogue and one page per role', async () => {
    await gateway.control.configure({ searchLagMs: 0 });
    const department = uniqueDepartment();
    const roles = ['PRODUCTION_ASSOCIATE', 'TEAM_LEAD', 'MANAGER', 'ADMIN'] as const;
    const seeded = await seedEmployees(
      gateway,
      Array.from({ length: 20 }, (_, i) => ({ department, role: roles[i % 4]!, auth0: true })),
    );
    // One of them also holds a second role in Auth0.
    await gateway.identityProvider.assignRoles(seeded[0]!.employee.auth0UserId!, ['team_lead']);
    const before = await requestCounts(gateway);

    const nodes = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeesWithAuth0RolesDocument, variables: { first: 20, filter: { department } } }),
    ).employees.edges.map(({ node }) => node);

    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      const expected = node.id === seeded[0]!.id ? ['production_associate', 'team_lead'] : [node.role.toLowerCase()];
      expect(node.auth0User!.roles).toEqual(expected);
    }
    const delta = await requestsSince(gateway, before);
    expect(delta).toEqual({ [SEARCH]: 1, 'GET /api/v2/roles': 1, 'GET /api/v2/roles/:id/users': 4 });
  });

  it('reads roles right when a member list runs past one page and holds users outside the page, and when search lags', async () => {
    await gateway.control.configure({ searchLagMs: 0 });
    // 120 associates elsewhere: production_associate's member list needs two checkpoint pages of 100.
    await seedEmployees(gateway, Array.from({ length: 120 }, () => ({ department: uniqueDepartment('Elsewhere'), auth0: true })));
    const department = uniqueDepartment();
    const roles = ['PRODUCTION_ASSOCIATE', 'TEAM_LEAD', 'MANAGER', 'ADMIN'] as const;
    const indexed = await seedEmployees(gateway, Array.from({ length: 8 }, (_, i) => ({ department, role: roles[i % 4]!, auth0: true })));
    // Two users the search index has not seen yet: their profiles come from direct reads, their roles from the lists.
    await gateway.control.configure({ searchLagMs: 60_000 });
    const fresh = await seedEmployees(gateway, [
      { department, role: 'MANAGER', auth0: true },
      { department, role: 'PRODUCTION_ASSOCIATE', auth0: true },
    ]);
    // A user who holds no role at all in Auth0.
    await gateway.identityProvider.removeRoles(indexed[0]!.employee.auth0UserId!, ['production_associate']);
    const before = await requestCounts(gateway);

    const nodes = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeesWithAuth0RolesDocument, variables: { first: 10, filter: { department } } }),
    ).employees.edges.map(({ node }) => node);

    expect(nodes).toHaveLength(10);
    for (const node of nodes) {
      const expected = node.id === indexed[0]!.id ? [] : [node.role.toLowerCase()];
      expect(node.auth0User!.roles, node.id).toEqual(expected);
    }
    const delta = await requestsSince(gateway, before);
    expect(delta[SEARCH]).toBe(1);
    expect(delta[GET_USER]).toBe(fresh.length);
    // production_associate: 125 members in two pages; the three other roles one page each.
    expect(delta['GET /api/v2/roles/:id/users']).toBe(5);
    expect(delta['GET /api/v2/users/:id/roles']).toBeUndefined();
    expect(delta['GET /api/v2/roles'] ?? 0).toBeLessThanOrEqual(1);
  });
});
