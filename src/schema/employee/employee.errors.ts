import { builder } from '../../builder.ts';
import {
  AlreadyVerifiedError,
  Auth0UnavailableError,
  EmailAlreadyUsedError,
  EmployeeNotFoundError,
  IdempotencyKeyConflictError,
  NoAuth0UserYetError,
  ProvisioningStateError,
  RoleNotGrantableError,
  VerificationCooldownError,
} from '../../services/errors.ts';
import { ErrorInterface } from '../common/error.type.ts';
import { EmployeeRoleEnum } from './employee.type.ts';

builder.objectType(EmailAlreadyUsedError, {
  name: 'EmailAlreadyUsedError',
  description: 'Another employee already has this email address; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EmailAlreadyUsedError,
  fields: (t) => ({
    email: t.field({ type: 'EmailAddress', description: 'The address that is taken.', resolve: (error) => error.email }),
  }),
});

builder.objectType(EmployeeNotFoundError, {
  name: 'EmployeeNotFoundError',
  description: 'No employee has this id; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EmployeeNotFoundError,
  fields: () => ({}),
});

builder.objectType(AlreadyVerifiedError, {
  name: 'AlreadyVerifiedError',
  description: 'The employee already verified their email; nothing was sent.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AlreadyVerifiedError,
  fields: () => ({}),
});

builder.objectType(NoAuth0UserYetError, {
  name: 'NoAuth0UserYetError',
  description: 'The employee has no Auth0 account yet (provisioning pending or failed); nothing was sent.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NoAuth0UserYetError,
  fields: () => ({}),
});

builder.objectType(Auth0UnavailableError, {
  name: 'Auth0UnavailableError',
  description: 'Auth0 did not answer (or provisioning is switched off); nothing was changed in Auth0. Try again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof Auth0UnavailableError,
  fields: () => ({}),
});

builder.objectType(ProvisioningStateError, {
  name: 'ProvisioningStateError',
  description: 'The employee is not in a state this operation applies to; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ProvisioningStateError,
  fields: () => ({}),
});

builder.objectType(IdempotencyKeyConflictError, {
  name: 'IdempotencyKeyConflictError',
  description: 'The idempotency key was already used with a different input; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyKeyConflictError,
  fields: (t) => ({
    idempotencyKey: t.exposeString('idempotencyKey', { description: 'The key that was reused.' }),
  }),
});

builder.objectType(RoleNotGrantableError, {
  name: 'RoleNotGrantableError',
  description: 'The caller may not grant this role or change this employee\'s role (managers grant production_associate and team_lead only); nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RoleNotGrantableError,
  fields: (t) => ({
    role: t.field({ type: EmployeeRoleEnum, description: 'The role asked for.', resolve: (error) => error.role as never }),
  }),
});

builder.objectType(VerificationCooldownError, {
  name: 'VerificationCooldownError',
  description: 'A verification email was sent to this employee recently; nothing was sent.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof VerificationCooldownError,
  fields: (t) => ({
    retryAfter: t.field({ type: 'DateTime', description: 'When a new email may be requested.', resolve: (error) => error.retryAfter }),
    retryAfterSeconds: t.int({
      description: 'Seconds until then.',
      resolve: (error) => Math.max(0, Math.ceil((error.retryAfter.getTime() - Date.now()) / 1000)),
    }),
  }),
});
