import { builder } from '../../builder.ts';
import { AlreadyVerifiedError, Auth0UnavailableError, EmployeeNotFoundError, NoAuth0UserYetError, VerificationCooldownError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const ResendVerificationPayload = employeePayload('ResendVerificationPayload', 'Auth0 queued a new verification email for the employee.');

builder.mutationField('resendVerification', (t) =>
  t.field({
    type: ResendVerificationPayload,
    description:
      "Has Auth0 send the employee's verification email again (POST /api/v2/jobs/verification-email). One per employee per cooldown period; audited.",
    authScopes: { permission: 'send:verification' },
    errors: resultUnion(
      'ResendVerificationResult',
      'The email was sent, or why it was not.',
      [EmployeeNotFoundError, AlreadyVerifiedError, NoAuth0UserYetError, VerificationCooldownError, Auth0UnavailableError],
    ),
    args: { employeeId: employeeIdArg(t) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.resendVerification(context.actor, employeeUuid(args.employeeId))),
  }),
);
