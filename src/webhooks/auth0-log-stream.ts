// POST /webhooks/auth0: Auth0's custom-webhook log stream. Accepts JSON lines, a JSON array or a JSON
// object ({"logs": [...]}), checks the Authorization value configured on the stream, and marks the
// employee of each `sv` (verification email consumed) or `scp` (password set, e.g. through the
// invitation's change-password link, which verifies the address) event VERIFIED. Delivery is at least
// once and unordered: a duplicate or late event changes nothing, and events older than 10 minutes or
// already applied are dropped (log-event-window.ts), so a replayed body cannot verify a changed address.
// Failure events of the onboarding email (`fcpr` change-password request refused, `fn` email not sent)
// mark the employee's invitation FAILED (by user_id, else by the address in user_name).
// Event codes: https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.ts';
import type { Actor } from '../services/audit-trail.ts';
import { INVITATION_FAILURE_EVENTS, type InvitationTarget } from '../services/invitation-status.ts';
import type { InvitationFailureReason } from '../generated/prisma/enums.ts';
import { LogEventWindow } from './log-event-window.ts';

export const LOG_STREAM_PATH = '/webhooks/auth0';
const MAX_BODY_BYTES = 5_000_000;
/** `sv`: the verification link was followed; `scp`: a password was set through an emailed link. */
const VERIFYING_EVENTS = new Set(['sv', 'scp']);

export interface LogStreamWebhookOptions {
  /** The bound use case (src/composition/services.ts): true when the event changed an employee. */
  markVerified(actor: Actor, target: { auth0UserId: string }): Promise<boolean>;
  /** The bound use case: how many employees' invitations the failure event marked FAILED. */
  markInvitationFailed(actor: Actor, target: InvitationTarget, failure: { reason: InvitationFailureReason; detail: string; reportedAt: Date }): Promise<number>;
  logger: Logger;
  /** The stream's Authorization Token, compared with the header as sent (a `Bearer ` prefix is also accepted). */
  authorization: string;
}

interface LogEvent {
  log_id?: string;
  data?: { type?: string; user_id?: string; user_name?: string; description?: string; log_id?: string; date?: string };
}

export function parseLogStreamBody(text: string): LogEvent[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (Array.isArray(parsed)) return parsed as LogEvent[];
    if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { logs?: unknown }).logs)) return (parsed as { logs: LogEvent[] }).logs;
    return [parsed as LogEvent];
  } catch {
    return trimmed
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogEvent);
  }
}

/** Whose email failed: the user id when Auth0 knew the user, else the address (user_name). */
function invitationTarget(data: LogEvent['data']): InvitationTarget | null {
  if (typeof data?.user_id === 'string' && data.user_id !== '') return { auth0UserId: data.user_id };
  if (typeof data?.user_name === 'string' && data.user_name.includes('@')) return { email: data.user_name };
  return null;
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const candidates = [given, given.replace(/^Bearer\s+/i, '')];
  const wanted = Buffer.from(expected);
  return candidates.some((candidate) => {
    const value = Buffer.from(candidate);
    return value.length === wanted.length && timingSafeEqual(value, wanted);
  });
}

export function auth0LogStreamWebhook(options: LogStreamWebhookOptions): Plugin {
  const recent = new LogEventWindow();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== LOG_STREAM_PATH) return;
      const answer = (status: number, body: object) => endResponse(fetchAPI.Response.json(body, { status }));
      if (request.method !== 'POST') return answer(405, { error: 'POST only' });
      if (!sameSecret(request.headers.get('authorization'), options.authorization)) return answer(401, { error: 'unauthorized' });
      if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return answer(413, { error: 'body too large' });
      let events: LogEvent[];
      try {
        events = parseLogStreamBody(await request.text());
      } catch {
        return answer(400, { error: 'body is not JSON, a JSON array or JSON lines' });
      }
      const counts = { received: events.length, verified: 0, invitationsFailed: 0, duplicates: 0, stale: 0 };
      for (const event of events) {
        const data = event?.data;
        const logId = event?.log_id ?? data?.log_id;
        const verdict = recent.verdict(logId, data?.date);
        if (verdict === 'duplicate') counts.duplicates += 1;
        if (verdict === 'stale') counts.stale += 1;
        if (verdict !== 'apply') continue;
        const actor = { id: 'auth0-log-stream', correlationId: logId!.slice(0, 64) };
        if (VERIFYING_EVENTS.has(data?.type ?? '') && typeof data?.user_id === 'string') {
          if (await options.markVerified(actor, { auth0UserId: data.user_id })) counts.verified += 1;
        }
        const failure = Object.hasOwn(INVITATION_FAILURE_EVENTS, data?.type ?? '') ? INVITATION_FAILURE_EVENTS[data!.type!] : undefined;
        const target = invitationTarget(data);
        if (failure && target) {
          const detail = `Auth0 logged ${data!.type}${typeof data!.description === 'string' && data!.description ? `: ${data!.description}` : ''}`;
          counts.invitationsFailed += await options.markInvitationFailed(actor, target, { reason: failure, detail, reportedAt: new Date(data!.date!) });
        }
        recent.applied(logId!);
      }
      options.logger.info(counts, 'auth0 log stream batch');
      return answer(200, counts);
    },
  };
}
