// Who may give which role to a new employee: createEmployee and every importEmployees row apply
// assignRole's grant rules, after authorization. The table below is the specification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerRole } from '../../../src/auth/permissions.ts';
import { CreateEmployeeWithRoleDocument, ImportEmployeesWithRolesDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

type Granted = 'PRODUCTION_ASSOCIATE' | 'TEAM_LEAD' | 'MANAGER' | 'ADMIN' | 'omitted';
type Expected = 'granted' | 'refused' | 'forbidden';

/** caller role × granted role → outcome. Forbidden: no create:employees at all (FORBIDDEN before any input rule). */
const GRANTS: Record<CallerRole, Record<Granted, Expected>> = {
  production_associate: { omitted: 'forbidden', PRODUCTION_ASSOCIATE: 'forbidden', TEAM_LEAD: 'forbidden', MANAGER: 'forbidden', ADMIN: 'forbidden' },
  team_lead: { omitted: 'forbidden', PRODUCTION_ASSOCIATE: 'forbidden', TEAM_LEAD: 'forbidden', MANAGER: 'forbidden', ADMIN: 'forbidden' },
  manager: { omitted: 'granted', PRODUCTION_ASSOCIATE: 'granted', TEAM_LEAD: 'granted', MANAGER: 'refused', ADMIN: 'refused' },
  admin: { omitted: 'granted', PRODUCTION_ASSOCIATE: 'granted', TEAM_LEAD: 'granted', MANAGER: 'granted', ADMIN: 'granted' },
};

const CASES = Object.entries(GRANTS).flatMap(([caller, row]) =>
  Object.entries(row).map(([granted, expected]) => [caller as CallerRole, granted as Granted, expected] as const),
);

describe('role grants on creation', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // No queue workers: what matters is what is stored and which Auth0 calls the request itself makes.
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const auth0Writes = async () => (await gateway.control.requests()).requests.filter((entry) => entry.method !== 'GET' && !entry.path.startsWith('/oauth')).length;

  it.each(CASES)('createEmployee as %s granting %s: %s', async (caller, granted, expected) => {
    const email = uniqueEmail(`grant.${caller}`);
    const writesBefore = await auth0Writes();
    const response = await gateway.execute({
      document: CreateEmployeeWithRoleDocument,
      variables: { input: { name: 'Grant Case', email, department: 'Grants', ...(granted === 'omitted' ? {} : { role: granted }) } },
      as: caller,
    });
    const stored = await gateway.prisma.employee.findUnique({ where: { email } });
    if (expected === 'forbidden') {
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(stored).toBeNull();
      return;
    }
    const result = expectNoGraphQLErrors(response).createEmployee;
    if (expected === 'granted') {
      expect(result).toMatchObject({ __typename: 'CreateEmployeePayload', employee: { role: granted === 'omitted' ? 'PRODUCTION_ASSOCIATE' : granted } });
      expect(stored).not.toBeNull();
      expect(await auth0Writes()).toBeGreaterThan(writesBefore);
    } else {
      // About the new employee: there is no existing role to speak of.
      expect(result).toMatchObject({
        __typename: 'RoleNotGrantableError',
        code: 'ROLE_NOT_GRANTABLE',
        role: granted,
        message: `You may not create an employee with the role ${String(granted).toLowerCase()}`,
      });
      expect(stored).toBeNull();
      expect(await auth0Writes()).toBe(writesBefore);
    }
  });

  it.each(CASES)('importEmployees row as %s granting %s: %s', async (caller, granted, expected) => {
    const email = uniqueEmail(`grant.import.${caller}`);
    const response = await gateway.execute({
      document: ImportEmployeesWithRolesDocument,
      variables: {
        input: { employees: [{ name: 'Grant Row', email, department: 'Grants', ...(granted === 'omitted' ? {} : { role: granted.toLowerCase() }) }] },
      },
      as: caller,
    });
    const stored = await gateway.prisma.employee.findUnique({ where: { email } });
    if (expected === 'forbidden') {
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(stored).toBeNull();
      return;
    }
    const result = expectNoGraphQLErrors(response).importEmployees;
    if (result.__typename !== 'ImportEmployeesPayload') throw new Error(JSON.stringify(result));
    if (expected === 'granted') {
      expect(result.rows).toMatchObject([{ outcome: 'CREATED', reasons: [] }]);
      expect(stored?.role).toBe(granted === 'omitted' ? 'PRODUCTION_ASSOCIATE' : granted);
    } else {
      expect(result.rows).toMatchObject([{ outcome: 'INVALID', reasons: [`role: you may not grant the role ${granted.toLowerCase()}`] }]);
      expect(stored).toBeNull();
    }
  });

  it('answers an unknown role with the typed input error, with the other problems, in createEmployee and in import rows', async () => {
    const created = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeWithRoleDocument, variables: { input: { name: '', email: uniqueEmail('role'), department: 'Grants', role: 'SUPERVISOR' } } }),
    ).createEmployee;
    expect(created).toMatchObject({
      __typename: 'InputValidationError',
      issues: [
        { path: ['input', 'name'], message: 'Name must not be empty' },
        { path: ['input', 'role'], message: 'Role must be one of production_associate, team_lead, manager, admin' },
      ],
    });
    const imported = expectNoGraphQLErrors(
      await gateway.execute({
        document: ImportEmployeesWithRolesDocument,
        variables: { input: { dryRun: true, employees: [{ name: 'Row', email: uniqueEmail('role.row'), department: 'Grants', role: 'boss' }] } },
      }),
    ).importEmployees;
    expect(imported).toMatchObject({ rows: [{ outcome: 'INVALID', reasons: ['role: Role must be one of production_associate, team_lead, manager, admin'] }] });
  });
});
