import type { ArgBuilder } from '@pothos/core';
import { builder } from '../../builder.ts';
import { prismaOf } from '../../context.ts';
import { AuthMethod, Auth0SyncStatus, EmployeeRole, InvitationFailureReason, InvitationStatus, ProvisioningFailureReason } from '../../generated/prisma/enums.ts';
import { formatCalendarDate } from '../../services/effective-dates.ts';
import { uuidOrNil } from '../common/ids.ts';
import { MAX_PAGE_SIZE } from '../common/page-size.ts';
import type { Types } from '../common/schema-types.ts';
import { Auth0UserRef, linkedAuth0User } from './auth0-user.type.ts';

export const EmployeeRoleEnum = builder.enumType(EmployeeRole, {
  name: 'EmployeeRole',
  description: 'RBAC role; each maps to the Auth0 role of the same lower-case name (e.g. production_associate).',
});

/** The role values text inputs accept (either case), for descriptions. */
export const ROLE_VALUES = Object.values(EmployeeRole).join(', ');

builder.enumType(AuthMethod, {
  name: 'AuthMethod',
  description: 'How the employee signs in during the hybrid period.',
});

builder.enumType(Auth0SyncStatus, {
  name: 'Auth0SyncStatus',
  description: 'Where the employee\'s Auth0 account stands: PENDING until created, CREATED once it exists with its role, VERIFIED after the employee confirms their email, FAILED with a reason in auth0SyncError, DISABLED after deactivateEmployee (blocked in Auth0, no roles).',
});

const ProvisioningFailureReasonEnum = builder.enumType(ProvisioningFailureReason, {
  name: 'ProvisioningFailureReason',
  description: 'Why provisioning stopped with FAILED; AUTH0_CREDENTIALS_REJECTED is set while the employee stays PENDING because Auth0 rejects the gateway credentials (it resumes once they are fixed).',
});

const InvitationStatusEnum = builder.enumType(InvitationStatus, {
  name: 'InvitationStatus',
  description:
    'Where the invitation (the email to set a first password) stands: SCHEDULED (due, not sent yet), SENT (Auth0 accepted to email it), FAILED (it did not reach the employee; see invitationFailureReason; resendVerification sends a new one), ACCEPTED (the employee used it: VERIFIED).',
});

const InvitationFailureReasonEnum = builder.enumType(InvitationFailureReason, {
  name: 'InvitationFailureReason',
  description:
    'Why an invitation is FAILED: AUTH0_REFUSED (Auth0 refused the request, e.g. the application is not enabled on the database connection), AUTH0_UNAVAILABLE (Auth0 kept failing until the retry limit), CHANGE_PASSWORD_REQUEST_FAILED and DELIVERY_FAILED (Auth0 logged a failed change-password request or a failure to send the email, e.g. the email provider).',
});

export const EmployeeNode = builder.prismaNode('Employee', {
  description: 'A warehouse employee and the state of their Auth0 account.',
  // Managers and leads read any employee; everyone else only themselves (see `me`).
  authScopes: (employee, context) =>
    context.viewer.permissions.has('read:employees') ||
    (employee.auth0UserId !== null && employee.auth0UserId === context.viewer.sub),
  id: { field: 'id', description: 'Global id (Relay).' },
  findUnique: (id) => ({ id: uuidOrNil(id) }),
  // node(id) of an employee that does not exist reads as null (Pothos's default throws "not found").
  nullable: true,
  fields: (t) => ({
    name: t.expose('name', { type: 'NonEmptyString', description: 'Full name as given (Unicode NFC, trimmed).' }),
    email: t.expose('email', { type: 'EmailAddress', description: 'Lower-cased email address; unique among employees.' }),
    department: t.expose('department', { type: 'NonEmptyString', description: 'Department the employee works in.' }),
    externalId: t.exposeString('externalId', {
      nullable: true,
      description: "The source system's own id for this person (tracker, HR system, identity provider); Auth0 has it as app_metadata.external_id. Null when none was given.",
    }),
    role: t.expose('role', { type: EmployeeRoleEnum, description: 'RBAC role held in the gateway and in Auth0.' }),
    authMethod: t.expose('authMethod', { type: AuthMethod, description: 'How the employee signs in.' }),
    active: t.exposeBoolean('active', { description: 'False once the employee has left (deactivateEmployee).' }),
    previousNames: t.exposeStringList('previousNames', {
      description: 'Every earlier name, oldest first (updateEmployee keeps each one it replaces); the PodFactory match report matches on them too.',
    }),
    startDate: t.string({
      nullable: true,
      description: "First working day (YYYY-MM-DD, in the company's time zone); null when not given.",
      resolve: (employee) => (employee.startDate ? formatCalendarDate(employee.startDate) : null),
    }),
    endDate: t.string({
      nullable: true,
      description: "Last working day (YYYY-MM-DD, in the company's time zone); the employee is deactivated at the end of it. Null when not given.",
      resolve: (employee) => (employee.endDate ? formatCalendarDate(employee.endDate) : null),
    }),
    invitationScheduledAt: t.expose('invitationScheduledAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the first invitation will be sent (INVITE_DAYS_BEFORE_START days before startDate, at the start of that day); null when it is sent or goes at once.',
    }),
    scheduledDeactivationAt: t.expose('scheduledDeactivationAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a pending deactivation will run (the end of endDate, or deactivateEmployee effectiveAt); null when none is pending.',
    }),
    deactivatedAt: t.expose('deactivatedAt', { type: 'DateTime', nullable: true, description: 'When the employee was deactivated; null while active.' }),
    deactivationReason: t.exposeString('deactivationReason', { nullable: true, description: 'Why the employee was deactivated; null while active.' }),
    auth0AccountSynced: t.boolean({
      description:
        'False while a change Auth0 must follow (name, email, department, role code in the metadata, deactivation, reactivation) waits in the queue.',
      resolve: (employee) => employee.auth0UserId === null || employee.accountRevision <= employee.auth0AccountRevision,
    }),
    auth0UserId: t.exposeString('auth0UserId', {
      nullable: true,
      description: 'The Auth0 user id (e.g. auth0|65f0...), once the account exists.',
    }),
    auth0AccountCreatedAt: t.expose('auth0AccountCreatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When Auth0 created the account.',
    }),
    auth0SyncStatus: t.expose('auth0SyncStatus', { type: Auth0SyncStatus, description: 'Where the Auth0 account stands.' }),
    auth0SyncError: t.exposeString('auth0SyncError', {
      nullable: true,
      description:
        'Why provisioning failed (auth0SyncStatus FAILED; while PENDING, why it is held back), or why the last account update could not reach Auth0 (e.g. EmailTakenInAuth0 after an email change).',
    }),
    auth0SyncFailureReason: t.expose('auth0SyncFailureReason', {
      type: ProvisioningFailureReasonEnum,
      nullable: true,
      description:
        'The typed reason when auth0SyncStatus is FAILED: EMAIL_TAKEN_IN_AUTH0 is resolved with linkAuth0User, the others with retryProvisioning. AUTH0_CREDENTIALS_REJECTED while PENDING: fix the gateway credentials; nothing to do per employee. EMAIL_TAKEN_IN_AUTH0 on a CREATED or VERIFIED employee: an email change met another Auth0 user (Auth0 keeps the old address).',
    }),
    invitationStatus: t.expose('invitationStatus', {
      type: InvitationStatusEnum,
      nullable: true,
      description: 'Where the invitation stands; null before one is due (and in verify mode until a resend or a reported failure).',
    }),
    invitationFailureReason: t.expose('invitationFailureReason', {
      type: InvitationFailureReasonEnum,
      nullable: true,
      description: 'Why the invitation is FAILED; null otherwise. The audit trail (INVITATION_FAILED) holds Auth0\'s own message.',
    }),
    auth0Role: t.expose('auth0Role', {
      type: EmployeeRoleEnum,
      nullable: true,
      description: 'The role last confirmed in Auth0; differs from role while a role change waits in the queue.',
    }),
    auth0User: t.field({
      type: Auth0UserRef,
      nullable: true,
      description:
        'The live Auth0 account: null when the employee has none yet, or when it no longer exists (see auth0UserMissing). Batched: a page of employees costs one Auth0 search per 100 of them, plus one read per account the search has not indexed yet.',
      resolve: (employee, _args, context) => linkedAuth0User(employee, context),
    }),
    auth0UserMissing: t.boolean({
      nullable: true,
      description:
        'True when the employee is linked to an Auth0 user id that Auth0 no longer has; false otherwise; null when Auth0 could not be asked.',
      resolve: async (employee, _args, context) =>
        employee.auth0UserId !== null && (await linkedAuth0User(employee, context)) === null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the employee was added.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the employee last changed.' }),
    auditEvents: t.relatedConnection('auditEvents', {
      description: 'Audit events about this employee, newest first (at most 500 per page).',
      maxSize: MAX_PAGE_SIZE,
      authScopes: { permission: 'read:audit' },
      cursor: 'id',
      query: () => ({ orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] }),
    }, { name: 'EmployeeAuditEventConnection', description: 'A page of one employee\'s audit events.' }, { name: 'EmployeeAuditEventEdge', description: 'An audit event and its cursor.' }),
  }),
});

/** An Employee's global id as a required argument; the relay plugin decodes it and refuses other types' ids. */
export const employeeIdArg = (t: { arg: ArgBuilder<Types> }) =>
  t.arg.globalID({ required: true, for: [EmployeeNode], description: "The employee's global id." });

/** The database id inside a decoded Employee global id: the nil UUID, which matches nothing, when it is malformed. */
export const employeeUuid = (employeeId: { id: string }) => uuidOrNil(employeeId.id);

builder.queryField('employee', (t) =>
  t.prismaField({
    type: 'Employee',
    nullable: true,
    description: 'One employee by global id; null when there is none.',
    authScopes: { permission: 'read:employees' },
    args: { id: employeeIdArg(t) },
    resolve: (query, _root, args, context) =>
      prismaOf(context).employee.findUnique({ ...query, where: { id: employeeUuid(args.id) } }),
  }),
);

builder.queryField('employeeByExternalId', (t) =>
  t.prismaField({
    type: 'Employee',
    nullable: true,
    description: "One employee by the source system's own id; null when there is none.",
    authScopes: { permission: 'read:employees' },
    args: { externalId: t.arg.string({ required: true, description: 'The external id, as the source system gives it (trimmed).' }) },
    resolve: (query, _root, args, context) =>
      prismaOf(context).employee.findUnique({ ...query, where: { externalId: args.externalId.trim() } }),
  }),
);

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'Employee',
    nullable: true,
    description: 'The employee whose Auth0 account is calling; null when the caller is not an employee.',
    authScopes: { permission: 'read:self' },
    resolve: (query, _root, _args, context) => (context.viewer.sub === null ? null : context.services.viewerEmployee(context.viewer.sub, query)),
  }),
);
