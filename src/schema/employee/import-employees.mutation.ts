import { encodeGlobalID } from '@pothos/plugin-relay';
import { InputValidationError } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import {
  MAX_IMPORT_ROWS,
  type ImportBatchProgress,
  type ImportResult,
  type ImportRowOutcome,
} from '../../services/employee-import.service.ts';
import { uuidOrNil } from '../ids.ts';
import { EmployeeRoleEnum } from './employee.type.ts';

const ImportEmployeeRowInput = builder.inputType('ImportEmployeeRowInput', {
  description: 'One row of an import; checked with the createEmployee rules, problems reported per row.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'Full name, 1-200 characters.' }),
    email: t.string({ required: true, description: 'Work email; unique among employees.' }),
    department: t.string({ required: true, description: 'Department, 1-100 characters.' }),
    role: t.field({ type: EmployeeRoleEnum, required: false, description: 'RBAC role; production_associate when omitted.' }),
  }),
});

const ImportEmployeesInput = builder.inputType('ImportEmployeesInput', {
  description: 'A bulk import: the rows, and whether to only check them.',
  fields: (t) => ({
    employees: t.field({ type: [ImportEmployeeRowInput], required: true, description: `Up to ${MAX_IMPORT_ROWS} rows.` }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'Check and report only; nothing is stored.' }),
  }),
});

const ImportRowOutcomeKindEnum = builder.enumType('ImportRowOutcomeKind', {
  description: 'What happened to one import row.',
  values: {
    CREATED: { description: 'Stored and queued for Auth0 (progress: importBatch).' },
    WOULD_CREATE: { description: 'Dry run: would be stored.' },
    ALREADY_EXISTS: { description: 'An employee with this email exists (e.g. the same file imported again); left alone.' },
    INVALID: { description: 'Not stored; see reasons.' },
  } as const,
});

const ImportRowOutcomeType = builder.objectRef<ImportRowOutcome>('ImportRowOutcome').implement({
  description: 'The outcome of one import row.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: '1-based position in the input.' }),
    email: t.exposeString('email', { description: 'The email as given, trimmed and lower-cased.' }),
    outcome: t.field({ type: ImportRowOutcomeKindEnum, description: 'What happened to the row.', resolve: (row) => row.outcome }),
    reasons: t.exposeStringList('reasons', { description: 'Why the row is INVALID (field: problem).' }),
    employeeId: t.id({
      nullable: true,
      description: "The employee's global id (created or already existing).",
      resolve: (row) => (row.employeeId ? encodeGlobalID('Employee', row.employeeId) : null),
    }),
  }),
});

const counts = {
  total: 'Rows in the input.',
  created: 'Rows stored (WOULD_CREATE in a dry run).',
  alreadyExists: 'Rows whose email was already stored.',
  invalid: 'Rows rejected.',
} as const;

const ImportEmployeesPayload = builder.objectRef<ImportResult>('ImportEmployeesPayload').implement({
  description: 'Per-row outcomes. Stored rows are provisioned by the queue; follow them with importBatch(id: batchId).',
  fields: (t) => ({
    batchId: t.id({ nullable: true, description: 'Null for a dry run.', resolve: (result) => result.batchId }),
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was stored.' }),
    total: t.exposeInt('total', { description: counts.total }),
    created: t.exposeInt('created', { description: counts.created }),
    alreadyExists: t.exposeInt('alreadyExists', { description: counts.alreadyExists }),
    invalid: t.exposeInt('invalid', { description: counts.invalid }),
    rows: t.field({ type: [ImportRowOutcomeType], description: 'One outcome per input row, in order.', resolve: (result) => result.rows }),
  }),
});

builder.mutationField('importEmployees', (t) =>
  t.field({
    type: ImportEmployeesPayload,
    description: `Imports up to ${MAX_IMPORT_ROWS} employees. Each stored row commits with its provisioning job (as createEmployee), so a crash loses or duplicates no one; importing the same rows again answers ALREADY_EXISTS. Auth0 accounts are made by the queue, paced to the rate-limit budget.`,
    authScopes: { permission: 'create:employees' },
    errors: { types: [InputValidationError], directResult: true, union: { name: 'ImportEmployeesResult', description: 'The per-row outcomes, or why the whole import was refused.' } },
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

const ImportBatchType = builder.objectRef<ImportBatchProgress>('ImportBatch').implement({
  description: "An import's outcomes and its employees' provisioning progress.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The batch id importEmployees returned.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the import was stored.', resolve: (batch) => batch.createdAt }),
    total: t.exposeInt('total', { description: counts.total }),
    created: t.exposeInt('created', { description: counts.created }),
    alreadyExists: t.exposeInt('alreadyExists', { description: counts.alreadyExists }),
    invalid: t.exposeInt('invalid', { description: counts.invalid }),
    pending: t.exposeInt('pending', { description: 'Stored rows whose Auth0 account is not done yet.' }),
    provisioned: t.exposeInt('provisioned', { description: 'Stored rows CREATED or VERIFIED in Auth0.' }),
    failed: t.exposeInt('failed', { description: 'Stored rows FAILED (retryProvisioning re-queues them).' }),
    finished: t.exposeBoolean('finished', { description: 'No stored row is PENDING.' }),
    rows: t.field({ type: [ImportRowOutcomeType], description: 'One outcome per input row, in order.', resolve: (batch) => batch.rows }),
  }),
});

builder.queryField('importBatch', (t) =>
  t.field({
    type: ImportBatchType,
    nullable: true,
    description: 'An import batch by the batchId importEmployees returned; null when unknown.',
    authScopes: { permission: 'create:employees' },
    args: { id: t.arg.id({ required: true, description: 'The batch id importEmployees returned.' }) },
    resolve: (_root, args, context) => context.services.importBatchProgress(uuidOrNil(String(args.id))),
  }),
);
