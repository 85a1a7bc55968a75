import { InputValidationError } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import { deactivationReasonSchema } from '../../services/employee-input.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError, ScheduleNotAllowedError } from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const DeactivateEmployeePayload = employeePayload(
  'DeactivateEmployeePayload',
  'The employee, inactive and DISABLED; auth0AccountSynced says whether Auth0 has blocked the user yet (queued when Auth0 is down).',
);

builder.mutationField('deactivateEmployee', (t) =>
  t.field({
    type: DeactivateEmployeePayload,
    description:
      'A leaver, now or at effectiveAt: sets active false and auth0SyncStatus DISABLED, then blocks the Auth0 user (PATCH blocked: true) and removes its RBAC roles, durably through the queue like creation. Idempotent; audited.',
    authScopes: { permission: 'deactivate:employees' },
    errors: resultUnion('DeactivateEmployeeResult', 'The deactivated employee, or why nothing was changed.', [InputValidationError, EmployeeNotFoundError, EmployeeOutOfReachError, ScheduleNotAllowedError]),
    args: {
      employeeId: employeeIdArg(t),
      reason: t.arg.string({ required: true, description: 'Why the employee leaves (1-500 characters); kept on the employee and in the audit trail.' }),
      effectiveAt: t.arg({
        type: 'DateTime',
        required: false,
        description:
          'When the deactivation takes effect. In the future: nothing changes now; it is scheduled (scheduledDeactivationAt) and done then by the actor schedule, replacing any pending one. Omitted or past: now.',
      }),
    },
    resolve: async (_root, args, context) => {
      const reason = validateInput(deactivationReasonSchema, args.reason, 'reason');
      return unwrapEmployee(await context.services.deactivateEmployee(context.actor, employeeUuid(args.employeeId), reason, args.effectiveAt ?? null));
    },
  }),
);
