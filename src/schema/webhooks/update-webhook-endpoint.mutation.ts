import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { WebhookEndpointNotFoundError, WebhookUrlRefusedError } from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { descriptionRule, eventsRule, urlRule, webhookEndpointUuid, WebhookEndpointType } from './webhook-endpoint.type.ts';

const UpdateWebhookEndpointInput = builder.inputType('UpdateWebhookEndpointInput', {
  description: 'What to change; omitted fields stay as they are.',
  fields: (t) => ({
    url: t.string({ required: false, description: 'New http(s) URL.' }),
    events: t.stringList({ required: false, description: 'New event types, or ["*"].' }),
    description: t.string({ required: false, description: 'New note.' }),
    enabled: t.boolean({ required: false, description: 'true resumes a disabled endpoint where it stopped; false stops sending (events keep queueing).' }),
  }),
});

const UpdateWebhookEndpointPayload = builder.objectRef<{ endpoint: WebhookEndpoint }>('UpdateWebhookEndpointPayload').implement({
  description: 'The endpoint as it now stands.',
  fields: (t) => ({ endpoint: t.field({ type: WebhookEndpointType, description: 'The endpoint.', resolve: (payload) => payload.endpoint }) }),
});

const inputRule = z.object({
  url: urlRule.nullish().transform((value) => value ?? undefined),
  events: eventsRule.nullish().transform((value) => value ?? undefined),
  description: descriptionRule.nullish().transform((value) => value ?? undefined),
  enabled: z.boolean().nullish().transform((value) => value ?? undefined),
});

builder.mutationField('updateWebhookEndpoint', (t) =>
  t.field({
    type: UpdateWebhookEndpointPayload,
    description: 'Changes an endpoint\'s URL, event types, note, or whether it is enabled (re-enabling after a 410 resumes its queued deliveries in order).',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('UpdateWebhookEndpointResult', 'The endpoint, or why nothing was changed.', [InputValidationError, WebhookEndpointNotFoundError, WebhookUrlRefusedError]),
    args: {
      id: t.arg.id({ required: true, description: 'The endpoint.' }),
      input: t.arg({ type: UpdateWebhookEndpointInput, required: true, description: 'The changes.' }),
    },
    resolve: async (_root, args, context) => {
      const input = validateInput(inputRule, args.input, 'input');
      return { endpoint: await context.services.updateWebhookEndpoint(context.actor, webhookEndpointUuid(args.id), input) };
    },
  }),
);
