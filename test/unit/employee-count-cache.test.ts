// The employee counts over a fake change feed whose notifications can be "on their way" (committed, not
// yet delivered) until catchUp delivers them: a count is served from memory only
// while the feed is up and only after catching up, any change drops every count, and a count that a
// change overtook is answered but not stored.
import { describe, expect, it } from 'vitest';
import { EmployeeCountCache } from '../../src/live/employee-count-cache.ts';
import type { EmployeeChange } from '../../src/live/employee-change-feed.ts';
import { FakeChangeFeed } from './fake-change-feed.ts';

/** A database stand-in: what each filter counts now, and how many counts were run. */
function database() {
  const counts = new Map<string, number>([
    ['active', 94],
    ['leavers', 6],
  ]);
  let reads = 0;
  return {
    counts,
    get reads() {
      return reads;
    },
    read: (filter: string) => async () => {
      reads += 1;
      return counts.get(filter)!;
    },
  };
}

const WHERE = { active: { active: true }, leavers: { active: false } } as const;

function setUp(maxEntries?: number) {
  const feed = new FakeChangeFeed();
  const cache = new EmployeeCountCache(feed, maxEntries === undefined ? {} : { maxEntries });
  const db = database();
  const count = (filter: keyof typeof WHERE) => cache.count(WHERE[filter], db.read(filter));
  return { feed, cache, db, count };
}

describe('EmployeeCountCache', () => {
  it('counts until the feed is up, then answers from memory', async () => {
    const { feed, cache, db, count } = setUp();
    expect(await count('active')).toBe(94);
    expect(await count('active')).toBe(94);
    expect(db.reads).toBe(2);
    expect(cache.size).toBe(0);

    feed.up();
    await count('active');
    expect(await count('active')).toBe(94);
    expect(await count('active')).toBe(94);
    expect(db.reads).toBe(3);
  });

  it('keys counts by the where clause: equal filters share one, others do not', async () => {
    const { feed, cache, db } = setUp();
    feed.up();
    await cache.count({ active: true, department: 'Picking' }, db.read('active'));
    await cache.count({ active: true, department: 'Picking' }, db.read('active'));
    await cache.count({ active: true, department: 'Packing' }, db.read('active'));
    expect(db.reads).toBe(2);
    expect(cache.size).toBe(2);
  });

  it('drops every count on any change: an insert, an update, a delete, a truncate', async () => {
    const { feed, db, count } = setUp();
    feed.up();
    const changes: EmployeeChange[] = [
      { kind: 'row', id: 'inserted', importBatchId: null, oldAuth0UserId: null, newAuth0UserId: null },
      { kind: 'row', id: 'deactivated', importBatchId: null, oldAuth0UserId: 'auth0|x', newAuth0UserId: 'auth0|x' },
      { kind: 'row', id: 'deleted', importBatchId: null, oldAuth0UserId: 'auth0|y', newAuth0UserId: null },
      { kind: 'truncate' },
    ];
    for (const [index, change] of changes.entries()) {
      await count('active');
      await count('leavers');
      db.counts.set('active', 100 + index);
      db.counts.set('leavers', 200 + index);
      feed.listener!.changed(change);
      expect(await count('active')).toBe(100 + index);
      expect(await count('leavers')).toBe(200 + index);
    }
    expect(db.reads).toBe(2 * (changes.length + 1));
  });

  it('serves a count only after catching up: a write committed before the request is counted while its notification is still on its way', async () => {
    const { feed, db, count } = setUp();
    feed.up();
    await count('active');
    db.counts.set('active', 95);
    feed.commit();
    expect(await count('active')).toBe(95);
    expect(feed.catchUps).toBe(1);
    // Nothing on its way: served from memory, still after catching up.
    expect(await count('active')).toBe(95);
    expect(feed.catchUps).toBe(2);
    expect(db.reads).toBe(2);
  });

  it('counts when catching up fails, and does not catch up for a count it does not hold', async () => {
    const { feed, db, count } = setUp();
    feed.up();
    await count('active');
    expect(feed.catchUps).toBe(0);
    feed.catchUpSucceeds = false;
    db.counts.set('active', 97);
    expect(await count('active')).toBe(97);
    expect(db.reads).toBe(2);
  });

  it('does not store a count that a change overtook', async () => {
    const { feed, cache, db } = setUp();
    feed.up();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The count is taken before the commit...
    const slow = cache.count(WHERE.active, async () => {
      const before = await db.read('active')();
      await gate;
      return before;
    });
    // ...whose notification arrives before the count is stored.
    db.counts.set('active', 95);
    feed.commit();
    feed.deliver();
    release();
    expect(await slow).toBe(94);
    expect(cache.size).toBe(0);
    expect(await cache.count(WHERE.active, db.read('active'))).toBe(95);
    expect(cache.size).toBe(1);
  });

  it('serves nothing from memory while the feed is down, and forgets everything when it goes down or comes back', async () => {
    const { feed, cache, db, count } = setUp();
    feed.up();
    await count('active');
    feed.down();
    expect(cache.size).toBe(0);
    db.counts.set('active', 93);
    expect(await count('active')).toBe(93);
    expect(await count('active')).toBe(93);
    expect(db.reads).toBe(3);
    expect(cache.size).toBe(0);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = cache.count(WHERE.leavers, async () => {
      await gate;
      return db.counts.get('leavers')!;
    });
    feed.up();
    release();
    await slow;
    // Read while the feed was down: not stored even though it finished after the feed came back.
    expect(cache.has(JSON.stringify(WHERE.leavers))).toBe(false);
  });

  it('holds at most maxEntries filters, forgetting the least recently used', async () => {
    const { feed, cache, db } = setUp(2);
    feed.up();
    const departments = ['A', 'B', 'A', 'C', 'B'];
    for (const department of departments) await cache.count({ active: true, department }, db.read('active'));
    expect(cache.size).toBe(2);
    // A, B, (A from memory), C evicts B, B again.
    expect(db.reads).toBe(4);
  });

  it('serves nothing from memory after close', async () => {
    const { feed, cache, db, count } = setUp();
    feed.up();
    await count('active');
    cache.close();
    expect(feed.listener).toBeUndefined();
    await count('active');
    expect(db.reads).toBe(2);
  });
});
