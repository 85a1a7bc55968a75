// employees(first, after, filter, orderBy) and roles over HTTP. Each test works in a department of its
// own: other test files write employees to the same database at the same time.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployeesDocument, RolesDocument, type EmployeesQueryVariables } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployees, uniqueDepartment, type SeededEmployee } from './seed.ts';

describe('employees connection', () => {
  let gateway: TestGateway;
  let department: string;
  let seeded: SeededEmployee[];
  const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 8, n));

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    department = uniqueDepartment();
    // Two employees share a name and a creation time, so ordering must break ties the same way every time.
    seeded = await seedEmployees(gateway, [
      { name: 'Carla Díaz', email: uniqueEmail('carla'), department, role: 'TEAM_LEAD', status: 'CREATED', createdAt: minute(1) },
      { name: 'Bruno Alves', email: uniqueEmail('bruno'), department, role: 'PRODUCTION_ASSOCIATE', status: 'FAILED', createdAt: minute(2) },
      { name: 'ana Zapata', email: uniqueEmail('ana'), department, role: 'PRODUCTION_ASSOCIATE', status: 'CREATED', createdAt: minute(3) },
      { name: 'Dario Pinto', email: uniqueEmail('dario'), department, role: 'MANAGER', status: 'PENDING', createdAt: minute(4) },
      { name: 'Eva Twin', email: uniqueEmail('eva'), department, role: 'PRODUCTION_ASSOCIATE', status: 'CREATED', createdAt: minute(5) },
      { name: 'Eva Twin', email: uniqueEmail('eva'), department, role: 'PRODUCTION_ASSOCIATE', status: 'VERIFIED', createdAt: minute(5) },
      { name: 'Fede Ortiz', email: uniqueEmail('fede'), department, role: 'ADMIN', status: 'CREATED', createdAt: minute(6) },
    ]);
    // Same names elsewhere must not leak into this department's results.
    await seedEmployees(gateway, [{ name: 'Carla Díaz', department: uniqueDepartment(), role: 'TEAM_LEAD', status: 'CREATED' }]);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  async function page(variables: EmployeesQueryVariables) {
    return expectNoGraphQLErrors(await gateway.execute({ document: EmployeesDocument, variables })).employees;
  }
  const names = (connection: Awaited<ReturnType<typeof page>>) => connection.edges.map((edge) => edge.node.name);

  it('refuses an over-long search with BAD_USER_INPUT (the validation plugin), running nothing', async () => {
    const response = await gateway.execute({ document: EmployeesDocument, variables: { first: 5, filter: { search: 'x'.repeat(201) } } });
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]).toMatchObject({
      message: 'filter.search must be at most 200 characters',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(names(await page({ first: 5, filter: { department, search: 'x'.repeat(200) } }))).toEqual([]);
  });

  it('refuses first or last over 500 with BAD_USER_INPUT instead of a silently shorter page', async () => {
    // As variables (the cost limit alone would answer a vague "Query validation error") and as a literal
    // with a small selection (within the cost limit, where Pothos would have cut the page to 500).
    const refusals = [
      await gateway.execute({ document: EmployeesDocument, variables: { first: 501, filter: { department } } }),
      await gateway.execute({ document: EmployeesDocument, variables: { last: 501, filter: { department } } }),
      await gateway.execute({ document: parse('{ employees(first: 501) { totalCount edges { node { id } } } }') as TypedDocumentNode<unknown, unknown> }),
      // The same literal again: yoga reuses its parsed document, and the remembered verdict refuses it alike.
      await gateway.execute({ document: parse('{ employees(first: 501) { totalCount edges { node { id } } } }') as TypedDocumentNode<unknown, unknown> }),
    ];
    expect(refusals.map((response) => [response.data ?? null, response.errors])).toEqual(
      ['first', 'last', 'first', 'first'].map((argument) => [
        null,
        [expect.objectContaining({ message: expect.stringMatching(new RegExp(`^employees\\(${argument}\\): at most 500 per page; ask for the`)), extensions: { code: 'BAD_USER_INPUT' } })],
      ]),
    );
    const atTheLimit = await gateway.execute({
      document: parse(`{ employees(first: 500, filter: { department: "${department}" }) { totalCount } }`) as TypedDocumentNode<{ employees: { totalCount: number } }, unknown>,
    });
    expect(expectNoGraphQLErrors(atTheLimit).employees.totalCount).toBe(7);
  });

  it('filters by department, newest first by default, with the total count', async () => {
    const result = await page({ first: 50, filter: { department } });
    expect(result.totalCount).toBe(7);
    expect(result.edges.every((edge) => edge.node.department === department)).toBe(true);
    expect(names(result)).toEqual(['Fede Ortiz', 'Eva Twin', 'Eva Twin', 'Dario Pinto', 'ana Zapata', 'Bruno Alves', 'Carla Díaz']);
    expect(result.pageInfo).toMatchObject({ hasNextPage: false });
  });

  it('filters by role, by sync status and by a case-insensitive part of the name or email', async () => {
    expect(names(await page({ first: 50, filter: { department, role: 'PRODUCTION_ASSOCIATE' } })).sort()).toEqual(
      ['Bruno Alves', 'Eva Twin', 'Eva Twin', 'ana Zapata'].sort(),
    );
    expect(names(await page({ first: 50, filter: { department, syncStatus: 'CREATED' } })).sort()).toEqual(
      ['Carla Díaz', 'Eva Twin', 'Fede Ortiz', 'ana Zapata'].sort(),
    );
    expect(names(await page({ first: 50, filter: { department, role: 'PRODUCTION_ASSOCIATE', syncStatus: 'FAILED' } }))).toEqual(['Bruno Alves']);
    const twins = await page({ first: 50, filter: { department, search: 'eVA tw' } });
    expect(names(twins)).toEqual(['Eva Twin', 'Eva Twin']);
    expect(twins.totalCount).toBe(2);
    const byEmail = seeded[3]!.employee.email.split('@')[0]!.toUpperCase();
    expect(names(await page({ first: 50, filter: { department, search: byEmail } }))).toEqual(['Dario Pinto']);
    expect((await page({ first: 50, filter: { department, search: 'nobody-by-that-name' } })).totalCount).toBe(0);
  });

  it('orders by name either way, ties broken by id', async () => {
    const ascending = await page({ first: 50, filter: { department }, orderBy: { field: 'NAME', direction: 'ASC' } });
    // PostgreSQL's collation decides where "ana" (lower case) goes; what matters is a total, stable order.
    // Ties go by the employee's UUID (PostgreSQL's uuid order is that of its hex text), not by the global id.
    const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;
    const twinIds = seeded
      .slice(4, 6)
      .map((item) => item.id)
      .sort((a, b) => (uuidOf(a) < uuidOf(b) ? -1 : 1));
    const twinsAscending = ascending.edges.filter((edge) => edge.node.name === 'Eva Twin').map((edge) => edge.node.id);
    expect(twinsAscending).toEqual(twinIds);
    const descending = await page({ first: 50, filter: { department }, orderBy: { field: 'NAME', direction: 'DESC' } });
    expect(descending.edges.map((edge) => edge.node.id)).toEqual(ascending.edges.map((edge) => edge.node.id).reverse());
    const oldestFirst = await page({ first: 50, filter: { department }, orderBy: { field: 'CREATED_AT', direction: 'ASC' } });
    expect(names(oldestFirst).slice(0, 3)).toEqual(['Carla Díaz', 'Bruno Alves', 'ana Zapata']);
  });

  it('pages with cursors, forwards and backwards, with no gap and no overlap (also across tied names)', async () => {
    const orderBy = { field: 'NAME', direction: 'ASC' } as const;
    const all = (await page({ first: 50, filter: { department }, orderBy })).edges.map((edge) => edge.node.id);
    const seen: string[] = [];
    let after: string | null | undefined;
    const hasNext: boolean[] = [];
    do {
      const result = await page({ first: 3, after, filter: { department }, orderBy });
      seen.push(...result.edges.map((edge) => edge.node.id));
      hasNext.push(result.pageInfo.hasNextPage);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
    expect(hasNext).toEqual([true, true, false]);

    const lastTwo = await page({ last: 2, filter: { department }, orderBy });
    expect(lastTwo.edges.map((edge) => edge.node.id)).toEqual(all.slice(-2));
    const beforeThose = await page({ last: 3, before: lastTwo.pageInfo.startCursor, filter: { department }, orderBy });
    expect(beforeThose.edges.map((edge) => edge.node.id)).toEqual(all.slice(-5, -2));
    expect(beforeThose.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a caller without read:employees', async () => {
    const associate = await gateway.execute({ document: EmployeesDocument, variables: { first: 1 }, as: 'production_associate' });
    expect(associate.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the four roles with what they are for and what they grant, without calling Auth0', async () => {
    const before = (await gateway.control.requests()).total;
    const { roles } = expectNoGraphQLErrors(await gateway.execute({ document: RolesDocument, as: 'team_lead' }));
    expect(roles.map((role) => [role.role, role.auth0Name])).toEqual([
      ['PRODUCTION_ASSOCIATE', 'production_associate'],
      ['TEAM_LEAD', 'team_lead'],
      ['MANAGER', 'manager'],
      ['ADMIN', 'admin'],
    ]);
    expect(roles[1]!.permissions).toEqual(['read:self', 'read:employees']);
    expect(roles[3]!.permissions).toContain('manage:provisioning');
    expect(roles.every((role) => role.description.length > 10)).toBe(true);
    expect((await gateway.control.requests()).total).toBe(before);
  });
});
