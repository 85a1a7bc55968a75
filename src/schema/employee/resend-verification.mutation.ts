import { builder } from '../../builder.ts';
import { AlreadyVerifiedError, Auth0UnavailableError, EmployeeNotFoundError, EmployeeOutOfReachError, NoAuth0UserYetError, ProvisioningStateError, RateLimitedError, VerificationCooldownError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const ResendVerificationPayload = employeePayload(
  'ResendVerificationPayload',
  'Auth0 queued a new onboarding email for the employee (the invitation or the verification email, per ONBOARDING_EMAIL).',
);

builder.mutationField('resendVerification', (t) =>
  t.field({
    type: ResendVerificationPayload,
    description:
      "Has Auth0 send the employee's onboarding email again: in invite mode a new password-set email (POST /dbconnections/change_password; the link goes only to the employee, never into this response), in verify mode the verification email (POST /api/v2/jobs/verification-email). One per employee per cooldown period, and invitations at most one per minute; audited. A deactivated employee gets none (ProvisioningStateError).",
    authScopes: { permission: 'send:verification' },
    errors: resultUnion(
      'ResendVerificationResult',
      'The email was sent, or why it was not.',
      [EmployeeNotFoundError, AlreadyVerifiedError, NoAuth0UserYetError, VerificationCooldownError, Auth0UnavailableError, ProvisioningStateError, EmployeeOutOfReachError, RateLimitedError],
    ),
    args: { employeeId: employeeIdArg(t) },
    resolve: async (_root, args, context) => {
      const employeeId = employeeUuid(args.employeeId);
      await context.services.callerLimits.consume(context.actor.id, 'resend');
      return unwrapEmployee(await context.services.resendVerification(context.actor, employeeId));
    },
  }),
);
