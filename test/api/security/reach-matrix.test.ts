// Who may act on whom (src/services/employee-reach.ts), as a matrix of caller role × target role ×
// operation over HTTP, PostgreSQL and the emulator: admins reach everyone, managers production associates
// and team leads. A refusal writes nothing but its ACCESS_REFUSED audit row, calls no Auth0 and sends no email.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employee, EmployeeRole } from '../../../src/generated/prisma/client.ts';
import {
  ReachAssignRoleDocument,
  ReachDeactivateEmployeeDocument,
  ReachImportEmployeesDocument,
  ReachLinkAuth0UserDocument,
  ReachReactivateEmployeeDocument,
  ReachResendVerificationDocument,
  ReachRetryProvisioningDocument,
  ReachUpdateEmployeeDocument,
} from '../../generated/graphql.ts';
import { startTestGateway, uniqueEmail, type GraphQLResponse, type TestGateway } from '../../helpers/gateway.ts';
import { globalId, seedEmployee, uniqueDepartment } from '../reads/seed.ts';

type Caller = 'manager' | 'admin';
type Answer = { typename: string; code: string | null };

interface Operation {
  /** Needs a deactivated target (reactivation). */
  deactivated?: boolean;
  /** Only admins hold the permission (managers are FORBIDDEN before reach is judged). */
  adminOnly?: boolean;
  run(gateway: TestGateway, as: Caller, target: Employee): Promise<Answer>;
}

function answer<T>(response: GraphQLResponse<T>, field: keyof T): Answer {
  if (response.errors?.length) return { typename: 'GraphQLError', code: String(response.errors[0]!.extensions?.code ?? 'ERROR') };
  const result = response.data![field] as { __typename: string; code?: string };
  return { typename: result.__typename, code: result.code ?? null };
}

function call<T, V>(document: TypedDocumentNode<T, V>, field: keyof T, variables: (target: Employee) => V): Operation['run'] {
  return async (gateway, as, target) => answer(await gateway.execute({ document, variables: variables(target), as }), field);
}

const OPERATIONS: Record<string, Operation> = {
  'updateEmployee (department)': {
    run: call(ReachUpdateEmployeeDocument, 'updateEmployee', (t) => ({ employeeId: globalId(t.id), input: { department: 'Reach Moved' } })),
  },
  'updateEmployee (email)': {
    run: call(ReachUpdateEmployeeDocument, 'updateEmployee', (t) => ({ employeeId: globalId(t.id), input: { email: uniqueEmail('reach.new') } })),
  },
  'assignRole (to team_lead)': {
    run: call(ReachAssignRoleDocument, 'assignRole', (t) => ({ employeeId: globalId(t.id), role: 'TEAM_LEAD' as const })),
  },
  deactivateEmployee: {
    run: call(ReachDeactivateEmployeeDocument, 'deactivateEmployee', (t) => ({ employeeId: globalId(t.id), reason: 'reach matrix' })),
  },
  reactivateEmployee: {
    deactivated: true,
    run: call(ReachReactivateEmployeeDocument, 'reactivateEmployee', (t) => ({ employeeId: globalId(t.id) })),
  },
  resendVerification: {
    run: call(ReachResendVerificationDocument, 'resendVerification', (t) => ({ employeeId: globalId(t.id) })),
  },
  retryProvisioning: {
    adminOnly: true,
    run: call(ReachRetryProvisioningDocument, 'retryProvisioning', (t) => ({ employeeId: globalId(t.id) })),
  },
  linkAuth0User: {
    adminOnly: true,
    run: call(ReachLinkAuth0UserDocument, 'linkAuth0User', (t) => ({ employeeId: globalId(t.id), auth0UserId: t.auth0UserId! })),
  },
  'importEmployees (existing row)': {
    async run(gateway, as, target) {
      const response = await gateway.execute({
        document: ReachImportEmployeesDocument,
        variables: { input: { dryRun: false, employees: [{ name: target.name, email: target.email, department: target.department }] } },
        as,
      });
      if (response.errors?.length) return answer(response, 'importEmployees');
      const row = (response.data!.importEmployees as { rows: { outcome: string; reasons: string[] }[] }).rows[0]!;
      const outOfReach = row.outcome === 'INVALID' && row.reasons.some((reason) => reason.includes('outside your reach'));
      return { typename: row.outcome, code: outOfReach ? 'EMPLOYEE_OUT_OF_REACH' : null };
    },
  },
};

const TARGET_ROLES: readonly EmployeeRole[] = ['PRODUCTION_ASSOCIATE', 'TEAM_LEAD', 'MANAGER', 'ADMIN'];
const reaches = (caller: Caller, role: EmployeeRole) => caller === 'admin' || role === 'PRODUCTION_ASSOCIATE' || role === 'TEAM_LEAD';

describe('reach: caller role × target role × operation', () => {
  let gateway: TestGateway;
  const department = uniqueDepartment('Reach');

  beforeAll(async () => {
    // No queue workers: whatever Auth0 traffic a case causes happens inside its own request.
    gateway = await startTestGateway({ workers: false, onboardingEmail: 'verify' });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  async function target(role: EmployeeRole, deactivated: boolean): Promise<Employee> {
    const { employee } = await seedEmployee(gateway, { department, role, auth0: true, status: 'CREATED' });
    if (!deactivated) return employee;
    return gateway.prisma.employee.update({
      where: { id: employee.id },
      data: { active: false, deactivatedAt: new Date(), deactivationReason: 'left', auth0SyncStatus: 'DISABLED' },
    });
  }

  const cases = Object.keys(OPERATIONS).flatMap((operation) =>
    (['manager', 'admin'] as const).flatMap((caller) => TARGET_ROLES.map((role) => [operation, caller, role] as const)),
  );

  it.each(cases)('%s by a %s on a %s', async (name, caller, role) => {
    const operation = OPERATIONS[name]!;
    const employee = await target(role, operation.deactivated ?? false);
    const requestsBefore = (await gateway.control.requests()).total;
    const emailsBefore = (await gateway.control.emails()).length;
    const auditBefore = await gateway.prisma.auditEvent.count({ where: { employeeId: employee.id } });

    const result = await operation.run(gateway, caller, employee);

    const refusedAudit = await gateway.prisma.auditEvent.findMany({ where: { employeeId: employee.id, action: 'ACCESS_REFUSED' } });
    if (operation.adminOnly && caller === 'manager') {
      expect(result).toEqual({ typename: 'GraphQLError', code: 'FORBIDDEN' });
    } else if (reaches(caller, role)) {
      expect(result.code).not.toBe('EMPLOYEE_OUT_OF_REACH');
      expect(result.typename).not.toBe('GraphQLError');
      expect(refusedAudit).toEqual([]);
      return;
    } else {
      expect(result.code).toBe('EMPLOYEE_OUT_OF_REACH');
      expect(refusedAudit).toMatchObject([{ actor: 'auth0|test-manager', outcome: 'FAILURE' }]);
      expect(refusedAudit[0]!.detail).toContain(name.split(' ')[0]!);
    }
    // Refused: the row as it was, no Auth0 request, no email, no audit row but the refusal's.
    expect(await gateway.prisma.employee.findUniqueOrThrow({ where: { id: employee.id } })).toEqual(employee);
    expect((await gateway.control.requests()).total).toBe(requestsBefore);
    expect((await gateway.control.emails()).length).toBe(emailsBefore);
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: employee.id } })).toBe(auditBefore + refusedAudit.length);
  });
});
