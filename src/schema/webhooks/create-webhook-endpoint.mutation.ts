import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { WebhookSecretKeyMissingError, WebhookUrlRefusedError } from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { descriptionRule, eventsRule, urlRule, WebhookEndpointType } from './webhook-endpoint.type.ts';

const CreateWebhookEndpointInput = builder.inputType('CreateWebhookEndpointInput', {
  description: 'A new receiver of outgoing events.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'http(s) URL events are POSTed to.' }),
    events: t.stringList({ required: true, description: 'Event types to receive (employee.created, ..., import.finished), or ["*"] for all.' }),
    description: t.string({ required: false, description: 'What it is for (at most 500 characters).' }),
  }),
});

const CreateWebhookEndpointPayload = builder.objectRef<{ endpoint: WebhookEndpoint; secret: string }>('CreateWebhookEndpointPayload').implement({
  description: 'The new endpoint and its signing secret, shown this once.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The `whsec_...` signing secret for the receiver\'s Standard Webhooks library. Shown only here: store it now.' }),
    endpoint: t.field({ type: WebhookEndpointType, description: 'The endpoint.', resolve: (payload) => payload.endpoint }),
  }),
});

const inputRule = z.object({ url: urlRule, events: eventsRule, description: descriptionRule.nullish().transform((value) => value ?? '') });

builder.mutationField('createWebhookEndpoint', (t) =>
  t.field({
    type: CreateWebhookEndpointPayload,
    description:
      'Adds a receiver of outgoing events (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Every event committed from now on of the subscribed types is delivered to it, in sequence order, retried with backoff. Answers the signing secret once.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('CreateWebhookEndpointResult', 'The new endpoint with its secret, or why none was made.', [
      InputValidationError,
      WebhookUrlRefusedError,
      WebhookSecretKeyMissingError,
    ]),
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true, description: 'The receiver.' }) },
    resolve: async (_root, args, context) => {
      const input = validateInput(inputRule, args.input, 'input');
      return context.services.createWebhookEndpoint(context.actor, input);
    },
  }),
);
