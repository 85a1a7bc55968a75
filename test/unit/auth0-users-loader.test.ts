// The read strategy of the per-request loaders and the reconciliation scan, against an in-memory
// directory that counts calls (the emulator-backed tests count real HTTP requests).
import { describe, expect, it } from 'vitest';
import { Auth0ReadState, createLoaders, loadRoleNames } from '../../src/loaders/auth0-users.loader.ts';
import { scanUsersCreatedBySystem } from '../../src/services/reconciliation.service.ts';
import {
  IdentityError,
  type CreatedWindow,
  type IdentityDirectory,
  type IdentityRole,
  type IdentityUserProfile,
} from '../../src/services/identity-provider.ts';

class FakeDirectory implements IdentityDirectory {
  users = new Map<string, IdentityUserProfile>();
  /** Ids the search index has not caught up with. */
  lagging = new Set<string>();
  roles: IdentityRole[] = [
    { id: 'rol_a', name: 'production_associate', description: null },
    { id: 'rol_b', name: 'team_lead', description: null },
  ];
  members = new Map<string, string[]>();
  failGetFor = new Set<string>();
  calls: string[] = [];

  add(id: string, createdAt = new Date(), roles: string[] = []): void {
    this.users.set(id, {
      userId: id,
      email: `${id.slice(6)}@x.test`,
      emailVerified: false,
      appMetadata: { created_by: 'productivity_system' },
      createdAt,
      name: null,
      blocked: false,
      lastLogin: null,
      loginsCount: 0,
    });
    for (const roleId of roles) this.members.set(roleId, [...(this.members.get(roleId) ?? []), id]);
  }

  async searchUsersByIds(ids: readonly string[]) {
    this.calls.push(`search:${ids.length}`);
    return ids.flatMap((id) => (this.users.has(id) && !this.lagging.has(id) ? [this.users.get(id)!] : []));
  }
  async getUserProfile(id: string) {
    this.calls.push(`get:${id}`);
    if (this.failGetFor.has(id)) throw new IdentityError('transient', 'Auth0 answered 503', 503);
    return this.users.get(id) ?? null;
  }
  async getUserRoles(id: string) {
    this.calls.push(`userRoles:${id}`);
    if (!this.users.has(id)) return null;
    return this.roles.filter((role) => this.members.get(role.id)?.includes(id));
  }
  async listRoles() {
    this.calls.push('roles');
    return this.roles;
  }
  async listRoleMembers(roleId: string, from: string | null) {
    this.calls.push(`members:${roleId}:${from ?? 0}`);
    const all = this.members.get(roleId) ?? [];
    const start = Number(from ?? 0);
    return { userIds: all.slice(start, start + 100), next: start + 100 < all.length ? String(start + 100) : null };
  }
  async listUsersCreatedBySystem(window: CreatedWindow, page: number, perPage: number) {
    this.calls.push(`scan:${window.from?.getTime() ?? '*'}-${window.to?.getTime() ?? '*'}:${page}`);
    if (page * perPage >= 1000) throw new IdentityError('rejected', 'You can only page through the first 1000 records.', 400);
    const matching = [...this.users.values()]
      .filter((user) => (!window.from || user.createdAt >= window.from) && (!window.to || user.createdAt <= window.to))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.userId.localeCompare(b.userId));
    const capped = matching.slice(0, 1000);
    return { users: capped.slice(page * perPage, (page + 1) * perPage), total: capped.length };
  }
}

const id = (i: number) => `auth0|${i.toString(16).padStart(24, '0')}`;

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

describe('role names for a batch of users', () => {
  it('walks the role member lists when that costs fewer requests than one per user', async () => {
    const directory = new FakeDirectory();
    for (let i = 0; i < 150; i += 1) directory.add(id(i), new Date(), i % 10 === 0 ? ['rol_a', 'rol_b'] : ['rol_a']);
    const ids = Array.from({ length: 20 }, (_, i) => id(i));
    const roles = await loadRoleNames(directory, new Auth0ReadState(), ids);
    expect(roles.get(id(0))).toEqual(['production_associate', 'team_lead']);
    expect(roles.get(id(1))).toEqual(['production_associate']);
    // The catalogue, two pages of rol_a's 150 members, one page of rol_b's 15.
    expect(directory.calls.sort()).toEqual(['members:rol_a:0', 'members:rol_a:100', 'members:rol_b:0', 'roles']);
  });

  it('reads per user for a small batch, and after a walk that needed more pages than the batch has users', async () => {
    const directory = new FakeDirectory();
    for (let i = 0; i < 1000; i += 1) directory.add(id(i), new Date(), ['rol_a']);
    const state = new Auth0ReadState();
    await loadRoleNames(directory, state, [id(1), id(2)]);
    expect(directory.calls).toEqual([`userRoles:${id(1)}`, `userRoles:${id(2)}`]);

    // 6 users: the walk stops after 6 pages of rol_a's 10, then reads per user.
    directory.calls = [];
    const six = Array.from({ length: 6 }, (_, i) => id(i));
    const roles = await loadRoleNames(directory, state, six);
    expect([...roles.values()]).toEqual(six.map(() => ['production_associate']));
    expect(directory.calls.filter((call) => call.startsWith('members:'))).toHaveLength(6);
    expect(directory.calls.filter((call) => call.startsWith('userRoles:'))).toHaveLength(6);

    // Remembered: the next batch of that size goes straight to per-user reads.
    directory.calls = [];
    await loadRoleNames(directory, state, six);
    expect(directory.calls.every((call) => call.startsWith('userRoles:'))).toBe(true);
  });
});

describe('scanning the users this system created', () => {
  it('pages through a result under the 1000 cap with one request per 100 users', async () => {
    const directory = new FakeDirectory();
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 250; i += 1) directory.add(id(i), new Date(start + i * 60_000));
    const users = await scanUsersCreatedBySystem(directory, { to: new Date(start + 10 * 86_400_000) });
    expect(users.map((user) => user.userId)).toEqual(Array.from({ length: 250 }, (_, i) => id(i)));
    expect(directory.calls).toHaveLength(3);
  });

  it('splits by creation time past the 1000-result cap and still finds every user exactly once', async () => {
    const directory = new FakeDirectory();
    const start = Date.UTC(2026, 0, 1);
    // 2,600 users, unevenly spread, with 30 created in the same millisecond.
    for (let i = 0; i < 2_570; i += 1) directory.add(id(i), new Date(start + Math.floor((i * i) / 40) * 1_000));
    for (let i = 2_570; i < 2_600; i += 1) directory.add(id(i), new Date(start + 5_000_000));
    const users = await scanUsersCreatedBySystem(directory, { to: new Date(start + 400 * 86_400_000) });
    expect(users).toHaveLength(2_600);
    expect(new Set(users.map((user) => user.userId)).size).toBe(2_600);
    // No request ever paged past the cap (the fake answers 400 like Auth0), and the split cost stays modest.
    expect(directory.calls.length).toBeLessThan(60);
  });
});
