import { InputValidationError } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import { updateEmployeeInputSchema } from '../../services/employee-input.ts';
import {
  Auth0UnavailableError,
  EmailAlreadyUsedError,
  EmailChangeNotAllowedError,
  EmailTakenInAuth0Error,
  EmployeeNotFoundError,
  EmployeeOutOfReachError,
  EndDateBeforeStartDateError,
  ExternalIdAlreadyUsedError,
  ScheduleNotAllowedError,
  RateLimitedError,
} from '../../services/errors.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { employeeIdArg, employeeUuid } from './employee.type.ts';

const UpdateEmployeeInput = builder.inputType('UpdateEmployeeInput', {
  description: 'The fields to change, checked with the createEmployee rules; omitted (or null) fields stay as they are, except the dates, which null clears.',
  fields: (t) => ({
    name: t.string({ required: false, description: 'New full name, 1-200 characters; the old one is kept in previousNames.' }),
    email: t.string({
      required: false,
      description: 'New work email (the Auth0 login); unique among employees and not held by another Auth0 user. Auth0 marks it unverified and sends a verification email.',
    }),
    department: t.string({ required: false, description: 'New department, 1-100 characters.' }),
    externalId: t.string({
      required: false,
      description: "Sets or changes the source system's id (1-255 characters, unique: ExternalIdAlreadyUsedError); it cannot be removed. Written to Auth0 as app_metadata.external_id.",
    }),
    startDate: t.string({
      required: false,
      description: 'New first working day (YYYY-MM-DD); null clears it. An invitation not sent yet moves with it (or goes at once when its moment has passed).',
    }),
    endDate: t.string({
      required: false,
      description: 'New last working day (YYYY-MM-DD): the pending deactivation moves to the end of it; null clears it and cancels the pending deactivation. Needs deactivate:employees and reach (ScheduleNotAllowedError).',
    }),
  }),
});

const UpdateEmployeePayload = employeePayload(
  'UpdateEmployeePayload',
  'The employee with the change stored; auth0AccountSynced says whether Auth0 has it yet (it is queued when Auth0 is slow or down).',
);

builder.mutationField('updateEmployee', (t) =>
  t.field({
    type: UpdateEmployeePayload,
    description:
      "Changes an employee's name, email, department, external id or dates. The change and its Auth0 job commit together; the job updates the Auth0 user (PATCH /api/v2/users/{id}: name, email, app_metadata and user_metadata) within the bounded wait or later through the queue, retried while Auth0 is down. Audited.",
    authScopes: { permission: 'update:employees' },
    errors: resultUnion(
      'UpdateEmployeeResult',
      'The updated employee, or why nothing was changed.',
      [
        InputValidationError,
        EmployeeNotFoundError,
        EmailAlreadyUsedError,
        EmailTakenInAuth0Error,
        EmployeeOutOfReachError,
        EmailChangeNotAllowedError,
        Auth0UnavailableError,
        ExternalIdAlreadyUsedError,
        EndDateBeforeStartDateError,
        ScheduleNotAllowedError,
        RateLimitedError,
      ],
    ),
    args: {
      employeeId: employeeIdArg(t),
      input: t.arg({ type: UpdateEmployeeInput, required: true, description: 'The fields to change.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(updateEmployeeInputSchema, args.input, 'input');
      await context.services.callerLimits.consume(context.actor.id, 'update');
      return unwrapEmployee(await context.services.updateEmployee(context.actor, employeeUuid(args.employeeId), input));
    },
  }),
);
