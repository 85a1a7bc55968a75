import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { WebhookEndpoint } from '../../generated/prisma/client.ts';
import { WEBHOOK_EVENT_TYPES } from '../../outgoing-webhooks/webhook-message.ts';
import {
  WebhookEndpointNotFoundError,
  WebhookSecretKeyMissingError,
  WebhookUrlRefusedError,
} from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { errorType } from '../common/error.type.ts';
import { uuidOrNil } from '../common/ids.ts';

errorType(WebhookEndpointNotFoundError, 'No webhook endpoint has this id; nothing was changed.');
errorType(WebhookUrlRefusedError, 'The URL cannot receive events (not http(s), or a loopback/private address while WEBHOOK_ALLOW_PRIVATE_URLS is off); nothing was changed.', (t) => ({
  reason: t.string({ description: 'What is wrong with it.', resolve: (error) => error.reason }),
}));
errorType(WebhookSecretKeyMissingError, 'WEBHOOK_SECRET_KEY is not set in production, so no signing secret can be stored; nothing was changed.');

/** The endpoint's uuid from its global id (the nil uuid, which matches nothing, when it is not one). */
export function webhookEndpointUuid(id: string): string {
  try {
    const decoded = decodeGlobalID(id);
    return decoded.typename === 'WebhookEndpoint' ? uuidOrNil(decoded.id) : uuidOrNil('');
  } catch {
    return uuidOrNil('');
  }
}

export const eventsRule = z
  .array(z.enum(['*', ...WEBHOOK_EVENT_TYPES], { message: `Each event is one of *, ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
  .min(1, 'Name at least one event type, or * for all')
  .max(WEBHOOK_EVENT_TYPES.length + 1);
export const urlRule = z.string().trim().min(1, 'A URL is required').max(2000, 'At most 2000 characters');
export const descriptionRule = z.string().trim().max(500, 'At most 500 characters');

export const WebhookEndpointType = builder.objectRef<WebhookEndpoint>('WebhookEndpoint').implement({
  description: 'A receiver of outgoing events, as Standard Webhooks requests signed with its secret (never shown again after creation or rotation).',
  fields: (t) => ({
    id: t.id({ description: 'Global id.', resolve: (endpoint) => encodeGlobalID('WebhookEndpoint', endpoint.id) }),
    url: t.exposeString('url', { description: 'Where events are POSTed.' }),
    events: t.exposeStringList('events', { description: 'The event types it receives; `*` for all.' }),
    description: t.exposeString('description', { description: "The admin's note on what it is for." }),
    enabled: t.boolean({ description: 'False after a 410 Gone answer or an admin disabled it: nothing is sent, events still queue for it.', resolve: (endpoint) => endpoint.disabledAt === null }),
    disabledReason: t.string({ nullable: true, description: 'Why it is disabled.', resolve: (endpoint) => endpoint.disabledReason }),
    failingSince: t.field({ type: 'DateTime', nullable: true, description: 'Since when its next delivery keeps failing; null when the last attempt succeeded.', resolve: (endpoint) => endpoint.failingSince }),
    previousSecretValidUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'After a rotation: until when the previous secret also signs (both signatures are sent).',
      resolve: (endpoint) => (endpoint.previousSecretUntil && endpoint.previousSecretUntil > new Date() ? endpoint.previousSecretUntil : null),
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was added.', resolve: (endpoint) => endpoint.createdAt }),
  }),
});

builder.queryField('webhookEndpoints', (t) =>
  t.field({
    type: [WebhookEndpointType],
    description: 'Every webhook endpoint, oldest first (admins).',
    authScopes: { permission: 'manage:provisioning' },
    resolve: (_root, _args, context) => context.services.webhookEndpoints(),
  }),
);
