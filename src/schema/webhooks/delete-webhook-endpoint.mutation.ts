import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../builder.ts';
import { WebhookEndpointNotFoundError } from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { webhookEndpointUuid } from './webhook-endpoint.type.ts';

const DeleteWebhookEndpointPayload = builder.objectRef<{ deletedId: string }>('DeleteWebhookEndpointPayload').implement({
  description: 'The endpoint is gone, with its queued deliveries.',
  fields: (t) => ({ deletedId: t.id({ description: 'The id it had.', resolve: (payload) => encodeGlobalID('WebhookEndpoint', payload.deletedId) }) }),
});

builder.mutationField('deleteWebhookEndpoint', (t) =>
  t.field({
    type: DeleteWebhookEndpointPayload,
    description: 'Removes an endpoint and its delivery log; nothing more is sent to it.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('DeleteWebhookEndpointResult', 'The removed id, or why nothing was removed.', [WebhookEndpointNotFoundError]),
    args: { id: t.arg.id({ required: true, description: 'The endpoint.' }) },
    resolve: async (_root, args, context) => ({ deletedId: await context.services.deleteWebhookEndpoint(context.actor, webhookEndpointUuid(args.id)) }),
  }),
);
