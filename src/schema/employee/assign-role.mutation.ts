import { builder } from '../../builder.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError, RoleNotGrantableError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, EmployeeRoleEnum, employeeUuid } from './employee.type.ts';

const AssignRolePayload = employeePayload('AssignRolePayload', 'The employee with the new role; auth0Role shows whether Auth0 has it yet (it is queued when Auth0 is slow or down).');

builder.mutationField('assignRole', (t) =>
  t.field({
    type: AssignRolePayload,
    description:
      "Changes an employee's role locally and in Auth0 (the old RBAC role removed, the new one added). Idempotent; audited; queued when Auth0 is down. Admins (manage:provisioning) grant any role; managers grant production_associate or team_lead to employees holding one of those.",
    authScopes: { permission: 'update:employee_roles' },
    errors: resultUnion(
      'AssignRoleResult',
      'The employee with the new role, or why it was not changed.',
      [EmployeeNotFoundError, RoleNotGrantableError, EmployeeOutOfReachError],
    ),
    args: {
      employeeId: employeeIdArg(t),
      role: t.arg({ type: EmployeeRoleEnum, required: true, description: 'The role to hold from now on.' }),
    },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.assignRole(context.actor, employeeUuid(args.employeeId), args.role)),
  }),
);
