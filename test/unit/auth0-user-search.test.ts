import { describe, expect, it } from 'vitest';
import {
  chunkIdsForSearch,
  createdBySystemQuery,
  MAX_ENCODED_QUERY_LENGTH,
  userIdQuery,
} from '../../src/auth0/user-search.ts';

const ids = (count: number) => Array.from({ length: count }, (_, i) => `auth0|${i.toString(16).padStart(24, '0')}`);

describe('user search requests', () => {
  it('builds the documented OR group of quoted ids', () => {
    expect(userIdQuery(['auth0|a', 'auth0|b"c'])).toBe('user_id:("auth0|a" OR "auth0|b\\"c")');
  });

  it('puts up to 100 ids in a chunk, drops duplicates and keeps the order', () => {
    const chunks = chunkIdsForSearch([...ids(250), ...ids(10)]);
    expect(chunks.map((chunk) => chunk.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(ids(250));
  });

  it('keeps every chunk within the encoded length budget', () => {
    const long = Array.from({ length: 300 }, (_, i) => `google-oauth2|${'1'.repeat(100)}${i}`);
    const chunks = chunkIdsForSearch(long);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(encodeURIComponent(userIdQuery(chunk)).length).toBeLessThanOrEqual(MAX_ENCODED_QUERY_LENGTH);
    expect(chunks.flat()).toEqual(long);
  });

  it('fits 100 Auth0 database ids in one request under the emulator 8192-character URL limit', () => {
    const [chunk] = chunkIdsForSearch(ids(100));
    expect(chunk).toHaveLength(100);
    expect(encodeURIComponent(userIdQuery(chunk!)).length).toBeLessThan(8192 - 200);
  });

  it('narrows the created-by query to an inclusive creation window', () => {
    expect(createdBySystemQuery('productivity_system', {})).toBe('app_metadata.created_by:"productivity_system"');
    expect(
      createdBySystemQuery('productivity_system', { from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-01-02T12:00:00.500Z') }),
    ).toBe('app_metadata.created_by:"productivity_system" AND created_at:[2026-01-01T00:00:00.000Z TO 2026-01-02T12:00:00.500Z]');
    expect(createdBySystemQuery('p', { to: new Date(0) })).toBe('app_metadata.created_by:"p" AND created_at:[* TO 1970-01-01T00:00:00.000Z]');
  });
});
