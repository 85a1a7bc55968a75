import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { MAX_SWITCH_REASON_LENGTH, type ProvisioningStatus } from '../../services/provisioning/provisioning-switch.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { ProvisioningStatusType } from './provisioning-status.type.ts';

const SetProvisioningEnabledPayload = builder.objectRef<{ status: ProvisioningStatus }>('SetProvisioningEnabledPayload').implement({
  description: 'The kill switch as it now stands.',
  fields: (t) => ({
    status: t.field({ type: ProvisioningStatusType, description: 'The new state.', resolve: (payload) => payload.status }),
  }),
});

const reasonRule = z
  .string()
  .trim()
  .min(1, 'Say why (it goes to the audit trail and provisioningStatus)')
  .max(MAX_SWITCH_REASON_LENGTH, `Reason must be at most ${MAX_SWITCH_REASON_LENGTH} characters`);

builder.mutationField('setProvisioningEnabled', (t) =>
  t.field({
    type: SetProvisioningEnabledPayload,
    description:
      'Turns Auth0 provisioning on or off for every gateway and worker process, within a few seconds and without a restart. Off: createEmployee stores PENDING with its job, queue workers leave jobs waiting, the sweep and the email_verified check pause; on again: the backlog drains. Audited with the caller and the reason.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('SetProvisioningEnabledResult', 'The new state, or why the change was refused.', [InputValidationError]),
    args: {
      enabled: t.arg.boolean({ required: true, description: 'true: provision; false: stop every new Auth0 call.' }),
      reason: t.arg.string({ required: true, description: `Why, for the audit trail and provisioningStatus (1-${MAX_SWITCH_REASON_LENGTH} characters).` }),
    },
    resolve: async (_root, args, context) => {
      const reason = validateInput(reasonRule, args.reason, 'reason');
      return { status: await context.services.setProvisioningEnabled(context.actor, args.enabled, reason) };
    },
  }),
);
