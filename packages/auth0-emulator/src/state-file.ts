// The tenant kept on disk, so that a restarted emulator still knows the users, role assignments, emails
// and logs a client created before (a real tenant does not forget them either). Two files: the snapshot
// (`file`, the whole tenant as JSON) and a journal beside it (`file.journal`, one JSON line per record a
// change touched). A change appends only what it touched, a moment after it (changes coalesce), so it
// costs the same whatever the tenant's size: rewriting the whole snapshot on every change blocked the
// event loop for about 100 ms at 10,000 users (docs/benchmarks.md "emulator state file"). The journal is
// folded into the snapshot (compacted, atomically: a temporary file renamed over the old one) at start,
// on close and after a reset (an empty tenant), never while the tenant is in use: compaction costs the
// tenant's size, and the journal only grows by what changed until the next start.
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { restoreSnapshot, snapshotOf, type TenantSnapshot, type TenantState } from './state.ts';

const WRITE_DELAY_MS = 200;

/** The keyed collections a journal line can name; users are tracked through putUser / deleteUser. */
const TRACKED_MAPS = ['roles', 'jobs', 'tickets'] as const;
type Collection = 'users' | (typeof TRACKED_MAPS)[number];

/** One journal line: a record put (or, with `v: null`, deleted), or an email or log appended. */
type JournalLine = { m: Collection; k: string; v: unknown } | { email: TenantSnapshot['emails'][number] } | { log: TenantSnapshot['logs'][number] };

/** Removes a tenant's state file and its journal (the CLI's --reset). */
export async function removeStateFile(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.journal`, { force: true });
}

export class StateFile {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly file: string;
  private readonly journal: string;
  private readonly state: TenantState;
  private readonly onError: (error: unknown) => void;
  /** Records changed since the last write, by collection and key. */
  private readonly dirty = new Map<string, { m: Collection; k: string }>();
  /** Set by a reset (or anything else that replaces a collection): the next write is a compaction. */
  private compactNext = false;
  private loading = false;
  /** The emails array and how many of it are on disk; the id of the newest log on disk. */
  private emailsOnDisk: { list: unknown[]; count: number } = { list: [], count: 0 };
  private lastLogOnDisk: string | undefined;
  /** Event-loop time spent preparing writes (serialising), per write: what a change costs the server. */
  readonly stats = { writes: 0, compactions: 0, lastSyncMs: 0, maxSyncMs: 0, totalSyncMs: 0 };

  constructor(file: string, state: TenantState, onError: (error: unknown) => void) {
    this.file = path.resolve(file);
    this.journal = `${this.file}.journal`;
    this.state = state;
    this.onError = onError;
    this.track();
  }

  /** Restores the tenant from the snapshot and its journal; false when there is neither (a first start). */
  async load(): Promise<boolean> {
    const [text, journal] = await Promise.all([readIfExists(this.file), readIfExists(this.journal)]);
    if (text === undefined && journal === undefined) {
      this.remember();
      return false;
    }
    this.loading = true;
    try {
      if (text !== undefined) {
        const snapshot = JSON.parse(text) as Partial<TenantSnapshot>;
        if (snapshot.version !== 1) {
          throw new Error(`${this.file} is not an emulator state file of this version; remove it (or start with --reset) to begin empty`);
        }
        restoreSnapshot(this.state, snapshot as TenantSnapshot);
      } else this.state.reset();
      if (journal !== undefined) this.replay(journal);
    } finally {
      this.loading = false;
      this.dirty.clear();
    }
    // Start from one file again (the journal may also end in a line cut short by a crash).
    if (journal !== undefined) await this.enqueue(() => this.compact());
    else this.remember();
    return true;
  }

  /** Schedules a write of what changed. */
  changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.enqueue(() => this.write());
    }, WRITE_DELAY_MS);
  }

  /** Appends what changed now instead of a moment later, and waits until it is on disk (benchmarks, tests). */
  async settle(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.enqueue(() => this.write());
  }

  /** Writes whatever is pending now, then folds the journal into the snapshot (on close). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    await this.enqueue(() => this.compact());
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.writing = this.writing.then(step).catch(this.onError);
    return this.writing;
  }

  /** Users change through putUser / deleteUser; roles, jobs and tickets through their maps' set / delete. */
  private track(): void {
    const state = this.state;
    const mark = (m: Collection, k: string) => {
      if (!this.loading) this.dirty.set(`${m}\u0000${k}`, { m, k });
    };
    const putUser = state.putUser.bind(state);
    const deleteUser = state.deleteUser.bind(state);
    const reset = state.reset.bind(state);
    state.putUser = (stored) => {
      putUser(stored);
      mark('users', stored.user.user_id);
    };
    state.deleteUser = (userId) => {
      mark('users', userId);
      return deleteUser(userId);
    };
    state.reset = () => {
      reset();
      if (!this.loading) this.compactNext = true;
    };
    for (const m of TRACKED_MAPS) {
      let current = trackedMap(state[m] as Map<string, unknown>, (k) => mark(m, k));
      Object.defineProperty(state, m, {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (next: Map<string, unknown>) => {
          current = trackedMap(next, (k) => mark(m, k));
          if (!this.loading) this.compactNext = true;
        },
      });
    }
  }

  private replay(journal: string): void {
    const { state } = this;
    const emailIds = new Set(state.emails.map((email) => email.id));
    const logIds = new Set(state.logs.map((log) => log.log_id));
    for (const text of journal.split('\n')) {
      if (text === '') continue;
      let line: JournalLine;
      try {
        line = JSON.parse(text) as JournalLine;
      } catch {
        continue; // the last line of a journal cut short by a crash
      }
      if ('email' in line) {
        if (!emailIds.has(line.email.id)) state.emails.push(line.email);
      } else if ('log' in line) {
        if (!logIds.has(line.log.log_id)) state.logs.push(line.log);
      } else if (line.m === 'users') {
        if (line.v === null) state.deleteUser(line.k);
        else {
          const stored = line.v as TenantSnapshot['users'][number];
          state.putUser(stored);
          state.indexUser(stored.user.user_id, stored.user, 0);
        }
      } else {
        const map = state[line.m] as Map<string, unknown>;
        if (line.v === null) map.delete(line.k);
        else map.set(line.k, line.v);
      }
    }
  }

  /** Appends what changed since the last write; compacts instead after a reset. */
  private async write(): Promise<void> {
    const started = performance.now();
    const { state } = this;
    const lines: string[] = [];
    for (const { m, k } of this.dirty.values()) {
      const v = m === 'users' ? state.users.get(k) : (state[m] as Map<string, unknown>).get(k);
      lines.push(JSON.stringify({ m, k, v: v ?? null }));
    }
    this.dirty.clear();
    const emails = state.emails;
    let rewrite = this.compactNext || emails !== this.emailsOnDisk.list || emails.length < this.emailsOnDisk.count;
    for (const email of emails.slice(this.emailsOnDisk.count)) lines.push(JSON.stringify({ email }));
    const newLogs = this.logsSinceDisk();
    if (newLogs === null) rewrite = true;
    else for (const log of newLogs) lines.push(JSON.stringify({ log }));
    if (rewrite) return this.compact(started);
    this.account(started);
    if (lines.length === 0) return;
    this.emailsOnDisk.count = emails.length;
    this.lastLogOnDisk = state.logs.at(-1)?.log_id ?? this.lastLogOnDisk;
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.journal, `${lines.join('\n')}\n`);
  }

  /** Logs appended since the newest one on disk; null when it is gone (a reset, or more new logs than are kept). */
  private logsSinceDisk(): TenantSnapshot['logs'] | null {
    const logs = this.state.logs;
    if (this.lastLogOnDisk === undefined) return logs.length === 0 ? [] : null;
    for (let i = logs.length - 1; i >= 0; i -= 1) if (logs[i]!.log_id === this.lastLogOnDisk) return logs.slice(i + 1);
    return null;
  }

  /** The whole tenant into the snapshot, then an empty journal: costs the tenant's size, so only now and then. */
  private async compact(started = performance.now()): Promise<void> {
    this.dirty.clear();
    this.compactNext = false;
    const text = JSON.stringify(snapshotOf(this.state));
    this.remember();
    this.stats.compactions += 1;
    this.account(started);
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, this.file);
    await rm(this.journal, { force: true });
  }

  /** What is on disk now: every email and log so far. */
  private remember(): void {
    this.emailsOnDisk = { list: this.state.emails, count: this.state.emails.length };
    this.lastLogOnDisk = this.state.logs.at(-1)?.log_id;
  }

  private account(started: number): void {
    const ms = performance.now() - started;
    this.stats.writes += 1;
    this.stats.lastSyncMs = ms;
    this.stats.maxSyncMs = Math.max(this.stats.maxSyncMs, ms);
    this.stats.totalSyncMs += ms;
  }
}

/** The map itself, its set / delete / clear reporting each key (a subclass would not survive restoreSnapshot's new Map). */
function trackedMap<V>(map: Map<string, V>, onChange: (key: string) => void): Map<string, V> {
  const set = map.set.bind(map);
  const remove = map.delete.bind(map);
  const clear = map.clear.bind(map);
  map.set = (key, value) => {
    onChange(key);
    return set(key, value);
  };
  map.delete = (key) => {
    onChange(key);
    return remove(key);
  };
  map.clear = () => {
    for (const key of map.keys()) onChange(key);
    clear();
  };
  return map;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
