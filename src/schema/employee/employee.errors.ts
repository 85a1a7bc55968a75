import {
  AlreadyVerifiedError,
  Auth0UnavailableError,
  EmailAlreadyUsedError,
  EmailTakenInAuth0Error,
  EmailChangeNotAllowedError,
  EmployeeAlreadyExistsError,
  EmployeeNotFoundError,
  EmployeeOutOfReachError,
  EndDateBeforeStartDateError,
  ExternalIdAlreadyUsedError,
  IdempotencyKeyConflictError,
  NoAuth0UserYetError,
  ProvisioningStateError,
  RateLimitedError,
  RoleNotGrantableError,
  ScheduleNotAllowedError,
  VerificationCooldownError,
} from '../../services/errors.ts';
import { errorType } from '../common/error.type.ts';
import { EmployeeNode, EmployeeRoleEnum } from './employee.type.ts';

errorType(EmailAlreadyUsedError, 'Another employee already has this email address; nothing was changed.', (t) => ({
  email: t.field({ type: 'EmailAddress', description: 'The address that is taken.', resolve: (error) => error.email }),
}));

errorType(EmployeeNotFoundError, 'No employee has this id; nothing was changed.');

errorType(
  EmployeeOutOfReachError,
  'The employee holds a role the caller may not grant (admins reach everyone, managers production associates and team leads); nothing was changed, sent or called, and the attempt is audited.',
  (t) => ({
    role: t.field({ type: EmployeeRoleEnum, description: "The employee's role.", resolve: (error) => error.role as never }),
  }),
);

errorType(
  EmailChangeNotAllowedError,
  "The employee's account is in use (they verified the address or signed in, or it was linked by hand): only an admin (manage:provisioning) may move it to a new address; nothing was changed.",
);

errorType(AlreadyVerifiedError, 'The employee already verified their email; nothing was sent.');

errorType(NoAuth0UserYetError, 'The employee has no Auth0 account yet (provisioning pending or failed); nothing was sent.');

errorType(Auth0UnavailableError, 'Auth0 did not answer (or provisioning is switched off); nothing was changed in Auth0. Try again later.');

errorType(ProvisioningStateError, 'The employee is not in a state this operation applies to; nothing was changed.');

errorType(IdempotencyKeyConflictError, 'The idempotency key was already used with a different input; nothing was changed.', (t) => ({
  idempotencyKey: t.exposeString('idempotencyKey', { description: 'The key that was reused.' }),
}));

errorType(
  RoleNotGrantableError,
  "The caller may not grant this role: to a new employee (createEmployee), or by changing this employee's role (assignRole). Managers grant production_associate and team_lead only; nothing was changed.",
  (t) => ({
    role: t.field({ type: EmployeeRoleEnum, description: 'The role asked for.', resolve: (error) => error.role as never }),
  }),
);

errorType(
  VerificationCooldownError,
  "An onboarding email (verification or invitation) was sent to this employee recently, within the cooldown or Auth0's limit of one password-set email per minute per address; nothing was sent.",
  (t) => ({
    retryAfter: t.field({ type: 'DateTime', description: 'When a new email may be requested.', resolve: (error) => error.retryAfter }),
    retryAfterSeconds: t.int({
      description: 'Seconds until then.',
      resolve: (error) => Math.max(0, Math.ceil((error.retryAfter.getTime() - Date.now()) / 1000)),
    }),
  }),
);

errorType(
  RateLimitedError,
  "The caller used up its share of changes that reach Auth0 (creations, import rows, resends, updates: CALLER_LIMIT_POINTS per CALLER_LIMIT_WINDOW_SECONDS, counted across every gateway process); nothing was done. Other callers are not affected.",
  (t) => ({
    retryAfter: t.field({ type: 'DateTime', description: 'When the caller may try again.', resolve: (error) => error.retryAfter }),
    retryAfterSeconds: t.int({
      description: 'Seconds until then.',
      resolve: (error) => Math.max(0, Math.ceil((error.retryAfter.getTime() - Date.now()) / 1000)),
    }),
  }),
);

errorType(EmailTakenInAuth0Error, "An Auth0 user that is not this employee's holds the address; nothing was changed (the gateway never links or takes over another user).", (t) => ({
  email: t.field({ type: 'EmailAddress', description: 'The address that is taken in Auth0.', resolve: (error) => error.email }),
}));

errorType(
  EmployeeAlreadyExistsError,
  'An employee with this external id is already stored (re-sending a person from the source system is safe); nothing was changed.',
  (t) => ({
    employee: t.field({ type: EmployeeNode, description: 'The employee stored under the external id.', resolve: (error) => error.employee }),
  }),
);

errorType(ExternalIdAlreadyUsedError, 'Another employee already has this external id; nothing was changed.', (t) => ({
  externalId: t.exposeString('externalId', { description: 'The external id that is taken.' }),
}));

errorType(EndDateBeforeStartDateError, 'The end date comes before the start date (as given, or as stored when only one is given); nothing was changed.', (t) => ({
  startDate: t.exposeString('startDate', { description: 'The start date, YYYY-MM-DD.' }),
  endDate: t.exposeString('endDate', { description: 'The end date, YYYY-MM-DD.' }),
}));

errorType(
  ScheduleNotAllowedError,
  "An end date or a future deactivation schedules a deactivation: it needs deactivate:employees and reach over the employee's role; nothing was changed.",
);
