// The per-request loaders: batching, per-id failures and the optional cache across requests, against an
// in-memory directory that counts calls.
import { describe, expect, it } from 'vitest';
import { Auth0ReadState, createLoaders } from '../../src/loaders/auth0-users.loader.ts';
import { FakeDirectory, id } from './fake-identity-directory.ts';

describe('auth0UserByUserId loader', () => {
  it('answers a batch with one search, reads only the ids the index lags on, and resolves a deleted user to null', async () => {
    const directory = new FakeDirectory();
    for (let i = 0; i < 30; i += 1) directory.add(id(i));
    directory.lagging.add(id(3)).add(id(7));
    const loaders = createLoaders({ identityDirectory: directory, auth0State: new Auth0ReadState() });
    const wanted = [...Array.from({ length: 30 }, (_, i) => id(i)), id(999), id(5)];
    const users = await Promise.all(wanted.map((key) => loaders.auth0UserByUserId.load(key)));
    expect(users.slice(0, 30).map((user) => user?.userId)).toEqual(wanted.slice(0, 30));
    expect(users[30]).toBeNull();
    expect(directory.calls.sort()).toEqual(['get:' + id(3), 'get:' + id(7), 'get:' + id(999), 'search:31'].sort());
  });

  it('fails only the id whose direct read failed', async () => {
    const directory = new FakeDirectory();
    directory.add(id(1));
    directory.add(id(2));
    directory.lagging.add(id(2));
    directory.failGetFor.add(id(2));
    const loaders = createLoaders({ identityDirectory: directory, auth0State: new Auth0ReadState() });
    const [ok, failed] = await Promise.allSettled([loaders.auth0UserByUserId.load(id(1)), loaders.auth0UserByUserId.load(id(2))]);
    expect(ok).toMatchObject({ status: 'fulfilled', value: { userId: id(1) } });
    expect(failed).toMatchObject({ status: 'rejected', reason: { kind: 'transient' } });
  });

  it('caches across requests only when a TTL is configured, and only until it expires', async () => {
    let now = 1_000_000;
    const directory = new FakeDirectory();
    directory.add(id(1));
    const uncached = new Auth0ReadState();
    await createLoaders({ identityDirectory: directory, auth0State: uncached }).auth0UserByUserId.load(id(1));
    await createLoaders({ identityDirectory: directory, auth0State: uncached }).auth0UserByUserId.load(id(1));
    expect(directory.calls).toEqual(['search:1', 'search:1']);

    directory.calls = [];
    const cached = new Auth0ReadState({ cacheTtlMs: 5_000, now: () => now });
    await createLoaders({ identityDirectory: directory, auth0State: cached }).auth0UserByUserId.load(id(1));
    now += 4_000;
    await createLoaders({ identityDirectory: directory, auth0State: cached }).auth0UserByUserId.load(id(1));
    expect(directory.calls).toEqual(['search:1']);
    now += 2_000;
    await createLoaders({ identityDirectory: directory, auth0State: cached }).auth0UserByUserId.load(id(1));
    expect(directory.calls).toEqual(['search:1', 'search:1']);
  });
});
