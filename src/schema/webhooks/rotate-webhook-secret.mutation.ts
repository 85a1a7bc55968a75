import { builder } from '../../builder.ts';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { WebhookEndpointNotFoundError, WebhookSecretKeyMissingError } from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { webhookEndpointUuid, WebhookEndpointType } from './webhook-endpoint.type.ts';

const RotateWebhookSecretPayload = builder.objectRef<{ endpoint: WebhookEndpoint; secret: string }>('RotateWebhookSecretPayload').implement({
  description: 'The new signing secret, shown this once; the previous one keeps signing until endpoint.previousSecretValidUntil.',
  fields: (t) => ({
    secret: t.exposeString('secret', { description: 'The new `whsec_...` secret. Shown only here.' }),
    endpoint: t.field({ type: WebhookEndpointType, description: 'The endpoint.', resolve: (payload) => payload.endpoint }),
  }),
});

builder.mutationField('rotateWebhookSecret', (t) =>
  t.field({
    type: RotateWebhookSecretPayload,
    description:
      'Gives the endpoint a new signing secret. During the overlap (WEBHOOK_SECRET_OVERLAP_HOURS, default 24) every request carries two signatures, new and old, so the receiver can switch secrets at its own pace.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('RotateWebhookSecretResult', 'The new secret, or why nothing was changed.', [WebhookEndpointNotFoundError, WebhookSecretKeyMissingError]),
    args: { id: t.arg.id({ required: true, description: 'The endpoint.' }) },
    resolve: async (_root, args, context) => context.services.rotateWebhookSecret(context.actor, webhookEndpointUuid(args.id)),
  }),
);
