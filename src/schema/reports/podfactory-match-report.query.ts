import { InputValidationError } from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { builder } from '../../builder.ts';
import { MAX_CANDIDATES_PER_ENTRY, MAX_ROSTER_ENTRIES, type PodfactoryReport, type PodfactoryReportEntry } from '../../services/podfactory-match.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { EmployeeNode } from '../employee/employee.type.ts';
import { ErrorCode } from '../../graphql-error-codes.ts';

const PodfactoryRosterEntry = builder.inputType('PodfactoryRosterEntry', {
  description: 'One person as PodFactory knows them.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'The name in PodFactory (any of the plan\'s variants: "John Doe", john.doe, john_doe, John, Doe).' }),
    email: t.string({ description: 'The email in PodFactory, possibly with a station suffix (john.doe.pack@...).' }),
  }),
});

const PodfactoryMatchStatus = builder.enumType('PodfactoryMatchStatus', {
  description: 'What PodFactory\'s matching makes of a roster entry.',
  values: {
    MATCHED: { description: 'Exactly one employee.' },
    AMBIGUOUS: {
      description:
        'No employee has the email, and the name fits several active employees at its strongest variant: several share the full name (or first.last, first_last; earlier names count), or, when no full name fits, several share the lone first or last name written. Departments play no part.',
    },
    UNMATCHED: { description: 'No employee.' },
  },
});

const PodfactoryMatchVariant = builder.enumType('PodfactoryMatchVariant', {
  description: 'Which of the plan\'s matching variants applied (compared case- and accent-insensitively).',
  values: {
    EMAIL: { description: 'The email, station suffix (.shp .ship .pack .pick .hp) removed, is the employee\'s.' },
    FULL_NAME: { description: 'The full name.' },
    FIRST_DOT_LAST: { description: 'first.last' },
    FIRST_UNDERSCORE_LAST: { description: 'first_last' },
    FIRST_NAME: { description: 'The first name alone.' },
    LAST_NAME: { description: 'The last name alone.' },
  },
});

const PodfactoryMatchRef = builder.objectRef<PodfactoryReportEntry>('PodfactoryMatch').implement({
  description: 'The outcome for one roster entry.',
  fields: (t) => ({
    name: t.string({ description: 'The roster name, as sent.', resolve: (item) => item.entry.name }),
    email: t.string({ nullable: true, description: 'The roster email, as sent.', resolve: (item) => item.entry.email ?? null }),
    status: t.field({ type: PodfactoryMatchStatus, description: 'Matched, ambiguous or unmatched.', resolve: (item) => item.match.status }),
    matchedBy: t.field({
      type: PodfactoryMatchVariant,
      nullable: true,
      description: 'The variant that matched (for AMBIGUOUS, the one several employees share); null when unmatched.',
      resolve: (item) => (item.match.status === 'UNMATCHED' ? null : item.match.variant),
    }),
    nameVariant: t.field({
      type: PodfactoryMatchVariant,
      nullable: true,
      description:
        'For a match: how the roster name agrees with the employee\'s current name; null when it no longer does (a renamed employee: update PodFactory).',
      resolve: (item) => (item.match.status === 'MATCHED' ? item.match.nameVariant : null),
    }),
    previousName: t.string({
      nullable: true,
      description: 'The earlier name of the employee (see Employee.previousNames) that the roster name matched, when the current one does not.',
      resolve: (item) => (item.match.status === 'MATCHED' ? item.match.previousName : null),
    }),
    employee: t.field({
      type: EmployeeNode,
      nullable: true,
      description: 'The matched employee.',
      resolve: (item) => (item.match.status === 'MATCHED' ? item.match.employee : null),
    }),
    candidates: t.field({
      type: [EmployeeNode],
      description: `For AMBIGUOUS: the employees the name fits, at most ${MAX_CANDIDATES_PER_ENTRY} (see candidatesTruncated); otherwise empty.`,
      resolve: (item) => (item.match.status === 'AMBIGUOUS' ? item.match.candidates : []),
    }),
    candidatesTruncated: t.exposeBoolean('candidatesTruncated', {
      description: `True when the name fits more than the ${MAX_CANDIDATES_PER_ENTRY} employees listed in candidates.`,
    }),
  }),
});

const PodfactoryMatchReportRef = builder.objectRef<PodfactoryReport>('PodfactoryMatchReport').implement({
  description: 'How PodFactory\'s name matching maps a roster onto the employees.',
  fields: (t) => ({
    entries: t.field({ type: [PodfactoryMatchRef], description: 'One outcome per roster entry, in roster order.', resolve: (report) => report.entries }),
    matched: t.exposeInt('matched', { description: 'Entries with exactly one employee.' }),
    ambiguous: t.exposeInt('ambiguous', { description: 'Entries with several candidate employees.' }),
    unmatched: t.exposeInt('unmatched', { description: 'Entries with no employee.' }),
  }),
});

builder.queryField('podfactoryMatchReport', (t) =>
  t.field({
    type: PodfactoryMatchReportRef,
    description: `Checks a PodFactory roster against the active employees (no Auth0 calls). At most ${MAX_ROSTER_ENTRIES} entries; an entry with neither a name nor an email is refused. Also \`npm run report:podfactory -- roster.csv\`.`,
    errors: resultUnion('PodfactoryMatchReportResult', 'The report, or why the roster was refused.', [InputValidationError]),
    // Callers who may read every employee (team leads, managers, admins): the report shows nothing `employees` does not.
    authScopes: { permission: 'read:employees' },
    args: {
      roster: t.arg({ type: [PodfactoryRosterEntry], required: true, description: 'The PodFactory people to match.' }),
    },
    resolve: (_root, args, context) => {
      if (args.roster.length > MAX_ROSTER_ENTRIES) {
        throw new GraphQLError(`roster: at most ${MAX_ROSTER_ENTRIES} entries`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
      }
      const blank = args.roster.flatMap((entry, index) => (entry.name.trim() === '' && !entry.email?.trim() ? [index] : []));
      if (blank.length > 0) {
        throw new InputValidationError({
          issues: blank.map((index) => ({ message: 'An empty roster entry: give a name or an email', path: ['roster', index, 'name'] })),
        });
      }
      return context.services.podfactoryMatchReport(args.roster.map((entry) => ({ name: entry.name, email: entry.email ?? null })));
    },
  }),
);
