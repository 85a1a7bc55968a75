import { InputValidationError } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import { MAX_IMPORT_ROWS, type ImportResult } from '../../services/employee-import.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { ROLE_VALUES } from '../employee/employee.type.ts';
import { ImportRowOutcomeType, rowCounts } from './import-row-outcome.type.ts';

const ImportEmployeeRowInput = builder.inputType('ImportEmployeeRowInput', {
  description: 'One row of an import; checked with the createEmployee rules, problems reported per row.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name, 1-200 characters.' }),
    email: t.string({ required: true, description: 'Work email; unique among employees.' }),
    department: t.string({ required: true, description: 'Department, 1-100 characters.' }),
    role: t.string({
      required: false,
      description: `RBAC role: ${ROLE_VALUES}; production_associate when omitted. An unknown value, or one the caller may not grant (assignRole's rules), makes the row INVALID.`,
    }),
  }),
});

const ImportEmployeesInput = builder.inputType('ImportEmployeesInput', {
  description: 'A bulk import: the rows, and whether to only check them.',
  fields: (t) => ({
    employees: t.field({ type: [ImportEmployeeRowInput], required: true, description: `Up to ${MAX_IMPORT_ROWS} rows.` }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'Check and report only; nothing is stored.' }),
  }),
});

const ImportEmployeesPayload = builder.objectRef<ImportResult>('ImportEmployeesPayload').implement({
  description: 'Per-row outcomes. Stored rows are provisioned by the queue; follow them with importBatch(id: batchId).',
  fields: (t) => ({
    batchId: t.id({ nullable: true, description: 'Null for a dry run.', resolve: (result) => result.batchId }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was stored.' }),
    total: t.exposeInt('total', { description: rowCounts.total }),
    created: t.exposeInt('created', { description: rowCounts.created }),
    alreadyExists: t.exposeInt('alreadyExists', { description: rowCounts.alreadyExists }),
    invalid: t.exposeInt('invalid', { description: rowCounts.invalid }),
    rows: t.field({ type: [ImportRowOutcomeType], description: 'One outcome per input row, in order.', resolve: (result) => result.rows }),
  }),
});

builder.mutationField('importEmployees', (t) =>
  t.field({
    type: ImportEmployeesPayload,
    description: `Imports up to ${MAX_IMPORT_ROWS} employees. Each stored row commits with its provisioning job (as createEmployee), so a crash loses or duplicates no one; importing the same rows again answers ALREADY_EXISTS. Auth0 accounts are made by the queue, paced to the rate-limit budget.`,
    authScopes: { permission: 'create:employees' },
    errors: resultUnion('ImportEmployeesResult', 'The per-row outcomes, or why the whole import was refused.', [InputValidationError]),
    args: { input: t.arg({ type: ImportEmployeesInput, required: true, description: 'The rows to import.' }) },
    resolve: async (_root, args, context) => {
      const rows = args.input.employees;
      if (rows.length > MAX_IMPORT_ROWS) {
        throw new InputValidationError({
          issues: [{ message: `At most ${MAX_IMPORT_ROWS} rows per import (got ${rows.length}); split the file`, path: ['input', 'employees'] }],
        });
      }
      return context.services.importEmployees(context.actor, rows, { dryRun: args.input.dryRun ?? false });
    },
  }),
);
