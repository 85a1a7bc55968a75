// `{ me }` is the one query every signed-in front end sends, and its single Prisma read was most of the
// gateway's CPU per request (issue 13's profile). This keeps each caller's own Employee row (or "none"),
// keyed by the caller's Auth0 user id, and stays exact through the change feed: the trigger on Employee
// notifies every committed insert, update, delete and truncate with the row's old and new auth0UserId,
// and a notification naming a key drops it. Trusted only while the LISTEN connection is up: emptied when
// it goes down and again when it comes up (commits in between went unreported). A read that overlaps a
// notification for its key (or a reset) is served but not stored, so a value read before a commit is
// never kept after that commit's notification has been handled.
import { LRUCache } from 'lru-cache';
import type { ChangeFeed, ChangeListener, EmployeeChange } from '../subscriptions/employee-change-feed.ts';

export const DEFAULT_VIEWER_EMPLOYEE_CACHE_ENTRIES = 10_000;

export interface ViewerEmployeeCacheOptions {
  /** How many callers are remembered at most; the least recently used is forgotten first. */
  maxEntries?: number;
}

/** One read in progress: it may be stored only if nothing invalidated its key while it ran. */
interface PendingRead {
  key: string;
  /** The invalidation sequence number when the read started. */
  startedAt: number;
}

export class ViewerEmployeeCache<Row extends object> implements ChangeListener {
  // lru-cache refuses null values: "no employee for this caller" is stored as { row: null }.
  private readonly entries: LRUCache<string, { row: Row | null }>;
  /** Invalidation sequence: bumped by every reset and by every notification naming a key with a read in flight. */
  private sequence = 0;
  /** The sequence number of the last reset (feed up or down, truncate). */
  private resetAt = 0;
  /** Per key with reads in flight: how many, and the sequence number of its last invalidation (bounded by concurrency). */
  private readonly inFlight = new Map<string, number>();
  private readonly invalidatedAt = new Map<string, number>();
  private connected = false;
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly feed: Pick<ChangeFeed, 'listen'>,
    options: ViewerEmployeeCacheOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.maxEntries ?? DEFAULT_VIEWER_EMPLOYEE_CACHE_ENTRIES });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the feed is up, i.e. remembered rows are served. */
  get live(): boolean {
    return this.connected;
  }

  /** Whether a row (or "none") is remembered for the key and would be served now. */
  has(key: string): boolean {
    return this.connected && this.entries.has(key);
  }

  /**
   * The row for `key`: the remembered one while the feed is up, else `read()`'s answer, which is
   * remembered unless an invalidation of the key came while it ran. The first call opens the feed's
   * connection (a process that never serves `me` holds none); until it is up every call reads.
   */
  async get(key: string, read: () => Promise<Row | null>): Promise<Row | null> {
    this.unlisten ??= this.feed.listen(this);
    if (this.connected) {
      const hit = this.entries.get(key);
      if (hit) return hit.row;
    }
    const pending = this.begin(key);
    try {
      const row = await read();
      this.store(pending, row);
      return row;
    } finally {
      this.end(pending);
    }
  }

  changed(change: EmployeeChange): void {
    if (change.kind === 'truncate') return this.reset();
    if (change.oldAuth0UserId !== null) this.invalidate(change.oldAuth0UserId);
    if (change.newAuth0UserId !== null && change.newAuth0UserId !== change.oldAuth0UserId) this.invalidate(change.newAuth0UserId);
  }

  up(): void {
    this.reset();
    this.connected = true;
  }

  down(): void {
    this.connected = false;
    this.reset();
  }

  /** Stops following the feed; nothing is cached afterwards. */
  close(): void {
    this.unlisten?.();
    this.unlisten = () => undefined;
    this.down();
  }

  private begin(key: string): PendingRead {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return { key, startedAt: this.sequence };
  }

  private store(pending: PendingRead, row: Row | null): void {
    const lastInvalidation = Math.max(this.resetAt, this.invalidatedAt.get(pending.key) ?? 0);
    if (!this.connected || lastInvalidation > pending.startedAt) return;
    this.entries.set(pending.key, { row });
  }

  private end(pending: PendingRead): void {
    const left = (this.inFlight.get(pending.key) ?? 1) - 1;
    if (left > 0) {
      this.inFlight.set(pending.key, left);
      return;
    }
    this.inFlight.delete(pending.key);
    this.invalidatedAt.delete(pending.key);
  }

  private invalidate(key: string): void {
    this.entries.delete(key);
    if (this.inFlight.has(key)) this.invalidatedAt.set(key, ++this.sequence);
  }

  private reset(): void {
    this.entries.clear();
    this.resetAt = ++this.sequence;
  }
}
