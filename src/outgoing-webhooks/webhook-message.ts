// What a receiver gets: the Standard Webhooks request for one event. The body is rendered from the outbox
// row the same way on every attempt (and every redelivery); only webhook-timestamp and the signatures
// are of the attempt, so a receiver's timestamp tolerance never rejects a late retry.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Webhook } from 'standardwebhooks';

export const WEBHOOK_EVENT_TYPES = [
  'employee.created',
  'employee.updated',
  'employee.account_created',
  'employee.verified',
  'employee.role_changed',
  'employee.deactivated',
  'employee.reactivated',
  'employee.provisioning_failed',
  'import.finished',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export interface OutboxEvent {
  id: bigint;
  type: string;
  data: unknown;
  occurredAt: Date;
}

/** The event's `webhook-id`: the same for every attempt and every endpoint, so receivers can deduplicate. */
export const messageId = (eventId: bigint) => `evt_${eventId}`;

/** `{ type, timestamp, data }`; an employee's data gets its GraphQL id, ISO dates and the sequence. */
export function renderBody(event: OutboxEvent): string {
  const data = { ...(event.data as Record<string, unknown>) };
  if (event.type.startsWith('employee.')) {
    data.employeeId = encodeGlobalID('Employee', String(data.employeeId));
    if (typeof data.auth0AccountCreatedAt === 'string') data.auth0AccountCreatedAt = new Date(data.auth0AccountCreatedAt).toISOString();
    if (typeof data.role === 'string') data.role = data.role.toLowerCase();
    data.sequence = Number(event.id);
  }
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data });
}

/** Signers for the secrets (newest first): built once per lease, not per request. */
export function signers(secrets: readonly string[]): readonly Webhook[] {
  return secrets.map((secret) => new Webhook(secret));
}

/** The three Standard Webhooks headers, signed by every signer given (space-separated, newest first). */
export function signedHeaders(event: OutboxEvent, body: string, by: readonly Webhook[], now: Date): Record<string, string> {
  const id = messageId(event.id);
  return {
    'content-type': 'application/json',
    'user-agent': 'employee-provisioning-gateway-webhooks',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': by.map((signer) => signer.sign(id, now, body)).join(' '),
  };
}
