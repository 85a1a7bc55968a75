import type { Employee } from '../generated/prisma/client.ts';

// Expected outcomes a caller can act on. The GraphQL layer exposes each as a union member; the
// stable `code` is what clients and logs key on.

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export class EmailAlreadyUsedError extends DomainError {
  readonly code = 'EMAIL_ALREADY_USED';
  constructor(readonly email: string) {
    super(`Another employee already uses ${email}`);
    this.name = 'EmailAlreadyUsedError';
  }
}

export class EmployeeNotFoundError extends DomainError {
  readonly code = 'EMPLOYEE_NOT_FOUND';
  constructor(readonly employeeId: string) {
    super('No employee has this id');
    this.name = 'EmployeeNotFoundError';
  }
}

/** The same idempotency key came with a different input: the first request's employee is not this one. */
export class IdempotencyKeyConflictError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_CONFLICT';
  constructor(readonly idempotencyKey: string) {
    super('This idempotency key was already used with a different input');
    this.name = 'IdempotencyKeyConflictError';
  }
}

/** The caller may not grant this role: to a new employee (creation), or by changing an employee's role (assignRole). */
export class RoleNotGrantableError extends DomainError {
  readonly code = 'ROLE_NOT_GRANTABLE';
  constructor(
    readonly role: string,
    on: 'creation' | 'change' = 'change',
  ) {
    super(
      on === 'creation'
        ? `You may not create an employee with the role ${role.toLowerCase()}`
        : `You may not grant the role ${role.toLowerCase()} or change this employee's role`,
    );
    this.name = 'RoleNotGrantableError';
  }
}

/**
 * The employee holds a role the caller may not grant (admins reach everyone, managers production
 * associates and team leads): nothing was written, no Auth0 call made, no email sent.
 */
export class EmployeeOutOfReachError extends DomainError {
  readonly code = 'EMPLOYEE_OUT_OF_REACH';
  constructor(readonly role: string) {
    super(`You may not act on an employee who holds the role ${role.toLowerCase()}`);
    this.name = 'EmployeeOutOfReachError';
  }
}

/**
 * Moving an established account (its owner verified the address or signed in, or it was linked by hand)
 * to a new address hands the account to whoever reads that address: only admins may.
 */
export class EmailChangeNotAllowedError extends DomainError {
  readonly code = 'EMAIL_CHANGE_NOT_ALLOWED';
  constructor() {
    super("The employee's account is in use (verified, signed in, or linked by hand): only an admin may change its email");
    this.name = 'EmailChangeNotAllowedError';
  }
}

export class AlreadyVerifiedError extends DomainError {
  readonly code = 'ALREADY_VERIFIED';
  constructor() {
    super('The employee has already verified their email address');
    this.name = 'AlreadyVerifiedError';
  }
}

export class NoAuth0UserYetError extends DomainError {
  readonly code = 'NO_AUTH0_USER_YET';
  constructor() {
    super('The employee has no Auth0 account yet; provisioning is still pending or failed');
    this.name = 'NoAuth0UserYetError';
  }
}

export class VerificationCooldownError extends DomainError {
  readonly code = 'VERIFICATION_COOLDOWN';
  constructor(readonly retryAfter: Date, email?: string) {
    super(`A verification email was sent${email ? ` to ${email}` : ''} recently; try again after ${retryAfter.toISOString()}`);
    this.name = 'VerificationCooldownError';
  }
}

/** The caller used up its share of Auth0-bound mutations for now (src/services/caller-limits.ts); nothing was done. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(readonly retryAfter: Date) {
    super(`Too many changes that reach Auth0 from this caller; try again after ${retryAfter.toISOString()}`);
    this.name = 'RateLimitedError';
  }
}

/** Auth0 did not answer (429, 5xx, timeout); nothing was changed there. */
export class Auth0UnavailableError extends DomainError {
  readonly code = 'AUTH0_UNAVAILABLE';
  constructor(readonly reason: string) {
    super(`Auth0 is unavailable right now: ${reason}`);
    this.name = 'Auth0UnavailableError';
  }
}

/** The employee's provisioning is not in a state this operation applies to (e.g. retrying a CREATED one). */
export class ProvisioningStateError extends DomainError {
  readonly code = 'PROVISIONING_STATE';
  constructor(message: string) {
    super(message);
    this.name = 'ProvisioningStateError';
  }
}

/** Another Auth0 user (not this employee's) holds the address: the gateway never links or takes it over. */
export class EmailTakenInAuth0Error extends DomainError {
  readonly code = 'EMAIL_TAKEN_IN_AUTH0';
  constructor(readonly email: string) {
    super(`An Auth0 user that is not this employee's already uses ${email}`);
    this.name = 'EmailTakenInAuth0Error';
  }
}

/**
 * The employee is already stored (a create or import row whose external id one holds): nothing was
 * changed; re-sending the same person from the source system is safe.
 */
export class EmployeeAlreadyExistsError extends DomainError {
  readonly code = 'ALREADY_EXISTS';
  constructor(readonly employee: Employee) {
    super('An employee with this external id already exists; nothing was changed');
    this.name = 'EmployeeAlreadyExistsError';
  }
}

/** The external id belongs to another employee than the one this input is about: nothing was changed. */
export class ExternalIdAlreadyUsedError extends DomainError {
  readonly code = 'EXTERNAL_ID_ALREADY_USED';
  constructor(readonly externalId: string) {
    super('Another employee already has this external id');
    this.name = 'ExternalIdAlreadyUsedError';
  }
}

/** Another employee already has this sign-in name (SCIM userName, compared case-insensitively): nothing was changed. */
export class UserNameAlreadyUsedError extends DomainError {
  readonly code = 'USER_NAME_ALREADY_USED';
  constructor(readonly userName: string) {
    super('Another employee already has this user name');
    this.name = 'UserNameAlreadyUsedError';
  }
}

/** The end date comes before the start date: nothing was changed. */
export class EndDateBeforeStartDateError extends DomainError {
  readonly code = 'END_DATE_BEFORE_START_DATE';
  constructor(
    readonly startDate: string,
    readonly endDate: string,
  ) {
    super(`The end date ${endDate} is before the start date ${startDate}`);
    this.name = 'EndDateBeforeStartDateError';
  }
}

/**
 * An end date or a future deactivation schedules a deactivation: it needs deactivate:employees and reach
 * over the employee's role, like deactivating now. Nothing was changed.
 */
export class ScheduleNotAllowedError extends DomainError {
  readonly code = 'SCHEDULE_NOT_ALLOWED';
  constructor() {
    super("Setting an end date or a future deactivation needs the deactivate:employees permission and reach over the employee's role");
    this.name = 'ScheduleNotAllowedError';
  }
}
