/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How an Auth0 user's blocked flag disagrees with the employee. */
export type AccessDriftKind =
  /** The employee is deactivated here, but their Auth0 user is not blocked. */
  | 'ACTIVE_IN_AUTH0_BUT_DEACTIVATED'
  /** The Auth0 user is blocked, but the employee is active here. */
  | 'BLOCKED_IN_AUTH0_BUT_ACTIVE';

/** What an audit event records: an Auth0 call (AUTH0_*) or a provisioning state change. */
export type AuditAction =
  | 'ACCESS_REFUSED'
  | 'AUTH0_ASSIGN_ROLES'
  | 'AUTH0_BLOCK_USER'
  | 'AUTH0_CREATE_USER'
  | 'AUTH0_DELETE_USER'
  | 'AUTH0_FIND_USERS_BY_EMAIL'
  | 'AUTH0_GET_USER'
  | 'AUTH0_REMOVE_ROLES'
  | 'AUTH0_SEND_INVITATION_EMAIL'
  | 'AUTH0_SEND_VERIFICATION_EMAIL'
  | 'AUTH0_UNLINK_USER'
  | 'AUTH0_UPDATE_USER'
  | 'AUTH0_USER_ADOPTED'
  | 'AUTH0_USER_LINKED'
  | 'DEACTIVATION_DISCARDED'
  | 'DEACTIVATION_HELD'
  | 'DEACTIVATION_RELEASED'
  | 'EMPLOYEE_CREATED'
  | 'EMPLOYEE_DEACTIVATED'
  | 'EMPLOYEE_DEACTIVATION_CANCELLED'
  | 'EMPLOYEE_DEACTIVATION_SCHEDULED'
  | 'EMPLOYEE_REACTIVATED'
  | 'EMPLOYEE_ROLE_CHANGED'
  | 'EMPLOYEE_UNLINKED'
  | 'EMPLOYEE_UPDATED'
  | 'INVITATION_FAILED'
  | 'PROVISIONING_REQUEUED'
  | 'PROVISIONING_SWITCHED'
  | 'ROLLBACK_RUN'
  | 'SCIM_REQUEST'
  | 'SCIM_TOKEN_CHANGED'
  | 'SYNC_STATUS_CHANGED'
  | 'WEBHOOK_ENDPOINT_CHANGED';

/** Narrows the audit trail; every given field must hold. */
export type AuditEventFilter = {
  /** Only this kind of event. */
  action?: AuditAction | null | undefined;
  /** Only events caused by this caller (their subject), or `system`. */
  actor?: string | null | undefined;
  /** Only events about this employee. */
  employeeId?: string | number | null | undefined;
  /** Only events at or after this instant. */
  from?: string | null | undefined;
  /** Only successes or only failures. */
  outcome?: AuditOutcome | null | undefined;
  /** Only events before this instant (exclusive); not before from. */
  to?: string | null | undefined;
};

/** Whether the recorded operation succeeded. */
export type AuditOutcome =
  | 'FAILURE'
  | 'SUCCESS';

/** Where the employee's Auth0 account stands: PENDING until created, CREATED once it exists with its role, VERIFIED after the employee confirms their email, FAILED with a reason in auth0SyncError, DISABLED after deactivateEmployee (blocked in Auth0, no roles). */
export type Auth0SyncStatus =
  | 'CREATED'
  | 'DISABLED'
  | 'FAILED'
  | 'PENDING'
  | 'VERIFIED';

/** How the employee signs in during the hybrid period. */
export type AuthMethod =
  | 'AUTH0'
  | 'PIN';

/** A new employee. Names are kept as given (trimmed, NFC); emails are lower-cased. */
export type CreateEmployeeInput = {
  /** Department, 1-100 characters. */
  department: string;
  /** Work email; becomes the Auth0 login. Unique among employees. */
  email: string;
  /** Last working day, YYYY-MM-DD in the company's time zone: the employee is deactivated at the end of it (as deactivateEmployee does, audited as the actor schedule). Needs deactivate:employees and reach over the role (ScheduleNotAllowedError); before startDate: EndDateBeforeStartDateError. */
  endDate?: string | null | undefined;
  /** The source system's own id for this person (tracker, HR system, identity provider), 1-255 characters, unique. An employee already stored under it answers EmployeeAlreadyExistsError; one whose email belongs to another employee, ExternalIdAlreadyUsedError. */
  externalId?: string | null | undefined;
  /** Full name, 1-200 characters. */
  name: string;
  /** RBAC role: PRODUCTION_ASSOCIATE, TEAM_LEAD, MANAGER, ADMIN; production_associate when omitted. Checked with the other input (InputValidationError for an unknown value) and then with assignRole's grant rules (RoleNotGrantableError). */
  role?: string | null | undefined;
  /** First working day, YYYY-MM-DD in the company's time zone (COMPANY_TIME_ZONE). The account is created at once; the invitation waits until INVITE_DAYS_BEFORE_START days before it (at once when nearer). */
  startDate?: string | null | undefined;
};

/** A SCIM token to create. */
export type CreateScimTokenInput = {
  /** The most senior role the client may grant or act on (PRODUCTION_ASSOCIATE, TEAM_LEAD, MANAGER, ADMIN, either case); default team_lead. */
  maxRole?: string | null | undefined;
  /** A unique name, 1-64 characters (letters, digits, space, . _ @ -): SCIM changes are audited as `scim:<name>`. */
  name: string;
};

/** A new receiver of outgoing events. */
export type CreateWebhookEndpointInput = {
  /** What it is for (at most 500 characters). */
  description?: string | null | undefined;
  /** Event types to receive (employee.created, ..., import.finished), or ["*"] for all. */
  events: Array<string>;
  /** http(s) URL events are POSTed to. */
  url: string;
};

/** Narrows the employee list; every given field must hold. */
export type EmployeeFilter = {
  /** true: employees still here; false: only deactivated ones (leavers). Omitted: active ones only, unless includeDeactivated. */
  active?: boolean | null | undefined;
  /** Exactly this department. */
  department?: string | null | undefined;
  /** With active omitted: deactivated employees are listed too. */
  includeDeactivated?: boolean | null | undefined;
  /** Only employees holding this role. */
  role?: EmployeeRole | null | undefined;
  /** Case-insensitive part of the name or the email (at most 200 characters). */
  search?: string | null | undefined;
  /** Only employees whose Auth0 account is in this state. */
  syncStatus?: Auth0SyncStatus | null | undefined;
};

/** Sort order of the employee list. */
export type EmployeeOrder = {
  /** Ascending (default) or descending. */
  direction?: OrderDirection;
  /** What to sort by. */
  field: EmployeeOrderField;
};

/** What the employee list is sorted by; ties are broken by id, so pages never overlap. */
export type EmployeeOrderField =
  /** When the employee was added. */
  | 'CREATED_AT'
  /** Department, then the id. */
  | 'DEPARTMENT'
  /** Email address. */
  | 'EMAIL'
  /** Full name. */
  | 'NAME';

/** RBAC role; each maps to the Auth0 role of the same lower-case name (e.g. production_associate). */
export type EmployeeRole =
  | 'ADMIN'
  | 'MANAGER'
  | 'PRODUCTION_ASSOCIATE'
  | 'TEAM_LEAD';

/** One row of an import; checked with the createEmployee rules, problems reported per row. */
export type ImportEmployeeRowInput = {
  /** Department, 1-100 characters. */
  department: string;
  /** Work email; unique among employees. */
  email: string;
  /** Last working day (YYYY-MM-DD), as createEmployee; set on new rows only. Before startDate, or without deactivate:employees, the row is INVALID. */
  endDate?: string | null | undefined;
  /** The source system's own id (1-255 characters, unique). A row whose external id an employee holds is ALREADY_EXISTS (matched by id); one that disagrees with the employee its email names is a CONFLICT. */
  externalId?: string | null | undefined;
  /** Full name, 1-200 characters. */
  name: string;
  /** RBAC role: PRODUCTION_ASSOCIATE, TEAM_LEAD, MANAGER, ADMIN; production_associate when omitted. An unknown value, or one the caller may not grant (assignRole's rules), makes the row INVALID. */
  role?: string | null | undefined;
  /** First working day (YYYY-MM-DD), as createEmployee; set on new rows only. */
  startDate?: string | null | undefined;
};

/** A bulk import: the rows, and whether to only check them. */
export type ImportEmployeesInput = {
  /** Day one: a row without an employee looks its email up in Auth0 (one search per 50 rows) and adopts the one unblocked, unclaimed account in the gateway's connection (WOULD_ADOPT / ADOPTED: linked, given the metadata and role, invited only if never used); several accounts, a blocked one or one another employee claims make the row a CONFLICT. Adopted accounts are never blocked or deleted by a rollback, only unlinked. */
  adoptExistingAccounts?: boolean | null | undefined;
  /** Check and report only; nothing is stored and nothing is written to Auth0. */
  dryRun?: boolean | null | undefined;
  /** Up to 1000 rows. */
  employees: Array<ImportEmployeeRowInput>;
};

/** What happened to one import row. */
export type ImportRowOutcomeKind =
  /** Stored linked to the existing Auth0 account with its email (adoptExistingAccounts); the queue gives it the metadata and role. */
  | 'ADOPTED'
  /** An employee with this external id or email exists (e.g. the same file imported again); left alone. */
  | 'ALREADY_EXISTS'
  /** Not stored: the external id disagrees with a stored employee, or the Auth0 account found for adoption cannot be taken over; see reasons. */
  | 'CONFLICT'
  /** Stored and queued for Auth0 (progress: importBatch). */
  | 'CREATED'
  /** Not stored; see reasons. */
  | 'INVALID'
  /** Dry run: would adopt the existing Auth0 account named in auth0UserId. */
  | 'WOULD_ADOPT'
  /** Dry run: would be stored. */
  | 'WOULD_CREATE';

/** Why an invitation is FAILED: AUTH0_REFUSED (Auth0 refused the request, e.g. the application is not enabled on the database connection), AUTH0_UNAVAILABLE (Auth0 kept failing until the retry limit), CHANGE_PASSWORD_REQUEST_FAILED and DELIVERY_FAILED (Auth0 logged a failed change-password request or a failure to send the email, e.g. the email provider). */
export type InvitationFailureReason =
  | 'AUTH0_REFUSED'
  | 'AUTH0_UNAVAILABLE'
  | 'CHANGE_PASSWORD_REQUEST_FAILED'
  | 'DELIVERY_FAILED';

/** Where the invitation (the email to set a first password) stands: SCHEDULED (due, not sent yet), SENT (Auth0 accepted to email it), FAILED (it did not reach the employee; see invitationFailureReason; resendVerification sends a new one), ACCEPTED (the employee used it: VERIFIED). */
export type InvitationStatus =
  | 'ACCEPTED'
  | 'FAILED'
  | 'SCHEDULED'
  | 'SENT';

/** Why an employee counts as having no Auth0 user. */
export type MissingAuth0UserReason =
  /** The stored Auth0 user id no longer exists in Auth0. */
  | 'LINKED_USER_MISSING'
  /** No Auth0 user id is stored (never provisioned, failed, or still pending). */
  | 'NOT_LINKED';

/** Sort direction. */
export type OrderDirection =
  /** Smallest (or oldest, or A) first. */
  | 'ASC'
  /** Largest (or newest, or Z) first. */
  | 'DESC';

/** What PodFactory's matching makes of a roster entry. */
export type PodfactoryMatchStatus =
  /** No employee has the email, and the name fits several active employees at its strongest variant: several share the full name (or first.last, first_last; earlier names count), or, when no full name fits, several share the lone first or last name written. Departments play no part. */
  | 'AMBIGUOUS'
  /** Exactly one employee. */
  | 'MATCHED'
  /** No employee. */
  | 'UNMATCHED';

/** Which of the plan's matching variants applied (compared case- and accent-insensitively). */
export type PodfactoryMatchVariant =
  /** The email, station suffix (.shp .ship .pack .pick .hp) removed, is the employee's. */
  | 'EMAIL'
  /** first.last */
  | 'FIRST_DOT_LAST'
  /** The first name alone. */
  | 'FIRST_NAME'
  /** first_last */
  | 'FIRST_UNDERSCORE_LAST'
  /** The full name. */
  | 'FULL_NAME'
  /** The last name alone. */
  | 'LAST_NAME';

/** One person as PodFactory knows them. */
export type PodfactoryRosterEntry = {
  /** The email in PodFactory, possibly with a station suffix (john.doe.pack@...). */
  email?: string | null | undefined;
  /** The name in PodFactory (any of the plan's variants: "John Doe", john.doe, john_doe, John, Doe). */
  name: string;
};

/** Why provisioning stopped with FAILED; AUTH0_CREDENTIALS_REJECTED is set while the employee stays PENDING because Auth0 rejects the gateway credentials (it resumes once they are fixed). */
export type ProvisioningFailureReason =
  | 'AUTH0_CREDENTIALS_REJECTED'
  | 'AUTH0_REJECTED'
  | 'EMAIL_TAKEN_IN_AUTH0'
  | 'RETRIES_EXHAUSTED';

/** What became of a SCIM deactivation: APPLIED at once, HELD beyond SCIM_DEPROVISION_LIMIT, then RELEASED (applied) or DISCARDED by an admin. */
export type ScimDeactivationState =
  | 'APPLIED'
  | 'DISCARDED'
  | 'HELD'
  | 'RELEASED';

/** The fields to change, checked with the createEmployee rules; omitted (or null) fields stay as they are, except the dates, which null clears. */
export type UpdateEmployeeInput = {
  /** New department, 1-100 characters. */
  department?: string | null | undefined;
  /** New work email (the Auth0 login); unique among employees and not held by another Auth0 user. Auth0 marks it unverified and sends a verification email. */
  email?: string | null | undefined;
  /** New last working day (YYYY-MM-DD): the pending deactivation moves to the end of it; null clears it and cancels the pending deactivation. Needs deactivate:employees and reach (ScheduleNotAllowedError). */
  endDate?: string | null | undefined;
  /** Sets or changes the source system's id (1-255 characters, unique: ExternalIdAlreadyUsedError); it cannot be removed. Written to Auth0 as app_metadata.external_id. */
  externalId?: string | null | undefined;
  /** New full name, 1-200 characters; the old one is kept in previousNames. */
  name?: string | null | undefined;
  /** New first working day (YYYY-MM-DD); null clears it. An invitation not sent yet moves with it (or goes at once when its moment has passed). */
  startDate?: string | null | undefined;
};

/** What to change; omitted fields stay as they are. */
export type UpdateWebhookEndpointInput = {
  /** New note. */
  description?: string | null | undefined;
  /** true resumes a disabled endpoint where it stopped; false stops sending (events keep queueing). */
  enabled?: boolean | null | undefined;
  /** New event types, or ["*"]. */
  events?: Array<string> | null | undefined;
  /** New http(s) URL. */
  url?: string | null | undefined;
};

/** Where one event stands for one endpoint. */
export type WebhookDeliveryStatus =
  /** Retries ran out (WEBHOOK_RETRY_HOURS); redeliverWebhookEvents sends it again. */
  | 'FAILED'
  /** Not delivered yet: waiting for its turn or for a retry. */
  | 'PENDING'
  /** The receiver answered 2xx. */
  | 'SUCCEEDED';

export type AuditEventsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: AuditEventFilter | null | undefined;
}>;


export type AuditEventsQuery = { auditEvents: { edges: Array<{ cursor: string, node: { id: string, occurredAt: string, action: AuditAction, outcome: AuditOutcome, actor: string, auth0UserId: string | null, httpStatus: number | null, auth0ErrorCode: string | null, detail: string | null, attempt: number, durationMs: number | null, correlationId: string | null, employee: { id: string, email: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CreateEmployeeMutationVariables = Exact<{
  input: CreateEmployeeInput;
}>;


export type CreateEmployeeMutation = { createEmployee:
    | { __typename: 'CreateEmployeePayload', employee: { id: string, name: string, email: string, department: string, role: EmployeeRole, authMethod: AuthMethod, active: boolean, auth0UserId: string | null, auth0AccountCreatedAt: string | null, auth0SyncStatus: Auth0SyncStatus, auth0SyncError: string | null, createdAt: string } }
    | { __typename: 'EmailAlreadyUsedError', code: string, message: string, email: string }
    | { __typename: 'EmployeeAlreadyExistsError' }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'IdempotencyKeyConflictError' }
    | { __typename: 'InputValidationError', code: string, message: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError', code: string, message: string, retryAfter: string, retryAfterSeconds: number }
    | { __typename: 'RoleNotGrantableError' }
    | { __typename: 'ScheduleNotAllowedError' }
   };

export type DayOneImportMutationVariables = Exact<{
  input: ImportEmployeesInput;
}>;


export type DayOneImportMutation = { importEmployees:
    | { __typename: 'Auth0UnavailableError', code: string, message: string }
    | { __typename: 'ImportEmployeesPayload', batchId: string | null, created: number, adopted: number, alreadyExists: number, conflicts: number, invalid: number, rows: Array<{ row: number, email: string, outcome: ImportRowOutcomeKind, reasons: Array<string>, employeeId: string | null, auth0UserId: string | null }> }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
   };

export type EmployeeByExternalIdQueryVariables = Exact<{
  externalId: string;
}>;


export type EmployeeByExternalIdQuery = { employeeByExternalId: { id: string, email: string, externalId: string | null, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus } | null };

export type CreateEmployeeWithExternalIdMutationVariables = Exact<{
  input: CreateEmployeeInput;
}>;


export type CreateEmployeeWithExternalIdMutation = { createEmployee:
    | { __typename: 'CreateEmployeePayload', employee: { id: string, email: string, externalId: string | null } }
    | { __typename: 'EmailAlreadyUsedError', code: string }
    | { __typename: 'EmployeeAlreadyExistsError', code: string, employee: { id: string, email: string, externalId: string | null } }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError', code: string, externalId: string }
    | { __typename: 'IdempotencyKeyConflictError' }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'RoleNotGrantableError' }
    | { __typename: 'ScheduleNotAllowedError' }
   };

export type UpdateEmployeeExternalIdMutationVariables = Exact<{
  employeeId: string | number;
  externalId: string;
}>;


export type UpdateEmployeeExternalIdMutation = { updateEmployee:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'EmailAlreadyUsedError' }
    | { __typename: 'EmailChangeNotAllowedError' }
    | { __typename: 'EmailTakenInAuth0Error' }
    | { __typename: 'EmployeeNotFoundError' }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError', code: string, externalId: string }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'ScheduleNotAllowedError' }
    | { __typename: 'UpdateEmployeePayload', employee: { id: string, externalId: string | null, auth0AccountSynced: boolean } }
   };

export type DatedEmployeeFragment = { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null };

export type CreateDatedEmployeeMutationVariables = Exact<{
  input: CreateEmployeeInput;
}>;


export type CreateDatedEmployeeMutation = { createEmployee:
    | { __typename: 'CreateEmployeePayload', employee: { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null } }
    | { __typename: 'EmailAlreadyUsedError' }
    | { __typename: 'EmployeeAlreadyExistsError' }
    | { __typename: 'EndDateBeforeStartDateError', code: string, startDate: string, endDate: string, message: string }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'IdempotencyKeyConflictError' }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'RoleNotGrantableError' }
    | { __typename: 'ScheduleNotAllowedError', code: string, message: string }
   };

export type UpdateEmployeeDatesMutationVariables = Exact<{
  employeeId: string | number;
  input: UpdateEmployeeInput;
}>;


export type UpdateEmployeeDatesMutation = { updateEmployee:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'EmailAlreadyUsedError' }
    | { __typename: 'EmailChangeNotAllowedError' }
    | { __typename: 'EmailTakenInAuth0Error' }
    | { __typename: 'EmployeeNotFoundError' }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'EndDateBeforeStartDateError', code: string, startDate: string, endDate: string }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'ScheduleNotAllowedError', code: string }
    | { __typename: 'UpdateEmployeePayload', employee: { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null } }
   };

export type DeactivateEmployeeAtMutationVariables = Exact<{
  employeeId: string | number;
  reason: string;
  effectiveAt?: string | null | undefined;
}>;


export type DeactivateEmployeeAtMutation = { deactivateEmployee:
    | { __typename: 'DeactivateEmployeePayload', employee: { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null } }
    | { __typename: 'EmployeeNotFoundError' }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'InputValidationError' }
    | { __typename: 'ScheduleNotAllowedError', code: string }
   };

export type ReactivateDatedEmployeeMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ReactivateDatedEmployeeMutation = { reactivateEmployee:
    | { __typename: 'EmployeeNotFoundError' }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'ReactivateEmployeePayload', employee: { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null } }
   };

export type DatedEmployeeQueryVariables = Exact<{
  id: string | number;
}>;


export type DatedEmployeeQuery = { employee: { id: string, email: string, active: boolean, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, startDate: string | null, endDate: string | null, invitationScheduledAt: string | null, scheduledDeactivationAt: string | null, deactivatedAt: string | null, deactivationReason: string | null } | null };

export type ImportDatedEmployeesMutationVariables = Exact<{
  input: ImportEmployeesInput;
}>;


export type ImportDatedEmployeesMutation = { importEmployees:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'ImportEmployeesPayload', batchId: string | null, created: number, invalid: number, rows: Array<{ row: number, email: string, outcome: ImportRowOutcomeKind, reasons: Array<string>, employeeId: string | null }> }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
   };

export type EmployeeQueryVariables = Exact<{
  id: string | number;
}>;


export type EmployeeQuery = { employee: { id: string, name: string, email: string, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, auditEvents: { edges: Array<{ node: { action: AuditAction, outcome: AuditOutcome, httpStatus: number | null, auth0UserId: string | null, attempt: number, actor: string, correlationId: string | null } }> } } | null };

export type NodeQueryVariables = Exact<{
  id: string | number;
}>;


export type NodeQuery = { node:
    | { __typename: 'AuditEvent', id: string }
    | { __typename: 'Employee', email: string, id: string }
   | null };

export type EmployeesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  filter?: EmployeeFilter | null | undefined;
  orderBy?: EmployeeOrder | null | undefined;
}>;


export type EmployeesQuery = { employees: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, email: string, department: string, role: EmployeeRole, auth0SyncStatus: Auth0SyncStatus, createdAt: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type EmployeesWithAuth0UserQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: EmployeeFilter | null | undefined;
}>;


export type EmployeesWithAuth0UserQuery = { employees: { edges: Array<{ node: { id: string, email: string, auth0UserId: string | null, auth0UserMissing: boolean | null, auth0User: { userId: string, email: string, name: string | null, emailVerified: boolean, blocked: boolean, lastLogin: string | null, loginsCount: number, createdAt: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type EmployeesWithAuth0RolesQueryVariables = Exact<{
  first?: number | null | undefined;
  filter?: EmployeeFilter | null | undefined;
}>;


export type EmployeesWithAuth0RolesQuery = { employees: { edges: Array<{ node: { id: string, role: EmployeeRole, auth0User: { userId: string, roles: Array<string> } | null } }> } };

export type EmployeeAuditEventsQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EmployeeAuditEventsQuery = { employee: { id: string, auditEvents: { edges: Array<{ cursor: string, node: { id: string, action: AuditAction, occurredAt: string } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type RolesQueryVariables = Exact<{ [key: string]: never; }>;


export type RolesQuery = { roles: Array<{ role: EmployeeRole, auth0Name: string, description: string, permissions: Array<string> }> };

export type ImportEmployeesMutationVariables = Exact<{
  input: ImportEmployeesInput;
}>;


export type ImportEmployeesMutation = { importEmployees:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'ImportEmployeesPayload', batchId: string | null, dryRun: boolean, total: number, created: number, alreadyExists: number, invalid: number, rows: Array<{ row: number, email: string, outcome: ImportRowOutcomeKind, reasons: Array<string>, employeeId: string | null }> }
    | { __typename: 'InputValidationError', message: string }
    | { __typename: 'RateLimitedError' }
   };

export type ImportBatchQueryVariables = Exact<{
  id: string | number;
}>;


export type ImportBatchQuery = { importBatch: { id: string, total: number, created: number, alreadyExists: number, invalid: number, pending: number, provisioned: number, failed: number, finished: boolean } | null };

export type EmployeeInvitationQueryVariables = Exact<{
  id: string | number;
}>;


export type EmployeeInvitationQuery = { employee: { id: string, auth0SyncStatus: Auth0SyncStatus, invitationStatus: InvitationStatus | null, invitationFailureReason: InvitationFailureReason | null } | null };

export type UpdateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
  input: UpdateEmployeeInput;
}>;


export type UpdateEmployeeMutation = { updateEmployee:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'EmailAlreadyUsedError', code: string, email: string }
    | { __typename: 'EmailChangeNotAllowedError' }
    | { __typename: 'EmailTakenInAuth0Error', code: string, email: string, message: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'ScheduleNotAllowedError' }
    | { __typename: 'UpdateEmployeePayload', employee: { id: string, name: string, email: string, department: string, previousNames: Array<string>, auth0SyncStatus: Auth0SyncStatus, auth0SyncError: string | null, auth0SyncFailureReason: ProvisioningFailureReason | null, auth0AccountSynced: boolean } }
   };

export type DeactivateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
  reason: string;
}>;


export type DeactivateEmployeeMutation = { deactivateEmployee:
    | { __typename: 'DeactivateEmployeePayload', employee: { id: string, active: boolean, deactivatedAt: string | null, deactivationReason: string | null, auth0SyncStatus: Auth0SyncStatus, auth0AccountSynced: boolean } }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'ScheduleNotAllowedError' }
   };

export type ReactivateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ReactivateEmployeeMutation = { reactivateEmployee:
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'ReactivateEmployeePayload', employee: { id: string, active: boolean, role: EmployeeRole, auth0Role: EmployeeRole | null, auth0SyncStatus: Auth0SyncStatus, auth0AccountSynced: boolean } }
   };

export type CreateEmployeeWithRoleMutationVariables = Exact<{
  input: CreateEmployeeInput;
}>;


export type CreateEmployeeWithRoleMutation = { createEmployee:
    | { __typename: 'CreateEmployeePayload', employee: { id: string, role: EmployeeRole, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus } }
    | { __typename: 'EmailAlreadyUsedError', code: string }
    | { __typename: 'EmployeeAlreadyExistsError' }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'IdempotencyKeyConflictError' }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'RoleNotGrantableError', code: string, role: EmployeeRole, message: string }
    | { __typename: 'ScheduleNotAllowedError' }
   };

export type ImportEmployeesWithRolesMutationVariables = Exact<{
  input: ImportEmployeesInput;
}>;


export type ImportEmployeesWithRolesMutation = { importEmployees:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'ImportEmployeesPayload', batchId: string | null, created: number, invalid: number, rows: Array<{ row: number, email: string, outcome: ImportRowOutcomeKind, reasons: Array<string>, employeeId: string | null }> }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
   };

export type RetryProvisioningAfterDeletionMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type RetryProvisioningAfterDeletionMutation = { retryProvisioning:
    | { __typename: 'Auth0UnavailableError', code: string, message: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'ProvisioningStateError', code: string, message: string }
    | { __typename: 'RetryProvisioningPayload', employee: { id: string, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus } }
   };

export type EmployeesWithDeactivatedQueryVariables = Exact<{
  filter?: EmployeeFilter | null | undefined;
}>;


export type EmployeesWithDeactivatedQuery = { employees: { totalCount: number, edges: Array<{ node: { id: string, email: string, active: boolean } }> } };

export type ReconciliationAccessDriftQueryVariables = Exact<{
  department?: string | null | undefined;
}>;


export type ReconciliationAccessDriftQuery = { reconciliationReport: { employeesWithoutAuth0User: Array<{ reason: MissingAuth0UserReason, employee: { id: string, email: string } }>, accessDrift: Array<{ kind: AccessDriftKind, auth0UserId: string, employee: { id: string, email: string, active: boolean } }> } };

export type PodfactoryPreviousNamesQueryVariables = Exact<{
  roster: Array<PodfactoryRosterEntry> | PodfactoryRosterEntry;
}>;


export type PodfactoryPreviousNamesQuery = { podfactoryMatchReport:
    | { __typename: 'InputValidationError' }
    | { __typename: 'PodfactoryMatchReport', entries: Array<{ name: string, status: PodfactoryMatchStatus, matchedBy: PodfactoryMatchVariant | null, nameVariant: PodfactoryMatchVariant | null, previousName: string | null, employee: { id: string, name: string, previousNames: Array<string> } | null }> }
   };

export type ProvisioningStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvisioningStatusQuery = { provisioningStatus: { enabled: boolean, reason: string, changedAt: string, changedBy: string } };

export type SetProvisioningEnabledMutationVariables = Exact<{
  enabled: boolean;
  reason: string;
}>;


export type SetProvisioningEnabledMutation = { setProvisioningEnabled:
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'SetProvisioningEnabledPayload', status: { enabled: boolean, reason: string, changedAt: string, changedBy: string } }
   };

export type CreateEmployeeIdempotentMutationVariables = Exact<{
  input: CreateEmployeeInput;
  idempotencyKey?: string | null | undefined;
}>;


export type CreateEmployeeIdempotentMutation = { createEmployee:
    | { __typename: 'CreateEmployeePayload', employee: { id: string, email: string, role: EmployeeRole, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus, auth0SyncError: string | null, auth0SyncFailureReason: ProvisioningFailureReason | null } }
    | { __typename: 'EmailAlreadyUsedError', code: string }
    | { __typename: 'EmployeeAlreadyExistsError' }
    | { __typename: 'EndDateBeforeStartDateError' }
    | { __typename: 'ExternalIdAlreadyUsedError' }
    | { __typename: 'IdempotencyKeyConflictError', code: string, message: string, idempotencyKey: string }
    | { __typename: 'InputValidationError', code: string, issues: Array<{ path: Array<string>, message: string }> }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'RoleNotGrantableError' }
    | { __typename: 'ScheduleNotAllowedError' }
   };

export type AssignRoleMutationVariables = Exact<{
  employeeId: string | number;
  role: EmployeeRole;
}>;


export type AssignRoleMutation = { assignRole:
    | { __typename: 'AssignRolePayload', employee: { id: string, role: EmployeeRole, auth0Role: EmployeeRole | null, auth0SyncStatus: Auth0SyncStatus } }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'RoleNotGrantableError', code: string, role: EmployeeRole, message: string }
   };

export type ResendVerificationMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ResendVerificationMutation = { resendVerification:
    | { __typename: 'AlreadyVerifiedError', code: string }
    | { __typename: 'Auth0UnavailableError', code: string, message: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'NoAuth0UserYetError', code: string }
    | { __typename: 'ProvisioningStateError', code: string, message: string }
    | { __typename: 'RateLimitedError' }
    | { __typename: 'ResendVerificationPayload', employee: { id: string, auth0SyncStatus: Auth0SyncStatus } }
    | { __typename: 'VerificationCooldownError', code: string, retryAfter: string, retryAfterSeconds: number }
   };

export type RetryProvisioningMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type RetryProvisioningMutation = { retryProvisioning:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'ProvisioningStateError', code: string, message: string }
    | { __typename: 'RetryProvisioningPayload', employee: { id: string, auth0SyncStatus: Auth0SyncStatus, auth0SyncError: string | null, auth0SyncFailureReason: ProvisioningFailureReason | null } }
   };

export type LinkAuth0UserMutationVariables = Exact<{
  employeeId: string | number;
  auth0UserId: string;
}>;


export type LinkAuth0UserMutation = { linkAuth0User:
    | { __typename: 'Auth0UnavailableError', code: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError' }
    | { __typename: 'LinkAuth0UserPayload', employee: { id: string, auth0UserId: string | null, auth0SyncStatus: Auth0SyncStatus } }
    | { __typename: 'ProvisioningStateError', code: string, message: string }
   };

export type ReachUpdateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
  input: UpdateEmployeeInput;
}>;


export type ReachUpdateEmployeeMutation = { updateEmployee:
    | { __typename: 'Auth0UnavailableError', code: string }
    | { __typename: 'EmailAlreadyUsedError', code: string }
    | { __typename: 'EmailChangeNotAllowedError', code: string }
    | { __typename: 'EmailTakenInAuth0Error', code: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'EndDateBeforeStartDateError', code: string }
    | { __typename: 'ExternalIdAlreadyUsedError', code: string }
    | { __typename: 'InputValidationError', code: string }
    | { __typename: 'RateLimitedError', code: string }
    | { __typename: 'ScheduleNotAllowedError', code: string }
    | { __typename: 'UpdateEmployeePayload' }
   };

export type ReachAssignRoleMutationVariables = Exact<{
  employeeId: string | number;
  role: EmployeeRole;
}>;


export type ReachAssignRoleMutation = { assignRole:
    | { __typename: 'AssignRolePayload' }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'RoleNotGrantableError', code: string }
   };

export type ReachDeactivateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
  reason: string;
}>;


export type ReachDeactivateEmployeeMutation = { deactivateEmployee:
    | { __typename: 'DeactivateEmployeePayload' }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'InputValidationError', code: string }
    | { __typename: 'ScheduleNotAllowedError', code: string }
   };

export type ReachReactivateEmployeeMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ReachReactivateEmployeeMutation = { reactivateEmployee:
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'ReactivateEmployeePayload' }
   };

export type ReachResendVerificationMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ReachResendVerificationMutation = { resendVerification:
    | { __typename: 'AlreadyVerifiedError', code: string }
    | { __typename: 'Auth0UnavailableError', code: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'NoAuth0UserYetError', code: string }
    | { __typename: 'ProvisioningStateError', code: string }
    | { __typename: 'RateLimitedError', code: string }
    | { __typename: 'ResendVerificationPayload' }
    | { __typename: 'VerificationCooldownError', code: string }
   };

export type ReachRetryProvisioningMutationVariables = Exact<{
  employeeId: string | number;
}>;


export type ReachRetryProvisioningMutation = { retryProvisioning:
    | { __typename: 'Auth0UnavailableError', code: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'ProvisioningStateError', code: string }
    | { __typename: 'RetryProvisioningPayload' }
   };

export type ReachLinkAuth0UserMutationVariables = Exact<{
  employeeId: string | number;
  auth0UserId: string;
}>;


export type ReachLinkAuth0UserMutation = { linkAuth0User:
    | { __typename: 'Auth0UnavailableError', code: string }
    | { __typename: 'EmployeeNotFoundError', code: string }
    | { __typename: 'EmployeeOutOfReachError', code: string }
    | { __typename: 'LinkAuth0UserPayload' }
    | { __typename: 'ProvisioningStateError', code: string }
   };

export type ReachImportEmployeesMutationVariables = Exact<{
  input: ImportEmployeesInput;
}>;


export type ReachImportEmployeesMutation = { importEmployees:
    | { __typename: 'Auth0UnavailableError' }
    | { __typename: 'ImportEmployeesPayload', batchId: string | null, rows: Array<{ outcome: ImportRowOutcomeKind, reasons: Array<string>, employeeId: string | null }> }
    | { __typename: 'InputValidationError' }
    | { __typename: 'RateLimitedError' }
   };

export type ReconciliationReportQueryVariables = Exact<{
  department?: string | null | undefined;
  unverifiedForDays?: number | null | undefined;
}>;


export type ReconciliationReportQuery = { reconciliationReport: { generatedAt: string, department: string | null, unverifiedForDays: number, employeesChecked: number, auth0UsersScanned: number, employeesWithoutAuth0User: Array<{ reason: MissingAuth0UserReason, unlinkedAuth0UserIds: Array<string>, employee: { id: string, email: string } }>, orphanedAuth0Users: Array<{ employeeId: string | null, user: { userId: string, email: string } }>, duplicateAuth0Users: Array<{ employee: { id: string, email: string }, users: Array<{ userId: string, email: string }> }>, roleDrift: Array<{ auth0UserId: string, expectedRole: string, auth0Roles: Array<string>, employee: { id: string, email: string } }>, staleUnverified: Array<{ auth0UserId: string, accountCreatedAt: string, daysUnverified: number, employee: { id: string, email: string } }> } };

export type PodfactoryMatchReportQueryVariables = Exact<{
  roster: Array<PodfactoryRosterEntry> | PodfactoryRosterEntry;
}>;


export type PodfactoryMatchReportQuery = { podfactoryMatchReport:
    | { __typename: 'InputValidationError', message: string, issues: Array<{ message: string, path: Array<string> }> }
    | { __typename: 'PodfactoryMatchReport', matched: number, ambiguous: number, unmatched: number, entries: Array<{ name: string, email: string | null, status: PodfactoryMatchStatus, matchedBy: PodfactoryMatchVariant | null, nameVariant: PodfactoryMatchVariant | null, candidatesTruncated: boolean, employee: { id: string, name: string, department: string } | null, candidates: Array<{ id: string, department: string }> }> }
   };

export type CreateScimTokenMutationVariables = Exact<{
  input: CreateScimTokenInput;
}>;


export type CreateScimTokenMutation = { createScimToken:
    | { __typename: 'CreateScimTokenPayload', token: string, scimToken: { id: string, name: string, maxRole: EmployeeRole, createdAt: string, createdBy: string, lastUsedAt: string | null, revokedAt: string | null } }
    | { __typename: 'InputValidationError', message: string, code: string, issues: Array<{ message: string, path: Array<string> }> }
    | { __typename: 'ScimTokenNameTakenError', message: string, code: string, name: string }
   };

export type RevokeScimTokenMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeScimTokenMutation = { revokeScimToken:
    | { __typename: 'RevokeScimTokenPayload', scimToken: { id: string, name: string, revokedAt: string | null } }
    | { __typename: 'ScimTokenNotFoundError', message: string, code: string }
   };

export type ScimTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ScimTokensQuery = { scimTokens: Array<{ id: string, name: string, maxRole: EmployeeRole, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type HeldDeactivationsQueryVariables = Exact<{ [key: string]: never; }>;


export type HeldDeactivationsQuery = { heldDeactivations: Array<{ id: string, state: ScimDeactivationState, requestedBy: string, reason: string | null, requestedAt: string, employee: { id: string, active: boolean } }> };

export type ReleaseHeldDeactivationsMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type ReleaseHeldDeactivationsMutation = { releaseHeldDeactivations:
    | { __typename: 'InputValidationError', message: string, code: string }
    | { __typename: 'ReleaseHeldDeactivationsPayload', deactivations: Array<{ id: string, state: ScimDeactivationState, resolvedBy: string | null, employee: { id: string, active: boolean, auth0SyncStatus: Auth0SyncStatus } }> }
   };

export type DiscardHeldDeactivationsMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
}>;


export type DiscardHeldDeactivationsMutation = { discardHeldDeactivations:
    | { __typename: 'DiscardHeldDeactivationsPayload', deactivations: Array<{ id: string, state: ScimDeactivationState, employee: { id: string, active: boolean } }> }
    | { __typename: 'InputValidationError', message: string, code: string }
   };

export type EmployeeSyncStatusSubscriptionVariables = Exact<{
  employeeId: string | number;
}>;


export type EmployeeSyncStatusSubscription = { employeeSyncStatus: { id: string, email: string, auth0SyncStatus: Auth0SyncStatus, auth0UserId: string | null, active: boolean } | null };

export type ImportBatchProgressSubscriptionVariables = Exact<{
  batchId: string | number;
}>;


export type ImportBatchProgressSubscription = { importBatchProgress: { id: string, total: number, created: number, pending: number, provisioned: number, failed: number, finished: boolean } | null };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint:
    | { __typename: 'CreateWebhookEndpointPayload', secret: string, endpoint: { id: string, url: string, events: Array<string>, enabled: boolean } }
    | { __typename: 'InputValidationError', code: string, message: string }
    | { __typename: 'WebhookSecretKeyMissingError' }
    | { __typename: 'WebhookUrlRefusedError', code: string, reason: string }
   };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  id: string | number;
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint:
    | { __typename: 'InputValidationError', code: string, message: string }
    | { __typename: 'UpdateWebhookEndpointPayload', endpoint: { id: string, url: string, events: Array<string>, enabled: boolean, disabledReason: string | null } }
    | { __typename: 'WebhookEndpointNotFoundError', code: string, message: string }
    | { __typename: 'WebhookUrlRefusedError', code: string, message: string }
   };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint:
    | { __typename: 'DeleteWebhookEndpointPayload', deletedId: string }
    | { __typename: 'WebhookEndpointNotFoundError', code: string }
   };

export type RotateWebhookSecretMutationVariables = Exact<{
  id: string | number;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret:
    | { __typename: 'RotateWebhookSecretPayload', secret: string, endpoint: { id: string, previousSecretValidUntil: string | null } }
    | { __typename: 'WebhookEndpointNotFoundError', code: string }
    | { __typename: 'WebhookSecretKeyMissingError', code: string }
   };

export type WebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEndpointsQuery = { webhookEndpoints: Array<{ id: string, url: string, events: Array<string>, description: string, enabled: boolean, disabledReason: string | null, failingSince: string | null }> };

export type WebhookDeliveriesQueryVariables = Exact<{
  endpointId: string | number;
  status?: WebhookDeliveryStatus | null | undefined;
}>;


export type WebhookDeliveriesQuery = { webhookDeliveries:
    | { __typename: 'WebhookDeliveries', deliveries: Array<{ sequence: string, eventType: string, status: WebhookDeliveryStatus, attempts: number, lastError: string | null, deliveredAt: string | null, lastResponse: { status: number, body: string | null } | null }> }
    | { __typename: 'WebhookEndpointNotFoundError', code: string }
   };

export type RedeliverWebhookEventsMutationVariables = Exact<{
  endpointId: string | number;
  from: string;
}>;


export type RedeliverWebhookEventsMutation = { redeliverWebhookEvents:
    | { __typename: 'RedeliverWebhookEventsPayload', queued: number }
    | { __typename: 'WebhookEndpointNotFoundError', code: string }
   };

export const DatedEmployeeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<DatedEmployeeFragment, unknown>;
export const AuditEventsDocument = {"__meta__":{"hash":"sha256:f6cf209f0be41e6e69311a98e52320fd57d5940455aa6c877a2023b669d49847"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEventFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0ErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const CreateEmployeeDocument = {"__meta__":{"hash":"sha256:95655db7d9a10913f68be111524aadb5a192690e8128bc9899fd703031909e39"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"authMethod"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0AccountCreatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncError"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateLimitedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEmployeeMutation, CreateEmployeeMutationVariables>;
export const DayOneImportDocument = {"__meta__":{"hash":"sha256:d750c350756b1b7f3b5de4cb06dd3d47ef0bdba1a84df31fe2502c10a0325672"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DayOneImport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEmployees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchId"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"adopted"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyExists"}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"employeeId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Auth0UnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DayOneImportMutation, DayOneImportMutationVariables>;
export const EmployeeByExternalIdDocument = {"__meta__":{"hash":"sha256:d744cde58bb5bb498165d955ca583fbfff53c5b93f537198493968df8f5c7841"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeeByExternalId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"externalId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeByExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"externalId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"externalId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}}]} as unknown as DocumentNode<EmployeeByExternalIdQuery, EmployeeByExternalIdQueryVariables>;
export const CreateEmployeeWithExternalIdDocument = {"__meta__":{"hash":"sha256:a7652d3278aa4866c995735c508be92c417c1ce641003ed36db1aba8519777b3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEmployeeWithExternalId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeAlreadyExistsError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalIdAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEmployeeWithExternalIdMutation, CreateEmployeeWithExternalIdMutationVariables>;
export const UpdateEmployeeExternalIdDocument = {"__meta__":{"hash":"sha256:1695b432b86ca13218437a5637ac5d6372e6e3a6254b1591067e66b0d6579e10"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEmployeeExternalId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"externalId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"externalId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"externalId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0AccountSynced"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalIdAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateEmployeeExternalIdMutation, UpdateEmployeeExternalIdMutationVariables>;
export const CreateDatedEmployeeDocument = {"__meta__":{"hash":"sha256:f78926907ed3aae67561948ca260dff783260beaf305506f4bf1e556b2ad64bb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDatedEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DatedEmployee"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EndDateBeforeStartDateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleNotAllowedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<CreateDatedEmployeeMutation, CreateDatedEmployeeMutationVariables>;
export const UpdateEmployeeDatesDocument = {"__meta__":{"hash":"sha256:d365d57a0560777a492b79dcd2b0b6a347aff1a6b1b3c7daefb2489b2d654c7c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEmployeeDates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DatedEmployee"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EndDateBeforeStartDateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleNotAllowedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeOutOfReachError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<UpdateEmployeeDatesMutation, UpdateEmployeeDatesMutationVariables>;
export const DeactivateEmployeeAtDocument = {"__meta__":{"hash":"sha256:e1e38686bc0da98df49057ee1d72209636b17db84abd55a72dcd7ea49e1e535b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateEmployeeAt"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"effectiveAt"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}},{"kind":"Argument","name":{"kind":"Name","value":"effectiveAt"},"value":{"kind":"Variable","name":{"kind":"Name","value":"effectiveAt"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeactivateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DatedEmployee"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleNotAllowedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<DeactivateEmployeeAtMutation, DeactivateEmployeeAtMutationVariables>;
export const ReactivateDatedEmployeeDocument = {"__meta__":{"hash":"sha256:504389b1c8d803153632f8567bb8d3f51cfd875c793ef8aeb5524ae865e701f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReactivateDatedEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReactivateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DatedEmployee"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<ReactivateDatedEmployeeMutation, ReactivateDatedEmployeeMutationVariables>;
export const DatedEmployeeDocument = {"__meta__":{"hash":"sha256:9ff765fc118ee6a0bb82a3f2a21b4b4ac0453eea597384d52533fec7d7bca7b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DatedEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DatedEmployee"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DatedEmployee"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"startDate"}},{"kind":"Field","name":{"kind":"Name","value":"endDate"}},{"kind":"Field","name":{"kind":"Name","value":"invitationScheduledAt"}},{"kind":"Field","name":{"kind":"Name","value":"scheduledDeactivationAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}}]}}]} as unknown as DocumentNode<DatedEmployeeQuery, DatedEmployeeQueryVariables>;
export const ImportDatedEmployeesDocument = {"__meta__":{"hash":"sha256:3e5b9cbbf3cef4ea9d57aa79781b7044bf6e417ce4b626aa5bff5028e0e266a8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportDatedEmployees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEmployees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchId"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"employeeId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImportDatedEmployeesMutation, ImportDatedEmployeesMutationVariables>;
export const EmployeeDocument = {"__meta__":{"hash":"sha256:9240cd0ac53ced889b41e465102a14b871cf8ab5f2741782fd7daa2c0fe30e39"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Employee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"httpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"correlationId"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EmployeeQuery, EmployeeQueryVariables>;
export const NodeDocument = {"__meta__":{"hash":"sha256:d7afd98251e1150c0e7021a67a418f0af64b66d94647654d77e500ebe485cad9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Node"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Employee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<NodeQuery, NodeQueryVariables>;
export const EmployeesDocument = {"__meta__":{"hash":"sha256:7b760a48bd1f6d5c546fa052db6556c7d339eb207c5e9a4b34ca89bc0fe08da7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Employees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeOrder"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EmployeesQuery, EmployeesQueryVariables>;
export const EmployeesWithAuth0UserDocument = {"__meta__":{"hash":"sha256:39d9df7cd255d3110f32758992416b2f5371d74155962064d4a1d62aede98bcc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeesWithAuth0User"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserMissing"}},{"kind":"Field","name":{"kind":"Name","value":"auth0User"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"lastLogin"}},{"kind":"Field","name":{"kind":"Name","value":"loginsCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EmployeesWithAuth0UserQuery, EmployeesWithAuth0UserQueryVariables>;
export const EmployeesWithAuth0RolesDocument = {"__meta__":{"hash":"sha256:d9b9b19efb3222cdd7fc7c0bf45b194d6744d053f0688b6d28c27a0f6fc96238"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeesWithAuth0Roles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0User"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EmployeesWithAuth0RolesQuery, EmployeesWithAuth0RolesQueryVariables>;
export const EmployeeAuditEventsDocument = {"__meta__":{"hash":"sha256:bab87da6a97d470976538977928dcdacf1f57f08adf667156c0706c4b465601f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeeAuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EmployeeAuditEventsQuery, EmployeeAuditEventsQueryVariables>;
export const RolesDocument = {"__meta__":{"hash":"sha256:d164008d1e5a86688db94a7b12e1404443eb9c49f0d21061ef81eb10e96a91cc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0Name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]} as unknown as DocumentNode<RolesQuery, RolesQueryVariables>;
export const ImportEmployeesDocument = {"__meta__":{"hash":"sha256:708e6f9ec6c8e537df5dee56787e4226c9fb8e66554b89ba7549b9ea94f7fee8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportEmployees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEmployees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchId"}},{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyExists"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"employeeId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ImportEmployeesMutation, ImportEmployeesMutationVariables>;
export const ImportBatchDocument = {"__meta__":{"hash":"sha256:4d7e783f530473df0d8b7b599dfa1e970d8f85f4d3902d95149c55d3892cc262"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImportBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importBatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"alreadyExists"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"provisioned"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}}]}}]}}]} as unknown as DocumentNode<ImportBatchQuery, ImportBatchQueryVariables>;
export const EmployeeInvitationDocument = {"__meta__":{"hash":"sha256:9b95abe2c6f894ac0c5c691d8fe54b8ec09704c17e6dbf1b4acdabd682c40e7d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeeInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"invitationStatus"}},{"kind":"Field","name":{"kind":"Name","value":"invitationFailureReason"}}]}}]}}]} as unknown as DocumentNode<EmployeeInvitationQuery, EmployeeInvitationQueryVariables>;
export const UpdateEmployeeDocument = {"__meta__":{"hash":"sha256:98eca73c4b63ddb29deef912d7ec5a8bcffc48a9dff736ea4d9f793ba8763063"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"previousNames"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncError"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncFailureReason"}},{"kind":"Field","name":{"kind":"Name","value":"auth0AccountSynced"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailTakenInAuth0Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UpdateEmployeeMutation, UpdateEmployeeMutationVariables>;
export const DeactivateEmployeeDocument = {"__meta__":{"hash":"sha256:a733c4ff2ce2f6bb74de35bec3f712c23224bbccfa66425113bd9eb53e19ce08"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeactivateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"deactivatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deactivationReason"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0AccountSynced"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeactivateEmployeeMutation, DeactivateEmployeeMutationVariables>;
export const ReactivateEmployeeDocument = {"__meta__":{"hash":"sha256:cde5c9a69d031256000b69da22577e31e174a08eca63da509b82baba1f897fb6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReactivateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReactivateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0Role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0AccountSynced"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReactivateEmployeeMutation, ReactivateEmployeeMutationVariables>;
export const CreateEmployeeWithRoleDocument = {"__meta__":{"hash":"sha256:09a7ef3910381e7516f1a3d592270d17b03036075c586193c7e379b718a3ef0a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEmployeeWithRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoleNotGrantableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEmployeeWithRoleMutation, CreateEmployeeWithRoleMutationVariables>;
export const ImportEmployeesWithRolesDocument = {"__meta__":{"hash":"sha256:921aa20ee100044e5b1c197abdcfe1e3e941af6f53ef9e0868d8b39244dddefa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ImportEmployeesWithRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEmployees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchId"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"invalid"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"row"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"employeeId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ImportEmployeesWithRolesMutation, ImportEmployeesWithRolesMutationVariables>;
export const RetryProvisioningAfterDeletionDocument = {"__meta__":{"hash":"sha256:de7db3119ff08669eba681f3d8ca9b80222e4a91a7093d900937b57898f46a32"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryProvisioningAfterDeletion"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryProvisioning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RetryProvisioningPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningStateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Auth0UnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RetryProvisioningAfterDeletionMutation, RetryProvisioningAfterDeletionMutationVariables>;
export const EmployeesWithDeactivatedDocument = {"__meta__":{"hash":"sha256:1ec051df589dc3e51ba9fbe3fd3a935788a016a746adc1726739de6635d82758"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EmployeesWithDeactivated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EmployeesWithDeactivatedQuery, EmployeesWithDeactivatedQueryVariables>;
export const ReconciliationAccessDriftDocument = {"__meta__":{"hash":"sha256:c2757dea650722af56cb38073d3090f42e73234ababd2c9e02c7bc00c6fc6723"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReconciliationAccessDrift"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"department"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconciliationReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"department"},"value":{"kind":"Variable","name":{"kind":"Name","value":"department"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeesWithoutAuth0User"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"accessDrift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReconciliationAccessDriftQuery, ReconciliationAccessDriftQueryVariables>;
export const PodfactoryPreviousNamesDocument = {"__meta__":{"hash":"sha256:9601b0f76954ac0801005ee1edbd02cb1d2778a75f42fec9dcae5cfb18e0dabe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PodfactoryPreviousNames"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roster"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PodfactoryRosterEntry"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"podfactoryMatchReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"roster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodfactoryMatchReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"matchedBy"}},{"kind":"Field","name":{"kind":"Name","value":"nameVariant"}},{"kind":"Field","name":{"kind":"Name","value":"previousName"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"previousNames"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PodfactoryPreviousNamesQuery, PodfactoryPreviousNamesQueryVariables>;
export const ProvisioningStatusDocument = {"__meta__":{"hash":"sha256:a9432bc29973db3f3d05fe94b1b2be750490305b0e0a17fd2715a7b8cc258828"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProvisioningStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provisioningStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"changedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changedBy"}}]}}]}}]} as unknown as DocumentNode<ProvisioningStatusQuery, ProvisioningStatusQueryVariables>;
export const SetProvisioningEnabledDocument = {"__meta__":{"hash":"sha256:4ca57bff3e886147588d7ed84d0c211753a744492e4a5c1abee69c1dd47fc9db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetProvisioningEnabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setProvisioningEnabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetProvisioningEnabledPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"changedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changedBy"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SetProvisioningEnabledMutation, SetProvisioningEnabledMutationVariables>;
export const CreateEmployeeIdempotentDocument = {"__meta__":{"hash":"sha256:dd8cef9eb2d370146de2c916227b3fc363ef12dd3e0449bf57ffb5f5fc0409f0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEmployeeIdempotent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeeInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEmployeePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncError"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncFailureReason"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"IdempotencyKeyConflictError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"idempotencyKey"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmailAlreadyUsedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateEmployeeIdempotentMutation, CreateEmployeeIdempotentMutationVariables>;
export const AssignRoleDocument = {"__meta__":{"hash":"sha256:c0d62a08e875fca47cb98cc897c310c4079a1c6bdce610b293e257a00ebc7cec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeRole"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssignRolePayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0Role"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RoleNotGrantableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AssignRoleMutation, AssignRoleMutationVariables>;
export const ResendVerificationDocument = {"__meta__":{"hash":"sha256:15cad79537f361877913e97d5c81136a06a4e804c204e912a2f40d249352b423"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResendVerification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResendVerificationPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VerificationCooldownError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfter"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AlreadyVerifiedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NoAuth0UserYetError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Auth0UnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningStateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ResendVerificationMutation, ResendVerificationMutationVariables>;
export const RetryProvisioningDocument = {"__meta__":{"hash":"sha256:4ca01f9ebfcad3e5f7e3bda1219a4a0679e9048913a4d9ad34c06cb98cc0ecf0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetryProvisioning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryProvisioning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RetryProvisioningPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncError"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncFailureReason"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningStateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RetryProvisioningMutation, RetryProvisioningMutationVariables>;
export const LinkAuth0UserDocument = {"__meta__":{"hash":"sha256:8c5ad87ecfbf4d6ded0a0930af963a44d16bb54a216e0acac8de181a61116eea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkAuth0User"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"auth0UserId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkAuth0User"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"auth0UserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"auth0UserId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LinkAuth0UserPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProvisioningStateError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Auth0UnavailableError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeNotFoundError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<LinkAuth0UserMutation, LinkAuth0UserMutationVariables>;
export const ReachUpdateEmployeeDocument = {"__meta__":{"hash":"sha256:a7e4a0ee767d916e2daa06d80770d31bdf8696ad1bce209672a64349af1e5ab5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachUpdateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEmployeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachUpdateEmployeeMutation, ReachUpdateEmployeeMutationVariables>;
export const ReachAssignRoleDocument = {"__meta__":{"hash":"sha256:916735c23af3d2fb8c83324b2a26e0fc3e30b8f1b9e0a637113e3cd507420a26"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachAssignRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EmployeeRole"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachAssignRoleMutation, ReachAssignRoleMutationVariables>;
export const ReachDeactivateEmployeeDocument = {"__meta__":{"hash":"sha256:7a0c8b127063e98eb6b8e2430647191bebeaf1ead8bd93a25b79db81e2bf965d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachDeactivateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachDeactivateEmployeeMutation, ReachDeactivateEmployeeMutationVariables>;
export const ReachReactivateEmployeeDocument = {"__meta__":{"hash":"sha256:6aa83a52fbfd2f77c97632d276225125906348b044dde8af081495f1ce22af6a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachReactivateEmployee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateEmployee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachReactivateEmployeeMutation, ReachReactivateEmployeeMutationVariables>;
export const ReachResendVerificationDocument = {"__meta__":{"hash":"sha256:06884c0a755be7af8f16aa9e6fbc8ab47676bd11f26973a71ff55ff88cd7c921"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachResendVerification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachResendVerificationMutation, ReachResendVerificationMutationVariables>;
export const ReachRetryProvisioningDocument = {"__meta__":{"hash":"sha256:3abc05136f1c804e9879f9a3f099cc3a126b16faea19ca09799c082cf2d2c60d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachRetryProvisioning"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retryProvisioning"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachRetryProvisioningMutation, ReachRetryProvisioningMutationVariables>;
export const ReachLinkAuth0UserDocument = {"__meta__":{"hash":"sha256:f20c394c3664c1fc75ee8b1d41296e192cd2eed6e44201c33296c8e2a39c2e44"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachLinkAuth0User"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"auth0UserId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkAuth0User"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}},{"kind":"Argument","name":{"kind":"Name","value":"auth0UserId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"auth0UserId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReachLinkAuth0UserMutation, ReachLinkAuth0UserMutationVariables>;
export const ReachImportEmployeesDocument = {"__meta__":{"hash":"sha256:ee7de3c578e4eb17d00ca51b3c29da688547d827e19d2405b56826dbdfe6e145"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReachImportEmployees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importEmployees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ImportEmployeesPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"batchId"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"}},{"kind":"Field","name":{"kind":"Name","value":"employeeId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReachImportEmployeesMutation, ReachImportEmployeesMutationVariables>;
export const ReconciliationReportDocument = {"__meta__":{"hash":"sha256:368e7e4f54932d28c0d9cd4e1131f170e65bb484e178c69710240e34ab9073c0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReconciliationReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"department"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"unverifiedForDays"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reconciliationReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"department"},"value":{"kind":"Variable","name":{"kind":"Name","value":"department"}}},{"kind":"Argument","name":{"kind":"Name","value":"unverifiedForDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"unverifiedForDays"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"unverifiedForDays"}},{"kind":"Field","name":{"kind":"Name","value":"employeesChecked"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UsersScanned"}},{"kind":"Field","name":{"kind":"Name","value":"employeesWithoutAuth0User"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"unlinkedAuth0UserIds"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"orphanedAuth0Users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeId"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"duplicateAuth0Users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"roleDrift"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"expectedRole"}},{"kind":"Field","name":{"kind":"Name","value":"auth0Roles"}}]}},{"kind":"Field","name":{"kind":"Name","value":"staleUnverified"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"accountCreatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysUnverified"}}]}}]}}]}}]} as unknown as DocumentNode<ReconciliationReportQuery, ReconciliationReportQueryVariables>;
export const PodfactoryMatchReportDocument = {"__meta__":{"hash":"sha256:d90f079d7ae5e2b5ea152c57db6d1ad4fd321f2d27c66c0f1ac262a17bcfea31"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PodfactoryMatchReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roster"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PodfactoryRosterEntry"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"podfactoryMatchReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"roster"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roster"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PodfactoryMatchReport"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"matched"}},{"kind":"Field","name":{"kind":"Name","value":"ambiguous"}},{"kind":"Field","name":{"kind":"Name","value":"unmatched"}},{"kind":"Field","name":{"kind":"Name","value":"entries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"matchedBy"}},{"kind":"Field","name":{"kind":"Name","value":"nameVariant"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"department"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"}}]}},{"kind":"Field","name":{"kind":"Name","value":"candidatesTruncated"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PodfactoryMatchReportQuery, PodfactoryMatchReportQueryVariables>;
export const CreateScimTokenDocument = {"__meta__":{"hash":"sha256:1d4f98300272c8d0df76707eb666d0f1b0c71d6c18ba4c6f8e3ecc4b9bd1712e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScimToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScimTokenInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScimToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScimTokenPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"scimToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"maxRole"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScimTokenNameTakenError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CreateScimTokenMutation, CreateScimTokenMutationVariables>;
export const RevokeScimTokenDocument = {"__meta__":{"hash":"sha256:8dcc97b17a5634ce0ceb8d9cd60bfa89a852f52e4ba10ec1207ac5da9b385374"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeScimToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeScimToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeScimTokenPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scimToken"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeScimTokenMutation, RevokeScimTokenMutationVariables>;
export const ScimTokensDocument = {"__meta__":{"hash":"sha256:480cd1da403add4e3e0b2e10b1502e4a68de6b19c399d4882a65e6c8bc2a0f14"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScimTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scimTokens"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"maxRole"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<ScimTokensQuery, ScimTokensQueryVariables>;
export const HeldDeactivationsDocument = {"__meta__":{"hash":"sha256:9fa18b891d6f1cfd035d36ee1e80b5de26ac48439f06865da07017e15203dd83"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HeldDeactivations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldDeactivations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<HeldDeactivationsQuery, HeldDeactivationsQueryVariables>;
export const ReleaseHeldDeactivationsDocument = {"__meta__":{"hash":"sha256:399522b1a3e68961042f18301c9abe2d71ac6284f70d1ea020fad30ad906df61"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReleaseHeldDeactivations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"releaseHeldDeactivations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReleaseHeldDeactivationsPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseHeldDeactivationsMutation, ReleaseHeldDeactivationsMutationVariables>;
export const DiscardHeldDeactivationsDocument = {"__meta__":{"hash":"sha256:0cfc7a2df975c3311e63070bce87b5218749567b8a76dc3e7e39382bc1b7592f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DiscardHeldDeactivations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"discardHeldDeactivations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DiscardHeldDeactivationsPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"employee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DiscardHeldDeactivationsMutation, DiscardHeldDeactivationsMutationVariables>;
export const EmployeeSyncStatusDocument = {"__meta__":{"hash":"sha256:58030a24b1babe9cc891ff83ae068daf842bca393d39bbf402a45239606f0f11"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EmployeeSyncStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"employeeSyncStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"employeeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"employeeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"auth0SyncStatus"}},{"kind":"Field","name":{"kind":"Name","value":"auth0UserId"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<EmployeeSyncStatusSubscription, EmployeeSyncStatusSubscriptionVariables>;
export const ImportBatchProgressDocument = {"__meta__":{"hash":"sha256:0c1dfcd1f0769a6bf2b36ef465a5532b24863cc61de7a3509d6ccdc2d4ed77f1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ImportBatchProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"batchId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"importBatchProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"batchId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"batchId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"created"}},{"kind":"Field","name":{"kind":"Name","value":"pending"}},{"kind":"Field","name":{"kind":"Name","value":"provisioned"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}}]}}]}}]} as unknown as DocumentNode<ImportBatchProgressSubscription, ImportBatchProgressSubscriptionVariables>;
export const CreateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:8de904e43436643e812429fc9610ce24a5e5dea9e68e1e1037c506100a5b29c9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateWebhookEndpointPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookUrlRefusedError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InputValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = {"__meta__":{"hash":"sha256:eb15c94c45d1e065fca2997efb9fac359f006c9c5df53826939a570fa2f42796"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateWebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateWebhookEndpointPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = {"__meta__":{"hash":"sha256:bf00c71ec06df67095a51b627e1f0ea0e4fdbc67a9c4e57e131965f3cadda2f0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteWebhookEndpointPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RotateWebhookSecretDocument = {"__meta__":{"hash":"sha256:0f26b0d3fb3175aa646bccbe48bb7f76f9b823d8f34b81c28d7a31aee92d97d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateWebhookSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateWebhookSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RotateWebhookSecretPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"previousSecretValidUntil"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const WebhookEndpointsDocument = {"__meta__":{"hash":"sha256:d0a945ea7125e1478bd46bbd684c6cfc5d6620a4090f792c4ec7d23d3ef2c8f8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"failingSince"}}]}}]}}]} as unknown as DocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const WebhookDeliveriesDocument = {"__meta__":{"hash":"sha256:6b2f6af782f878605cb4c418b93278ba35df822571d7da3ee7746d9fef703c9c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveryStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookDeliveries"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"lastResponse"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const RedeliverWebhookEventsDocument = {"__meta__":{"hash":"sha256:5710b2cd734028557185c1cc47f6dcf14abda810eeedf2cc6c5219a0c357f8a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedeliverWebhookEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeliverWebhookEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RedeliverWebhookEventsPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queued"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RedeliverWebhookEventsMutation, RedeliverWebhookEventsMutationVariables>;