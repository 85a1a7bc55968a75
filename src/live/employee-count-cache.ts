// `employees { totalCount }` counts every matching row: the console's default list counts all active
// employees (an index-only scan of about 94 000 rows at the data-scale bench's volume, most of that page's
// time). This remembers each filter's count per process, exact through the change feed (ChangeFeedCache):
// any committed Employee insert, update, delete or truncate drops every count (simple, and a count may
// depend on any column a filter names); counts are served only while the LISTEN connection is up; a count
// that overlapped a change is answered but not stored.
//
// Read-your-writes: a change's notification reaches this process shortly after its commit, so a request
// right behind a write (through this gateway, another replica, a worker or SQL) could otherwise get the
// count from before it. A remembered count is therefore served only after the feed's catchUp barrier: a
// NOTIFY the LISTEN connection sends itself, which PostgreSQL delivers after the notification of every
// transaction that committed before it. So a count asked for after a write committed is never older than
// that write. Cost: one round trip on the LISTEN connection per served count (shared by concurrent
// requests), and a transaction id per barrier; a miss reads without it.
import type { Prisma } from '../generated/prisma/client.ts';
import { ChangeFeedCache } from './change-feed-cache.ts';
import type { ChangeFeed } from './employee-change-feed.ts';

/** Filters are few (the console's list, its department and status filters); searches come and go. */
export const DEFAULT_EMPLOYEE_COUNT_CACHE_ENTRIES = 1_000;

export interface EmployeeCountCacheOptions {
  /** How many filters are remembered at most; the least recently used is forgotten first. */
  maxEntries?: number;
}

export class EmployeeCountCache extends ChangeFeedCache<number> {
  constructor(feed: Pick<ChangeFeed, 'listen' | 'catchUp'>, options: EmployeeCountCacheOptions = {}) {
    super(feed, {
      maxEntries: options.maxEntries ?? DEFAULT_EMPLOYEE_COUNT_CACHE_ENTRIES,
      invalidates: () => 'all',
      catchUp: () => feed.catchUp(),
    });
  }

  /**
   * The number of employees matching `where`, keyed by its JSON: employeeWhere builds equal filters into
   * equal objects, field by field in one order (a where built in another order only misses).
   */
  count(where: Prisma.EmployeeWhereInput, read: () => Promise<number>): Promise<number> {
    return this.get(JSON.stringify(where), read);
  }
}
