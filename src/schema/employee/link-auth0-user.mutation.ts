import { builder } from '../../builder.ts';
import { Auth0UnavailableError, EmployeeNotFoundError, EmployeeOutOfReachError, ProvisioningStateError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const LinkAuth0UserPayload = employeePayload('LinkAuth0UserPayload', 'The employee, linked and queued to receive its role and be marked CREATED.');

builder.mutationField('linkAuth0User', (t) =>
  t.field({
    type: LinkAuth0UserPayload,
    description:
      'Deliberately links an existing Auth0 user (same email) to an employee, e.g. after EMAIL_TAKEN_IN_AUTH0; the queue then assigns the role. Audited.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion(
      'LinkAuth0UserResult',
      'The linked employee, or why the link was refused.',
      [EmployeeNotFoundError, ProvisioningStateError, Auth0UnavailableError, EmployeeOutOfReachError],
    ),
    args: {
      employeeId: employeeIdArg(t),
      auth0UserId: t.arg.string({ required: true, description: 'The Auth0 user id, e.g. auth0|65f0...' }),
    },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.linkAuth0User(context.actor, employeeUuid(args.employeeId), args.auth0UserId)),
  }),
);
