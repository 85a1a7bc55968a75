import { builder } from '../../builder.ts';
import { Auth0UnavailableError, EmployeeNotFoundError, EmployeeOutOfReachError, ProvisioningStateError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const RetryProvisioningPayload = employeePayload('RetryProvisioningPayload', 'The employee, PENDING again (unlinked from a deleted Auth0 user, if that was the case) with its provisioning job queued.');

builder.mutationField('retryProvisioning', (t) =>
  t.field({
    type: RetryProvisioningPayload,
    description:
      "Re-queues a FAILED (or stuck PENDING) employee's Auth0 provisioning. A CREATED or VERIFIED employee whose Auth0 user was deleted outside the gateway (reconciliation's LINKED_USER_MISSING) is accepted once Auth0 confirms the user is gone: the link is dropped (the old id stays in the audit trail) and a fresh user is created. Audited.",
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion(
      'RetryProvisioningResult',
      'The re-queued employee, or why it cannot be retried.',
      [EmployeeNotFoundError, ProvisioningStateError, Auth0UnavailableError, EmployeeOutOfReachError],
    ),
    args: { employeeId: employeeIdArg(t) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.retryProvisioning(context.actor, employeeUuid(args.employeeId))),
  }),
);
