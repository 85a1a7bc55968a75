// The `me` cache over a fake change feed: rows are served from memory only while the feed is up, a
// notification naming a key (before or after the write) drops it, a read that overlapped an
// invalidation of its key is not stored, and the size stays bounded.
import { describe, expect, it } from 'vitest';
import { ViewerEmployeeCache } from '../../src/live/viewer-employee-cache.ts';
import { FakeChangeFeed } from './fake-change-feed.ts';

interface Row {
  name: string;
}

/** A database stand-in: counts reads and answers with what `rows` holds at the time of the read. */
function reader(rows: Map<string, Row>) {
  const counts = new Map<string, number>();
  return {
    counts,
    read: (key: string) => async () => {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return rows.get(key) ?? null;
    },
  };
}

function setUp(maxEntries?: number) {
  const feed = new FakeChangeFeed();
  const cache = new ViewerEmployeeCache<Row>(feed, maxEntries === undefined ? {} : { maxEntries });
  const rows = new Map<string, Row>([['auth0|a', { name: 'Ann' }], ['auth0|b', { name: 'Bo' }], ['auth0|c', { name: 'Cy' }]]);
  return { feed, cache, rows, ...reader(rows) };
}

describe('ViewerEmployeeCache', () => {
  it('starts listening on first use and reads every time until the feed is up', async () => {
    const { feed, cache, read, counts } = setUp();
    expect(await cache.get('auth0|a', read('auth0|a'))).toEqual({ name: 'Ann' });
    expect(await cache.get('auth0|a', read('auth0|a'))).toEqual({ name: 'Ann' });
    expect(feed.listens).toBe(1);
    expect(counts.get('auth0|a')).toBe(2);
    expect(cache.size).toBe(0);

    feed.up();
    await cache.get('auth0|a', read('auth0|a'));
    await cache.get('auth0|a', read('auth0|a'));
    expect(counts.get('auth0|a')).toBe(3);
    expect(cache.has('auth0|a')).toBe(true);
  });

  it('remembers "no employee" too, until a row names the key', async () => {
    const { feed, cache, rows, read, counts } = setUp();
    feed.up();
    expect(await cache.get('auth0|new', read('auth0|new'))).toBeNull();
    expect(await cache.get('auth0|new', read('auth0|new'))).toBeNull();
    expect(counts.get('auth0|new')).toBe(1);

    rows.set('auth0|new', { name: 'Linked' });
    feed.row(null, 'auth0|new');
    expect(await cache.get('auth0|new', read('auth0|new'))).toEqual({ name: 'Linked' });
  });

  it('drops an entry on a notification naming it before or after the write, and keeps the others', async () => {
    const { feed, cache, rows, read } = setUp();
    feed.up();
    for (const key of ['auth0|a', 'auth0|b', 'auth0|c']) await cache.get(key, read(key));

    rows.set('auth0|a', { name: 'Ann Renamed' });
    feed.row('auth0|a', 'auth0|a');
    expect(cache.has('auth0|a')).toBe(false);
    expect(await cache.get('auth0|a', read('auth0|a'))).toEqual({ name: 'Ann Renamed' });

    // Relinked from b to another account: b's caller has no employee any more.
    rows.delete('auth0|b');
    feed.row('auth0|b', 'auth0|other');
    expect(await cache.get('auth0|b', read('auth0|b'))).toBeNull();

    // Deleted.
    rows.delete('auth0|c');
    feed.row('auth0|c', null);
    expect(await cache.get('auth0|c', read('auth0|c'))).toBeNull();
    expect(cache.has('auth0|a')).toBe(true);
  });

  it('does not store a read that a notification for its key overtook', async () => {
    const { feed, cache, rows } = setUp();
    feed.up();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The read sees the row as it was before the commit...
    const before = rows.get('auth0|a')!;
    const slow = cache.get('auth0|a', async () => {
      await gate;
      return before;
    });
    // ...and the commit's notification arrives before the read is stored.
    rows.set('auth0|a', { name: 'Ann Renamed' });
    feed.row('auth0|a', 'auth0|a');
    release();
    expect(await slow).toEqual({ name: 'Ann' });
    expect(cache.has('auth0|a')).toBe(false);
    expect(await cache.get('auth0|a', async () => rows.get('auth0|a')!)).toEqual({ name: 'Ann Renamed' });
    expect(cache.has('auth0|a')).toBe(true);
  });

  it('still stores a read overlapped only by notifications for other keys', async () => {
    const { feed, cache, rows } = setUp();
    feed.up();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cache.get('auth0|a', async () => {
      await gate;
      return rows.get('auth0|a')!;
    });
    feed.row('auth0|b', 'auth0|b');
    release();
    await slow;
    expect(cache.has('auth0|a')).toBe(true);
  });

  it('does not store a read that overlapped a reconnect, and forgets everything when the feed goes down or up', async () => {
    const { feed, cache, rows, read, counts } = setUp();
    feed.up();
    await cache.get('auth0|b', read('auth0|b'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cache.get('auth0|a', async () => {
      await gate;
      return rows.get('auth0|a')!;
    });
    feed.down();
    expect(cache.size).toBe(0);
    feed.up();
    release();
    await slow;
    expect(cache.has('auth0|a')).toBe(false);

    await cache.get('auth0|b', read('auth0|b'));
    feed.down();
    // While down: every call reads, nothing is stored.
    await cache.get('auth0|b', read('auth0|b'));
    await cache.get('auth0|b', read('auth0|b'));
    expect(counts.get('auth0|b')).toBe(4);
    expect(cache.size).toBe(0);
  });

  it('forgets everything on a truncate', async () => {
    const { feed, cache, read } = setUp();
    feed.up();
    await cache.get('auth0|a', read('auth0|a'));
    feed.listener!.changed({ kind: 'truncate' });
    expect(cache.size).toBe(0);
  });

  it('holds at most maxEntries callers, forgetting the least recently used', async () => {
    const { feed, cache, read, counts } = setUp(2);
    feed.up();
    await cache.get('auth0|a', read('auth0|a'));
    await cache.get('auth0|b', read('auth0|b'));
    await cache.get('auth0|a', read('auth0|a'));
    await cache.get('auth0|c', read('auth0|c'));
    expect(cache.size).toBe(2);
    expect(cache.has('auth0|a')).toBe(true);
    expect(cache.has('auth0|b')).toBe(false);
    await cache.get('auth0|b', read('auth0|b'));
    expect(counts.get('auth0|b')).toBe(2);
    expect(counts.get('auth0|a')).toBe(1);
  });

  it('stops listening and serves nothing from memory after close', async () => {
    const { feed, cache, read, counts } = setUp();
    feed.up();
    await cache.get('auth0|a', read('auth0|a'));
    cache.close();
    expect(feed.listener).toBeUndefined();
    await cache.get('auth0|a', read('auth0|a'));
    expect(counts.get('auth0|a')).toBe(2);
    expect(feed.listens).toBe(1);
  });
});
