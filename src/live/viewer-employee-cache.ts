// `{ me }` is the one query every signed-in front end sends, and its single Prisma read was most of the
// gateway's CPU per request (issue 13's profile). This keeps each caller's own Employee row (or "none"),
// keyed by the caller's Auth0 user id, and stays exact through the change feed (ChangeFeedCache: served
// only while LISTEN is up, a read that overlapped an invalidation is not stored): the trigger on Employee
// notifies every committed insert, update, delete and truncate with the row's old and new auth0UserId,
// and a notification naming a key drops it; a truncate drops them all.
import { ChangeFeedCache } from './change-feed-cache.ts';
import type { ChangeFeed, EmployeeChange } from './employee-change-feed.ts';

export const DEFAULT_VIEWER_EMPLOYEE_CACHE_ENTRIES = 10_000;

export interface ViewerEmployeeCacheOptions {
  /** How many callers are remembered at most; the least recently used is forgotten first. */
  maxEntries?: number;
}

export class ViewerEmployeeCache<Row extends object> extends ChangeFeedCache<Row | null> {
  constructor(feed: Pick<ChangeFeed, 'listen'>, options: ViewerEmployeeCacheOptions = {}) {
    super(feed, { maxEntries: options.maxEntries ?? DEFAULT_VIEWER_EMPLOYEE_CACHE_ENTRIES, invalidates: auth0UserIdsOf });
  }
}

function auth0UserIdsOf(change: EmployeeChange): readonly string[] | 'all' {
  if (change.kind === 'truncate') return 'all';
  return [...new Set([change.oldAuth0UserId, change.newAuth0UserId])].filter((id) => id !== null);
}
