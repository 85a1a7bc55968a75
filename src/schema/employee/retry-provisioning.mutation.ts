import { builder } from '../../builder.ts';
import { EmployeeNotFoundError, ProvisioningStateError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const RetryProvisioningPayload = employeePayload('RetryProvisioningPayload', 'The employee, PENDING again with its provisioning job queued.');

builder.mutationField('retryProvisioning', (t) =>
  t.field({
    type: RetryProvisioningPayload,
    description: "Re-queues a FAILED (or stuck PENDING) employee's Auth0 provisioning. Audited.",
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion(
      'RetryProvisioningResult',
      'The re-queued employee, or why it cannot be retried.',
      [EmployeeNotFoundError, ProvisioningStateError],
    ),
    args: { employeeId: employeeIdArg(t) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.retryProvisioning(context.actor, employeeUuid(args.employeeId))),
  }),
);
