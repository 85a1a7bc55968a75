import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import type { ImportRowOutcome } from '../../services/employee-import.service.ts';

const ImportRowOutcomeKindEnum = builder.enumType('ImportRowOutcomeKind', {
  description: 'What happened to one import row.',
  values: {
    CREATED: { description: 'Stored and queued for Auth0 (progress: importBatch).' },
    WOULD_CREATE: { description: 'Dry run: would be stored.' },
    ALREADY_EXISTS: { description: 'An employee with this email exists (e.g. the same file imported again); left alone.' },
    INVALID: { description: 'Not stored; see reasons.' },
  } as const,
});

export const ImportRowOutcomeType = builder.objectRef<ImportRowOutcome>('ImportRowOutcome').implement({
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

/** Descriptions of the row counts an import reports, shared by ImportEmployeesPayload and ImportBatch. */
export const rowCounts = {
  total: 'Rows in the input.',
  created: 'Rows stored (WOULD_CREATE in a dry run).',
  alreadyExists: 'Rows whose email was already stored.',
  invalid: 'Rows rejected.',
} as const;
