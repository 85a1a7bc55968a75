// Values read from Employee rows, remembered per process and kept exact by the change feed rather than by a
// time to live (the `me` cache, the employee counts). Three rules make it exact: an entry is dropped when a
// notification names its key (`invalidates` says which keys a change names, or `all`); entries are served
// only while the LISTEN connection is up, and forgotten when it goes down and again when it comes up
// (commits in between went unreported); and a read that overlaps an invalidation of its key (or a reset) is
// answered but not stored, so a value read before a commit is never kept after that commit's notification
// has been handled. With `catchUp`, a remembered value is served only once every change committed before the
// request has been handled, which closes the window of a notification still on its way.
import { LRUCache } from 'lru-cache';
import type { ChangeFeed, ChangeListener, EmployeeChange } from './employee-change-feed.ts';

export interface ChangeFeedCacheOptions {
  /** How many keys are remembered at most; the least recently used is forgotten first. */
  maxEntries: number;
  /** The keys a committed change may have made wrong, or `all`. */
  invalidates: (change: EmployeeChange) => readonly string[] | 'all';
  /**
   * Before a remembered value is served: resolves true once every change committed before the call has
   * been handed to this cache (the feed's `catchUp`), false when that cannot be known (then it reads).
   * Without it a remembered value is served at once.
   */
  catchUp?: () => Promise<boolean>;
}

/** One read in progress: it may be stored only if nothing invalidated its key while it ran. */
interface PendingRead {
  key: string;
  /** The invalidation sequence number when the read started. */
  startedAt: number;
}

export class ChangeFeedCache<Value> implements ChangeListener {
  // lru-cache refuses null and undefined values: each is stored wrapped.
  private readonly entries: LRUCache<string, { value: Value }>;
  /** Invalidation sequence: bumped by every reset and by every notification naming a key with a read in flight. */
  private sequence = 0;
  /** The sequence number of the last reset (feed up or down, a change that names every key). */
  private resetAt = 0;
  /** Per key with reads in flight: how many, and the sequence number of its last invalidation (bounded by concurrency). */
  private readonly inFlight = new Map<string, number>();
  private readonly invalidatedAt = new Map<string, number>();
  private connected = false;
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly feed: Pick<ChangeFeed, 'listen'>,
    private readonly options: ChangeFeedCacheOptions,
  ) {
    this.entries = new LRUCache({ max: options.maxEntries });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Whether the feed is up, i.e. remembered values are served. */
  get live(): boolean {
    return this.connected;
  }

  /** Whether a value is remembered for the key and would be served now. */
  has(key: string): boolean {
    return this.connected && this.entries.has(key);
  }

  /**
   * The value for `key`: the remembered one while the feed is up, else `read()`'s answer, which is
   * remembered unless an invalidation of the key came while it ran. The first call opens the feed's
   * connection (a process that never asks holds none); until it is up every call reads.
   */
  async get(key: string, read: () => Promise<Value>): Promise<Value> {
    this.unlisten ??= this.feed.listen(this);
    if (this.connected) {
      let hit = this.entries.get(key);
      // Looked up again after catching up, which may have dropped it (a change, a reconnect).
      if (hit && this.options.catchUp) hit = (await this.options.catchUp()) ? this.entries.get(key) : undefined;
      if (hit) return hit.value;
    }
    const pending = this.begin(key);
    try {
      const value = await read();
      this.store(pending, value);
      return value;
    } finally {
      this.end(pending);
    }
  }

  changed(change: EmployeeChange): void {
    const keys = this.options.invalidates(change);
    if (keys === 'all') return this.reset();
    for (const key of keys) this.invalidate(key);
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

  private store(pending: PendingRead, value: Value): void {
    const lastInvalidation = Math.max(this.resetAt, this.invalidatedAt.get(pending.key) ?? 0);
    if (!this.connected || lastInvalidation > pending.startedAt) return;
    this.entries.set(pending.key, { value });
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
