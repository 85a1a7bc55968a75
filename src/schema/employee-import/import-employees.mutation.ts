import { InputValidationError } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import { MAX_IMPORT_ROWS, type ImportResult } from '../../services/employee-import.service.ts';
import { Auth0UnavailableError, RateLimitedError } from '../../services/errors.ts';
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
    externalId: t.string({
      required: false,
      description: "The source system's own id (1-255 characters, unique). A row whose external id an employee holds is ALREADY_EXISTS (matched by id); one that disagrees with the employee its email names is a CONFLICT.",
    }),
    startDate: t.string({ required: false, description: 'First working day (YYYY-MM-DD), as createEmployee; set on new rows only.' }),
    endDate: t.string({ required: false, description: 'Last working day (YYYY-MM-DD), as createEmployee; set on new rows only. Before startDate, or without deactivate:employees, the row is INVALID.' }),
  }),
});

const ImportEmployeesInput = builder.inputType('ImportEmployeesInput', {
  description: 'A bulk import: the rows, and whether to only check them.',
  fields: (t) => ({
    employees: t.field({ type: [ImportEmployeeRowInput], required: true, description: `Up to ${MAX_IMPORT_ROWS} rows.` }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'Check and report only; nothing is stored and nothing is written to Auth0.' }),
    adoptExistingAccounts: t.boolean({
      required: false,
      defaultValue: false,
      description:
        "Day one: a row without an employee looks its email up in Auth0 (one search per 50 rows) and adopts the one unblocked, unclaimed account in the gateway's connection (WOULD_ADOPT / ADOPTED: linked, given the metadata and role, invited only if never used); several accounts, a blocked one or one another employee claims make the row a CONFLICT. Adopted accounts are never blocked or deleted by a rollback, only unlinked.",
    }),
  }),
});

const ImportEmployeesPayload = builder.objectRef<ImportResult>('ImportEmployeesPayload').implement({
  description: 'Per-row outcomes. Stored rows are provisioned by the queue; follow them with importBatch(id: batchId).',
  fields: (t) => ({
    batchId: t.id({ nullable: true, description: 'Null for a dry run.', resolve: (result) => result.batchId }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was stored.' }),
    total: t.exposeInt('total', { description: rowCounts.total }),
    created: t.exposeInt('created', { description: rowCounts.created }),
    adopted: t.exposeInt('adopted', { description: rowCounts.adopted }),
    alreadyExists: t.exposeInt('alreadyExists', { description: rowCounts.alreadyExists }),
    conflicts: t.exposeInt('conflicts', { description: rowCounts.conflicts }),
    invalid: t.exposeInt('invalid', { description: rowCounts.invalid }),
    rows: t.field({ type: [ImportRowOutcomeType], description: 'One outcome per input row, in order.', resolve: (result) => result.rows }),
  }),
});

builder.mutationField('importEmployees', (t) =>
  t.field({
    type: ImportEmployeesPayload,
    description: `Imports up to ${MAX_IMPORT_ROWS} employees. Each stored row commits with its provisioning job (as createEmployee), so a crash loses or duplicates no one; importing the same rows again answers ALREADY_EXISTS. Auth0 accounts are made by the queue, paced to the rate-limit budget.`,
    authScopes: { permission: 'create:employees' },
    errors: resultUnion('ImportEmployeesResult', 'The per-row outcomes, or why the whole import was refused.', [InputValidationError, Auth0UnavailableError, RateLimitedError]),
    args: { input: t.arg({ type: ImportEmployeesInput, required: true, description: 'The rows to import.' }) },
    resolve: async (_root, args, context) => {
      const rows = args.input.employees;
      // An empty import would create a batch that never finishes anything: refused like an over-long one.
      if (rows.length === 0) {
        throw new InputValidationError({ issues: [{ message: 'No rows to import: send at least one employee', path: ['input', 'employees'] }] });
      }
      if (rows.length > MAX_IMPORT_ROWS) {
        throw new InputValidationError({
          issues: [{ message: `At most ${MAX_IMPORT_ROWS} rows per import (got ${rows.length}); split the file`, path: ['input', 'employees'] }],
        });
      }
      // Every row of a real import may reach Auth0; a dry run writes nothing there.
      if (!args.input.dryRun) await context.services.callerLimits.consume(context.actor.id, 'import', rows.length);
      const result = await context.services.importEmployees(context.actor, rows, {
        dryRun: args.input.dryRun ?? false,
        adoptExistingAccounts: args.input.adoptExistingAccounts ?? false,
      });
      if (result instanceof Error) throw result;
      return result;
    },
  }),
);
