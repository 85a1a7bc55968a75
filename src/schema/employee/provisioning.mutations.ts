import { builder } from '../../builder.ts';
import {
  AlreadyVerifiedError,
  Auth0UnavailableError,
  EmployeeNotFoundError,
  NoAuth0UserYetError,
  ProvisioningStateError,
  RoleNotGrantableError,
  VerificationCooldownError,
} from '../../services/errors.ts';
import { uuidOrNil } from '../ids.ts';
import { employeePayload, unwrapEmployee } from './employee-payload.ts';
import { EmployeeNode, EmployeeRoleEnum } from './employee.type.ts';
import './provisioning-errors.ts';

const AssignRolePayload = employeePayload('AssignRolePayload', 'The employee with the new role; auth0Role shows whether Auth0 has it yet (it is queued when Auth0 is slow or down).');

builder.mutationField('assignRole', (t) =>
  t.field({
    type: AssignRolePayload,
    description:
      "Changes an employee's role locally and in Auth0 (the old RBAC role removed, the new one added). Idempotent; audited; queued when Auth0 is down. Admins (manage:provisioning) grant any role; managers grant production_associate or team_lead to employees holding one of those.",
    authScopes: { permission: 'update:employee_roles' },
    errors: { types: [EmployeeNotFoundError, RoleNotGrantableError], directResult: true, union: { name: 'AssignRoleResult', description: 'The employee with the new role, or why it was not changed.' } },
    args: {
      employeeId: t.arg.globalID({ required: true, for: [EmployeeNode], description: "The employee's global id." }),
      role: t.arg({ type: EmployeeRoleEnum, required: true, description: 'The role to hold from now on.' }),
    },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.assignRole(context.actor, uuidOrNil(args.employeeId.id), args.role)),
  }),
);

const ResendVerificationPayload = employeePayload('ResendVerificationPayload', 'Auth0 queued a new verification email for the employee.');

builder.mutationField('resendVerification', (t) =>
  t.field({
    type: ResendVerificationPayload,
    description:
      "Has Auth0 send the employee's verification email again (POST /api/v2/jobs/verification-email). One per employee per cooldown period; audited.",
    authScopes: { permission: 'send:verification' },
    errors: {
      types: [EmployeeNotFoundError, AlreadyVerifiedError, NoAuth0UserYetError, VerificationCooldownError, Auth0UnavailableError],
      directResult: true,
      union: { name: 'ResendVerificationResult', description: 'The email was sent, or why it was not.' },
    },
    args: { employeeId: t.arg.globalID({ required: true, for: [EmployeeNode], description: "The employee's global id." }) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.resendVerification(context.actor, uuidOrNil(args.employeeId.id))),
  }),
);

const RetryProvisioningPayload = employeePayload('RetryProvisioningPayload', 'The employee, PENDING again with its provisioning job queued.');

builder.mutationField('retryProvisioning', (t) =>
  t.field({
    type: RetryProvisioningPayload,
    description: "Re-queues a FAILED (or stuck PENDING) employee's Auth0 provisioning. Audited.",
    authScopes: { permission: 'manage:provisioning' },
    errors: { types: [EmployeeNotFoundError, ProvisioningStateError], directResult: true, union: { name: 'RetryProvisioningResult', description: 'The re-queued employee, or why it cannot be retried.' } },
    args: { employeeId: t.arg.globalID({ required: true, for: [EmployeeNode], description: "The employee's global id." }) },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.retryProvisioning(context.actor, uuidOrNil(args.employeeId.id))),
  }),
);

const LinkAuth0UserPayload = employeePayload('LinkAuth0UserPayload', 'The employee, linked and queued to receive its role and be marked CREATED.');

builder.mutationField('linkAuth0User', (t) =>
  t.field({
    type: LinkAuth0UserPayload,
    description:
      'Deliberately links an existing Auth0 user (same email) to an employee, e.g. after EMAIL_TAKEN_IN_AUTH0; the queue then assigns the role. Audited.',
    authScopes: { permission: 'manage:provisioning' },
    errors: {
      types: [EmployeeNotFoundError, ProvisioningStateError, Auth0UnavailableError],
      directResult: true,
      union: { name: 'LinkAuth0UserResult', description: 'The linked employee, or why the link was refused.' },
    },
    args: {
      employeeId: t.arg.globalID({ required: true, for: [EmployeeNode], description: "The employee's global id." }),
      auth0UserId: t.arg.string({ required: true, description: 'The Auth0 user id, e.g. auth0|65f0...' }),
    },
    resolve: async (_root, args, context) =>
      unwrapEmployee(await context.services.linkAuth0User(context.actor, uuidOrNil(args.employeeId.id), args.auth0UserId)),
  }),
);
