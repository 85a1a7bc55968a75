// Which log-stream events the webhook may apply: recent ones (by the event's own `date`), each once (by
// `log_id`). A recorded or replayed body must not replay an old `sv`: the employee may have changed their
// address since, and the old event would mark the new one verified.
import { LRUCache } from 'lru-cache';

/** How far an event's date may be from now, either way (Auth0 delivers within seconds to minutes). */
export const LOG_EVENT_MAX_AGE_MS = 10 * 60_000;
/** log_ids remembered at once; past that, the oldest go first (and applying stays idempotent). */
const REMEMBERED_EVENTS = 100_000;

export type LogEventVerdict = 'apply' | 'duplicate' | 'stale';

export class LogEventWindow {
  // An event is fresh for at most twice the max age (dated in the future up to it, in the past up to it):
  // its log_id is kept that long, so it cannot come back while it would still be accepted.
  readonly #applied = new LRUCache<string, true>({ max: REMEMBERED_EVENTS, ttl: 2 * LOG_EVENT_MAX_AGE_MS, ttlAutopurge: false });

  /** Whether to apply an event; one without a log_id or a readable date is stale (it cannot be placed). */
  verdict(logId: string | undefined, date: string | undefined): LogEventVerdict {
    const at = typeof date === 'string' ? Date.parse(date) : Number.NaN;
    if (typeof logId !== 'string' || logId === '' || Number.isNaN(at) || Math.abs(Date.now() - at) > LOG_EVENT_MAX_AGE_MS) return 'stale';
    return this.#applied.has(logId) ? 'duplicate' : 'apply';
  }

  /** Remembers an event once it was applied (not before: a failed attempt must stay retryable). */
  applied(logId: string): void {
    this.#applied.set(logId, true);
  }
}
