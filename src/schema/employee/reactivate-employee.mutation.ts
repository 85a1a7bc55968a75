import { builder } from '../../builder.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const ReactivateEmployeePayload = employeePayload(
  'ReactivateEmployeePayload',
  'The employee, active again; auth0AccountSynced says whether Auth0 has unblocked the user and restored the role yet.',
);

builder.mutationField('reactivateEmployee', (t) =>
  t.field({
    type: ReactivateEmployeePayload,
    description:
      'A returner: sets active true, unblocks the Auth0 user and gives back the current role (status CREATED, or VERIFIED when Auth0 says the email is verified), durably through the queue. An employee deactivated before their account existed is PENDING and provisioned again. Idempotent; audited.',
    authScopes: { permission: 'deactivate:employees' },
    errors: resultUnion('ReactivateEmployeeResult', 'The reactivated employee, or why nothing was changed.', [EmployeeNotFoundError, EmployeeOutOfReachError]),
    args: { employeeId: employeeIdArg(t) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.reactivateEmployee(context.actor, employeeUuid(args.employeeId))),
  }),
);
