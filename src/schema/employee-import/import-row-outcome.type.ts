import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import type { ImportRowOutcome } from '../../services/employee-import.service.ts';

const ImportRowOutcomeKindEnum = builder.enumType('ImportRowOutcomeKind', {
  description: 'What happened to one import row.',
  values: {
    CREATED: { description: 'Stored and queued for Auth0 (progress: importBatch).' },
    WOULD_CREATE: { description: 'Dry run: would be stored.' },
    ADOPTED: { description: "Stored linked to the existing Auth0 account with its email (adoptExistingAccounts); the queue gives it the metadata and role." },
    WOULD_ADOPT: { description: 'Dry run: would adopt the existing Auth0 account named in auth0UserId.' },
    ALREADY_EXISTS: { description: 'An employee with this external id or email exists (e.g. the same file imported again); left alone.' },
    CONFLICT: { description: 'Not stored: the external id disagrees with a stored employee, or the Auth0 account found for adoption cannot be taken over; see reasons.' },
    INVALID: { description: 'Not stored; see reasons.' },
  } as const,
});

export const ImportRowOutcomeType = builder.objectRef<ImportRowOutcome>('ImportRowOutcome').implement({
  description: 'The outcome of one import row.',
  fields: (t) => ({
    row: t.exposeInt('row', { description: '1-based position in the input.' }),
    email: t.exposeString('email', { description: 'The email as given, trimmed and lower-cased.' }),
    outcome: t.field({ type: ImportRowOutcomeKindEnum, description: 'What happened to the row.', resolve: (row) => row.outcome }),
    reasons: t.exposeStringList('reasons', { description: 'Why the row is INVALID or a CONFLICT (field: problem).' }),
    auth0UserId: t.string({
      nullable: true,
      description: 'The existing Auth0 account an ADOPTED or WOULD_ADOPT row takes over; null otherwise.',
      resolve: (row) => row.auth0UserId ?? null,
    }),
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
  created: 'Rows stored with a new Auth0 account to come (WOULD_CREATE in a dry run).',
  adopted: 'Rows stored with an existing Auth0 account (WOULD_ADOPT in a dry run).',
  alreadyExists: 'Rows whose external id or email was already stored.',
  conflicts: 'Rows refused for a conflict (external id, or the Auth0 account found for adoption).',
  invalid: 'Rows rejected.',
} as const;
