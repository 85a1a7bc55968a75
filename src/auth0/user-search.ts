// Building Auth0 user-search requests (https://auth0.com/docs/manage-users/user-search/user-search-query-syntax):
// the batch lookup by ids, sized so that no request exceeds the page size or a safe URL length, and the
// creation-window query the reports page through. Pure functions; the adapter sends what they build.
import type { CreatedWindow, IdentityUserProfile } from '../services/identity-provider.ts';

/** `per_page` maximum of GET /api/v2/users. */
export const SEARCH_PAGE_SIZE = 100;

/**
 * Budget for the encoded `q` parameter. Auth0 documents a 414 for long URLs but no number; the emulator
 * answers 414 past 8192 characters. 6000 leaves room for the host, the path and the other parameters.
 */
export const MAX_ENCODED_QUERY_LENGTH = 6000;

const PREFIX = 'user_id:(';
const SUFFIX = ')';
const SEPARATOR = ' OR ';

/** Lucene phrase quoting: backslash and double quote are escaped. */
export function quoteSearchValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

/** `user_id:("a" OR "b" ...)` */
export function userIdQuery(ids: readonly string[]): string {
  return `${PREFIX}${ids.map(quoteSearchValue).join(SEPARATOR)}${SUFFIX}`;
}

/** Appended to a user_id query: only the verified users among the ids come back. */
export const VERIFIED_ONLY = ' AND email_verified:true';

/** `email:("a" OR "b" ...)`; the user_id chunks' length budget holds (an email is shorter than the prefix difference allows for). */
export function emailQuery(emails: readonly string[]): string {
  return `email:(${emails.map(quoteSearchValue).join(SEPARATOR)})`;
}

function encodedLength(text: string): number {
  return encodeURIComponent(text).length;
}

/**
 * Splits ids (duplicates removed, order kept) into chunks whose query fits both `maxIds` and the
 * encoded length budget. An id that alone exceeds the budget gets a chunk of its own (it will 414; the
 * caller's per-id fallback then reads it directly).
 */
export function chunkIdsForSearch(
  ids: readonly string[],
  maxIds = SEARCH_PAGE_SIZE,
  maxEncodedLength = MAX_ENCODED_QUERY_LENGTH,
): string[][] {
  const chunks: string[][] = [];
  const fixed = encodedLength(PREFIX + SUFFIX);
  const separator = encodedLength(SEPARATOR);
  let current: string[] = [];
  let length = fixed;
  for (const id of new Set(ids)) {
    const item = encodedLength(quoteSearchValue(id));
    if (current.length > 0 && (current.length >= maxIds || length + separator + item > maxEncodedLength)) {
      chunks.push(current);
      current = [];
      length = fixed;
    }
    length += item + (current.length > 0 ? separator : 0);
    current.push(id);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export const CREATED_BY_QUERY_FIELD = 'app_metadata.created_by';

/** `identities.connection:"<name>"`, narrowed to a creation window like createdBySystemQuery. */
export function connectionQuery(connection: string, window: CreatedWindow): string {
  const clause = `identities.connection:${quoteSearchValue(connection)}`;
  if (!window.from && !window.to) return clause;
  const bound = (date: Date | undefined) => (date ? date.toISOString() : '*');
  return `${clause} AND created_at:[${bound(window.from)} TO ${bound(window.to)}]`;
}

/** `app_metadata.created_by:"<system>"`, narrowed to a creation window (inclusive bounds, millisecond precision). */
export function createdBySystemQuery(createdBy: string, window: CreatedWindow): string {
  const clause = `${CREATED_BY_QUERY_FIELD}:${quoteSearchValue(createdBy)}`;
  if (!window.from && !window.to) return clause;
  const bound = (date: Date | undefined) => (date ? date.toISOString() : '*');
  return `${clause} AND created_at:[${bound(window.from)} TO ${bound(window.to)}]`;
}

/** The SDK's user shape, as far as the profile goes. */
export interface SdkUserProfile {
  user_id?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  blocked?: boolean;
  last_login?: string | Record<string, unknown>;
  logins_count?: number;
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  created_at?: string | Record<string, unknown>;
  identities?: { connection?: string }[];
}

/** null for a record without an id (never seen; such a record cannot be matched to anyone). */
export function toIdentityUserProfile(user: SdkUserProfile): IdentityUserProfile | null {
  if (!user.user_id) return null;
  return {
    userId: user.user_id,
    email: user.email ?? '',
    emailVerified: user.email_verified ?? false,
    appMetadata: user.app_metadata ?? {},
    userMetadata: user.user_metadata ?? {},
    createdAt: typeof user.created_at === 'string' ? new Date(user.created_at) : new Date(0),
    name: user.name ?? null,
    blocked: user.blocked ?? false,
    lastLogin: typeof user.last_login === 'string' ? new Date(user.last_login) : null,
    loginsCount: user.logins_count ?? 0,
    ...(user.identities?.[0]?.connection ? { connection: user.identities[0].connection } : {}),
  };
}
