import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { WebhookDelivery, WebhookEndpoint, WebhookEvent } from '../../generated/prisma/client.ts';
import { MAX_DELIVERIES_PER_PAGE, WebhookEndpointNotFoundError } from '../../outgoing-webhooks/webhook-endpoints.service.ts';
import { resultUnion } from '../common/error.type.ts';
import { webhookEndpointUuid, WebhookEndpointType } from './webhook-endpoint.type.ts';

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where one event stands for one endpoint.',
  values: {
    PENDING: { description: 'Not delivered yet: waiting for its turn or for a retry.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Retries ran out (WEBHOOK_RETRY_HOURS); redeliverWebhookEvents sends it again.' },
  } as const,
});

const WebhookResponseType = builder.objectRef<{ status: number; body: string | null }>('WebhookResponse').implement({
  description: "The receiver's answer to the last attempt.",
  fields: (t) => ({
    status: t.exposeInt('status', { description: 'HTTP status.' }),
    body: t.string({ nullable: true, description: 'The first 1000 characters of its body.', resolve: (response) => response.body }),
  }),
});

const WebhookDeliveryType = builder.objectRef<WebhookDelivery & { event: WebhookEvent }>('WebhookDelivery').implement({
  description: 'One event for one endpoint.',
  fields: (t) => ({
    sequence: t.string({ description: "The event's sequence (its webhook-id is evt_<sequence>).", resolve: (delivery) => String(delivery.eventId) }),
    eventType: t.string({ description: 'employee.created, ...', resolve: (delivery) => delivery.event.type }),
    occurredAt: t.field({ type: 'DateTime', description: 'When the change committed.', resolve: (delivery) => delivery.event.occurredAt }),
    status: t.field({ type: WebhookDeliveryStatusEnum, description: 'Where it stands.', resolve: (delivery) => delivery.status }),
    attempts: t.exposeInt('attempts', { description: 'Requests sent so far.' }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it is tried next (PENDING only).', resolve: (d) => (d.status === 'PENDING' ? d.nextAttemptAt : null) }),
    lastAttemptAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was last tried.', resolve: (d) => d.lastAttemptAt }),
    lastResponse: t.field({
      type: WebhookResponseType,
      nullable: true,
      description: "The receiver's last answer; null when none came (see lastError).",
      resolve: (d) => (d.lastResponseStatus === null ? null : { status: d.lastResponseStatus, body: d.lastResponseBody }),
    }),
    lastError: t.string({ nullable: true, description: 'Why the last attempt got no answer (timeout, refused connection, ...).', resolve: (d) => d.lastError }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, description: 'When the receiver accepted it.', resolve: (d) => d.deliveredAt }),
  }),
});

const WebhookDeliveriesType = builder.objectRef<{ endpoint: WebhookEndpoint; deliveries: (WebhookDelivery & { event: WebhookEvent })[] }>('WebhookDeliveries').implement({
  description: "An endpoint's deliveries, newest event first.",
  fields: (t) => ({
    endpoint: t.field({ type: WebhookEndpointType, description: 'The endpoint.', resolve: (page) => page.endpoint }),
    deliveries: t.field({ type: [WebhookDeliveryType], description: 'The deliveries.', resolve: (page) => page.deliveries }),
  }),
});

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: WebhookDeliveriesType,
    description: "An endpoint's delivery log with each delivery's last response (admins).",
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('WebhookDeliveriesResult', 'The deliveries, or why there are none to show.', [WebhookEndpointNotFoundError]),
    args: {
      endpointId: t.arg.id({ required: true, description: 'The endpoint.' }),
      status: t.arg({ type: WebhookDeliveryStatusEnum, required: false, description: 'Only deliveries in this state.' }),
      first: t.arg.int({ required: false, defaultValue: 50, description: `How many (at most ${MAX_DELIVERIES_PER_PAGE}).`, validate: z.number().int().min(1, 'first must be at least 1').max(MAX_DELIVERIES_PER_PAGE, `first must be at most ${MAX_DELIVERIES_PER_PAGE}`).nullish() }),
    },
    resolve: async (_root, args, context) => {
      const id = webhookEndpointUuid(args.endpointId);
      const deliveries = await context.services.webhookDeliveries(id, args.status ?? null, args.first ?? 50);
      const endpoint = (await context.services.webhookEndpoints()).find((candidate) => candidate.id === id);
      if (!endpoint) throw new WebhookEndpointNotFoundError();
      return { endpoint, deliveries };
    },
  }),
);

const RedeliverWebhookEventsPayload = builder.objectRef<{ queued: number }>('RedeliverWebhookEventsPayload').implement({
  description: 'How many events were queued again.',
  fields: (t) => ({ queued: t.exposeInt('queued', { description: 'Events queued for the endpoint, sent in sequence order.' }) }),
});

builder.mutationField('redeliverWebhookEvents', (t) =>
  t.field({
    type: RedeliverWebhookEventsPayload,
    description: 'Sends the endpoint every event since `from` it subscribes to again (delivered, failed or pending), in sequence order, with a fresh retry window.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('RedeliverWebhookEventsResult', 'How many were queued, or why none were.', [WebhookEndpointNotFoundError]),
    args: {
      endpointId: t.arg.id({ required: true, description: 'The endpoint.' }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Events that occurred at or after this instant.' }),
    },
    resolve: async (_root, args, context) => ({ queued: await context.services.redeliverWebhookEvents(context.actor, webhookEndpointUuid(args.endpointId), args.from) }),
  }),
);
