// Every request the emulator answered (control API excluded), with counts per `METHOD /template`, so
// tests can assert "one token request", "three 429s then success" or "the POST was sent twice".

export type RequestOutcome = 'ok' | 'rate-limited' | 'fault' | 'commit-then-fail' | 'dropped' | 'error';

export interface RequestLogEntry {
  id: number;
  /** Epoch ms when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** `METHOD /template` of the matched route; `METHOD /path` when nothing matched. */
  route: string;
  /** 0 when the connection was dropped. */
  status: number;
  durationMs: number;
  outcome: RequestOutcome;
}

export interface RequestLogSnapshot {
  total: number;
  /** Requests per route key. */
  counts: Record<string, number>;
  /** Requests per route key and status. */
  statuses: Record<string, Record<string, number>>;
  /** The most recent entries (at most 10,000), oldest first. */
  requests: RequestLogEntry[];
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: Record<string, number> = {};
  private statuses: Record<string, Record<string, number>> = {};
  private total = 0;

  record(entry: Omit<RequestLogEntry, 'id'>): void {
    this.total += 1;
    this.entries.push({ id: this.total, ...entry });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.counts[entry.route] = (this.counts[entry.route] ?? 0) + 1;
    const byStatus = (this.statuses[entry.route] ??= {});
    byStatus[String(entry.status)] = (byStatus[String(entry.status)] ?? 0) + 1;
  }

  snapshot(): RequestLogSnapshot {
    return { total: this.total, counts: { ...this.counts }, statuses: structuredClone(this.statuses), requests: [...this.entries] };
  }

  reset(): void {
    this.entries = [];
    this.counts = {};
    this.statuses = {};
    this.total = 0;
  }
}
