// `employees { totalCount }` counts every matching row, most of the console page's time at scale. This
// remembers each filter's count per process, exact through the change feed (ChangeFeedCache): any committed
// Employee write drops every count, since a count may depend on any column a filter names. A remembered
// count is served only after the feed's catchUp barrier, so a count asked for after a write committed
// (through any process, or SQL) is never older than that write.
// Why and how, costs and figures: docs/design.md "`employees { totalCount }` answers from memory".
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
