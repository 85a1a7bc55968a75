import { z } from 'zod';
import { builder } from '../../builder.ts';
import {
  DEFAULT_UNVERIFIED_DAYS,
  type DuplicateAuth0Users,
  type EmployeeWithoutAuth0User,
  type OrphanedAuth0User,
  type ReconciliationReport,
  type RoleDrift,
  type AccessDrift,
  type StaleUnverified,
} from '../../services/reconciliation.service.ts';
import type { UnlinkedAuth0Account } from '../../services/unlinked-accounts.ts';
import { Auth0UserRef } from '../employee/auth0-user.type.ts';
import { EmployeeNode } from '../employee/employee.type.ts';

const MissingAuth0UserReason = builder.enumType('MissingAuth0UserReason', {
  description: 'Why an employee counts as having no Auth0 user.',
  values: {
    NOT_LINKED: { description: 'No Auth0 user id is stored (never provisioned, failed, or still pending).' },
    LINKED_USER_MISSING: { description: 'The stored Auth0 user id no longer exists in Auth0.' },
  },
});

const EmployeeWithoutAuth0UserRef = builder.objectRef<EmployeeWithoutAuth0User>('EmployeeWithoutAuth0User').implement({
  description: 'An active employee without a usable Auth0 account.',
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee.', resolve: (item) => item.employee }),
    reason: t.field({ type: MissingAuth0UserReason, description: 'Why.', resolve: (item) => item.reason }),
    unlinkedAuth0UserIds: t.stringList({
      description: 'Auth0 users this system created for this employee that the employee is not linked to (candidates to link).',
      resolve: (item) => item.unlinkedAuth0UserIds,
    }),
  }),
});

const OrphanedAuth0UserRef = builder.objectRef<OrphanedAuth0User>('OrphanedAuth0User').implement({
  description: 'An Auth0 user this system created whose employee does not exist.',
  fields: (t) => ({
    user: t.field({ type: Auth0UserRef, description: 'The Auth0 user.', resolve: (item) => item.user }),
    employeeId: t.exposeString('employeeId', {
      nullable: true,
      description: 'The employee id in its app_metadata (a database id, not a global id); null when it carries none.',
    }),
  }),
});

const DuplicateAuth0UsersRef = builder.objectRef<DuplicateAuth0Users>('DuplicateAuth0Users').implement({
  description: 'Several Auth0 users created by this system for one employee.',
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee they were created for.', resolve: (item) => item.employee }),
    users: t.field({ type: [Auth0UserRef], description: 'All of them, oldest first.', resolve: (item) => item.users }),
  }),
});

const RoleDriftRef = builder.objectRef<RoleDrift>('RoleDrift').implement({
  description: 'An employee whose Auth0 roles differ from the role stored in the gateway.',
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee.', resolve: (item) => item.employee }),
    auth0UserId: t.exposeString('auth0UserId', { description: 'Their Auth0 user.' }),
    expectedRole: t.exposeString('expectedRole', { description: 'The Auth0 role name the gateway expects (from the employee role).' }),
    auth0Roles: t.stringList({ description: 'The Auth0 roles the user holds.', resolve: (item) => item.auth0Roles }),
  }),
});

const AccessDriftKind = builder.enumType('AccessDriftKind', {
  description: "How an Auth0 user's blocked flag disagrees with the employee.",
  values: {
    BLOCKED_IN_AUTH0_BUT_ACTIVE: { description: 'The Auth0 user is blocked, but the employee is active here.' },
    ACTIVE_IN_AUTH0_BUT_DEACTIVATED: { description: 'The employee is deactivated here, but their Auth0 user is not blocked.' },
  } as const,
});

const AccessDriftRef = builder.objectRef<AccessDrift>('AccessDrift').implement({
  description: "An employee whose Auth0 user's access (blocked or not) differs from active/deactivated in the gateway.",
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee.', resolve: (item) => item.employee }),
    auth0UserId: t.exposeString('auth0UserId', { description: 'Their Auth0 user.' }),
    kind: t.field({ type: AccessDriftKind, description: 'Which way they disagree.', resolve: (item) => item.kind }),
  }),
});

const StaleUnverifiedRef = builder.objectRef<StaleUnverified>('StaleUnverifiedEmployee').implement({
  description: 'An employee whose account was created (CREATED) but whose email is still unverified after the threshold.',
  fields: (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee.', resolve: (item) => item.employee }),
    auth0UserId: t.exposeString('auth0UserId', { description: 'Their Auth0 user.' }),
    accountCreatedAt: t.expose('accountCreatedAt', { type: 'DateTime', description: 'When the Auth0 account was created.' }),
    daysUnverified: t.exposeInt('daysUnverified', { description: 'Whole days since then.' }),
  }),
});

const UnlinkedAuth0AccountRef = builder.objectRef<UnlinkedAuth0Account>('UnlinkedAuth0Account').implement({
  description: 'An account in the connection that no employee links, whoever made it (day one: a candidate for adoption).',
  fields: (t) => ({
    user: t.field({ type: Auth0UserRef, description: 'The Auth0 account.', resolve: (item) => item.user }),
    createdBy: t.exposeString('createdBy', { nullable: true, description: 'Its app_metadata.created_by; null when made by hand or by a tool that sets none.' }),
    probableEmployee: t.field({
      type: EmployeeNode,
      nullable: true,
      description: 'The active employee without an account it probably belongs to (by email, then the PodFactory name variants); null when none or several match.',
      resolve: (item) => item.probableEmployee,
    }),
    matchedBy: t.exposeString('matchedBy', {
      nullable: true,
      description: 'How probableEmployee was found: EMAIL, FULL_NAME, FIRST_DOT_LAST, FIRST_UNDERSCORE_LAST, FIRST_NAME or LAST_NAME.',
    }),
  }),
});

const ReconciliationReportRef = builder.objectRef<ReconciliationReport>('ReconciliationReport').implement({
  description: 'Where the employee table and Auth0 disagree, as of generatedAt.',
  fields: (t) => ({
    generatedAt: t.expose('generatedAt', { type: 'DateTime', description: 'When the report was made.' }),
    department: t.exposeString('department', { nullable: true, description: 'The department it is limited to, if any.' }),
    unverifiedForDays: t.exposeInt('unverifiedForDays', { description: 'The threshold used for staleUnverified.' }),
    employeesChecked: t.exposeInt('employeesChecked', { description: 'Active employees compared.' }),
    auth0UsersScanned: t.exposeInt('auth0UsersScanned', { description: 'Auth0 users created by this system that were read.' }),
    employeesWithoutAuth0User: t.field({
      type: [EmployeeWithoutAuth0UserRef],
      description: 'Active employees without a usable Auth0 account.',
      resolve: (report) => report.employeesWithoutAuth0User,
    }),
    orphanedAuth0Users: t.field({
      type: [OrphanedAuth0UserRef],
      description: 'Auth0 users created by this system whose employee does not exist (reported whatever the department).',
      resolve: (report) => report.orphanedAuth0Users,
    }),
    duplicateAuth0Users: t.field({
      type: [DuplicateAuth0UsersRef],
      description: 'Employees with more than one Auth0 user created for them.',
      resolve: (report) => report.duplicateAuth0Users,
    }),
    roleDrift: t.field({
      type: [RoleDriftRef],
      description: 'Employees whose Auth0 roles are not exactly their gateway role (other, non-gateway Auth0 roles are ignored).',
      resolve: (report) => report.roleDrift,
    }),
    accessDrift: t.field({
      type: [AccessDriftRef],
      description:
        'Blocked in Auth0 but active here, or active in Auth0 but deactivated here (deactivated employees are checked here only, never as "without an Auth0 user").',
      resolve: (report) => report.accessDrift,
    }),
    staleUnverified: t.field({
      type: [StaleUnverifiedRef],
      description: 'CREATED employees whose email is still unverified after unverifiedForDays days.',
      resolve: (report) => report.staleUnverified,
    }),
    connectionUsersScanned: t.exposeInt('connectionUsersScanned', { description: "Users of the gateway's connection that were read (any creator)." }),
    unlinkedAuth0Accounts: t.field({
      type: [UnlinkedAuth0AccountRef],
      description:
        'Accounts in the connection that no employee links, whoever made them, with the employee each probably belongs to; with a department, only those that probably belong to its employees. Adopt them with importEmployees(adoptExistingAccounts) or linkAuth0User.',
      resolve: (report) => report.unlinkedAuth0Accounts,
    }),
  }),
});

builder.queryField('reconciliationReport', (t) =>
  t.field({
    type: ReconciliationReportRef,
    description:
      'Compares employees with Auth0: employees without an account, orphaned and duplicate Auth0 users, role drift, and accounts unverified for too long. Reads every Auth0 user of the connection once (paged; about one Auth0 request per 100 users), so it is meant for occasional use. Also `npm run report:reconciliation`.',
    authScopes: { permission: 'manage:provisioning' },
    args: {
      department: t.arg.string({ description: 'Only employees of this department (orphans are always reported).' }),
      unverifiedForDays: t.arg.int({
        defaultValue: DEFAULT_UNVERIFIED_DAYS,
        validate: z.number().int().min(0, 'unverifiedForDays must not be negative').max(3650, 'unverifiedForDays must be at most 3650'),
        description: `A CREATED account unverified for more than this many days is reported (default ${DEFAULT_UNVERIFIED_DAYS}).`,
      }),
    },
    resolve: (_root, args, context) =>
      context.services.reconciliationReport({ department: args.department ?? null, unverifiedForDays: args.unverifiedForDays ?? DEFAULT_UNVERIFIED_DAYS }),
  }),
);
