import { InputValidationError } from '@pothos/plugin-validation';
import type { Employee } from '../../generated/prisma/client.ts';
import { builder } from '../../builder.ts';
import { EmailAlreadyUsedError } from '../../services/errors.ts';
import { createEmployeeInputSchema, DEFAULT_EMPLOYEE_ROLE } from '../../services/employee-input.ts';
import { EmployeeNode, EmployeeRoleEnum } from './employee.type.ts';
import { validateInput } from '../validate-input.ts';

const CreateEmployeeInput = builder
  .inputType('CreateEmployeeInput', {
    description: 'A new employee. Names are kept as given (trimmed, NFC); emails are lower-cased.',
    fields: (t) => ({
      name: t.string({ required: true, description: 'Full name, 1-200 characters.' }),
      email: t.string({ required: true, description: 'Work email; becomes the Auth0 login. Unique among employees.' }),
      department: t.string({ required: true, description: 'Department, 1-100 characters.' }),
      role: t.field({
        type: EmployeeRoleEnum,
        required: false,
        defaultValue: DEFAULT_EMPLOYEE_ROLE,
        description: 'RBAC role; production_associate when omitted.',
      }),
    }),
  });

const CreateEmployeePayload = builder.objectRef<{ employee: Employee }>('CreateEmployeePayload').implement({
  description: 'The stored employee. auth0SyncStatus says whether the Auth0 account is ready (CREATED) or failed (FAILED).',
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The new employee.', resolve: (payload) => payload.employee }),
  }),
});

builder.mutationField('createEmployee', (t) =>
  t.field({
    type: CreateEmployeePayload,
    description:
      'Adds an employee, creates their Auth0 account with a verification email (no password is set by anyone but the employee) and assigns their role. Every Auth0 call is audited.',
    authScopes: { permission: 'create:employees' },
    errors: {
      types: [InputValidationError, EmailAlreadyUsedError],
      directResult: true,
      union: { name: 'CreateEmployeeResult' },
    },
    args: { input: t.arg({ type: CreateEmployeeInput, required: true }) },
    resolve: async (_root, args, context) => {
      const input = validateInput(createEmployeeInputSchema, args.input, 'input');
      const outcome = await context.services.createEmployee(context.actor, input);
      if (outcome instanceof EmailAlreadyUsedError) throw outcome;
      return { employee: outcome };
    },
  }),
);
