import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import {
  EmailAlreadyUsedError,
  EmployeeAlreadyExistsError,
  ExternalIdAlreadyUsedError,
  IdempotencyKeyConflictError,
  RateLimitedError,
  RoleNotGrantableError,
  EndDateBeforeStartDateError,
  ScheduleNotAllowedError,
} from '../../services/errors.ts';
import { createEmployeeInputSchema } from '../../services/employee-input.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { employeePayload, unwrapEmployee } from './employee.payload.ts';
import { ROLE_VALUES } from './employee.type.ts';

const idempotencyKeySchema = z.string().min(1, 'Idempotency key must not be empty').max(200, 'Idempotency key must be at most 200 characters');

const CreateEmployeeInput = builder
  .inputType('CreateEmployeeInput', {
    description: 'A new employee. Names are kept as given (trimmed, NFC); emails are lower-cased.',
    fields: (t) => ({
      name: t.string({ required: true, description: 'Full name, 1-200 characters.' }),
      email: t.string({ required: true, description: 'Work email; becomes the Auth0 login. Unique among employees.' }),
      department: t.string({ required: true, description: 'Department, 1-100 characters.' }),
      role: t.string({
        required: false,
        description: `RBAC role: ${ROLE_VALUES}; production_associate when omitted. Checked with the other input (InputValidationError for an unknown value) and then with assignRole's grant rules (RoleNotGrantableError).`,
      }),
      externalId: t.string({
        required: false,
        description:
          "The source system's own id for this person (tracker, HR system, identity provider), 1-255 characters, unique. An employee already stored under it answers EmployeeAlreadyExistsError; one whose email belongs to another employee, ExternalIdAlreadyUsedError.",
      }),
      startDate: t.string({ required: false, description: "First working day, YYYY-MM-DD in the company's time zone (COMPANY_TIME_ZONE). The account is created at once; the invitation waits until INVITE_DAYS_BEFORE_START days before it (at once when nearer)." }),
      endDate: t.string({ required: false, description: "Last working day, YYYY-MM-DD in the company's time zone: the employee is deactivated at the end of it (as deactivateEmployee does, audited as the actor schedule). Needs deactivate:employees and reach over the role (ScheduleNotAllowedError); before startDate: EndDateBeforeStartDateError." }),
    }),
  });

const CreateEmployeePayload = employeePayload(
  'CreateEmployeePayload',
  'The stored employee. auth0SyncStatus says whether the Auth0 account is ready (CREATED), still queued (PENDING: Auth0 was slow or down, or provisioning is switched off) or failed (FAILED, with a typed reason).',
  'The new employee.',
);

builder.mutationField('createEmployee', (t) =>
  t.field({
    type: CreateEmployeePayload,
    description:
      'Adds an employee and queues their Auth0 account (verification email, no password set by anyone but the employee, role assigned) in one transaction. Answers CREATED when Auth0 finishes within the bounded wait, otherwise PENDING; the queue finishes later. Every Auth0 call is audited.',
    authScopes: { permission: 'create:employees' },
    errors: resultUnion(
      'CreateEmployeeResult',
      'The stored employee, or why nothing was stored.',
      [
        InputValidationError,
        EmailAlreadyUsedError,
        IdempotencyKeyConflictError,
        RoleNotGrantableError,
        EmployeeAlreadyExistsError,
        ExternalIdAlreadyUsedError,
        EndDateBeforeStartDateError,
        ScheduleNotAllowedError,
        RateLimitedError,
      ],
    ),
    args: {
      input: t.arg({ type: CreateEmployeeInput, required: true, description: 'The new employee.' }),
      idempotencyKey: t.arg.string({
        required: false,
        description:
          'Optional key (1-200 characters) making retries safe: the same key with the same input returns the first result; with another input, IdempotencyKeyConflictError.',
      }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(createEmployeeInputSchema, args.input, 'input');
      const idempotencyKey = args.idempotencyKey == null ? null : validateInput(idempotencyKeySchema, args.idempotencyKey, 'idempotencyKey');
      await context.services.callerLimits.consume(context.actor.id, 'create');
      return unwrapEmployee(await context.services.createEmployee(context.actor, input, { idempotencyKey }));
    },
  }),
);
