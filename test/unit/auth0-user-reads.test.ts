// The read strategy of the Auth0 batch reads (role names, the scan of the users this system created),
// against an in-memory directory that counts calls (the emulator-backed tests count real HTTP requests).
import { describe, expect, it } from 'vitest';
import { readRoleNamesByUserIds, RoleReadState, scanUsersCreatedBySystem } from '../../src/services/auth0-user-reads.ts';
import { FakeDirectory, id } from './fake-identity-directory.ts';

describe('role names for a batch of users', () => {
  it('walks the role member lists when that costs fewer requests than one per user', async () => {
    const directory = new FakeDirectory();
    for (let i = 0; i < 150; i += 1) directory.add(id(i), new Date(), i % 10 === 0 ? ['rol_a', 'rol_b'] : ['rol_a']);
    const ids = Array.from({ length: 20 }, (_, i) => id(i));
    const roles = await readRoleNamesByUserIds(directory, new RoleReadState(), ids);
    expect(roles.get(id(0))).toEqual(['production_associate', 'team_lead']);
    expect(roles.get(id(1))).toEqual(['production_associate']);
    // The catalogue, two pages of rol_a's 150 members, one page of rol_b's 15.
    expect(directory.calls.sort()).toEqual(['members:rol_a:0', 'members:rol_a:100', 'members:rol_b:0', 'roles']);
  });

  it('reads per user for a small batch, and after a walk that needed more pages than the batch has users', async () => {
    const directory = new FakeDirectory();
    for (let i = 0; i < 1000; i += 1) directory.add(id(i), new Date(), ['rol_a']);
    const state = new RoleReadState();
    await readRoleNamesByUserIds(directory, state, [id(1), id(2)]);
    expect(directory.calls).toEqual([`userRoles:${id(1)}`, `userRoles:${id(2)}`]);

    // 6 users: the walk stops after 6 pages of rol_a's 10, then reads per user.
    directory.calls = [];
    const six = Array.from({ length: 6 }, (_, i) => id(i));
    const roles = await readRoleNamesByUserIds(directory, state, six);
    expect([...roles.values()]).toEqual(six.map(() => ['production_associate']));
    expect(directory.calls.filter((call) => call.startsWith('members:'))).toHaveLength(6);
    expect(directory.calls.filter((call) => call.startsWith('userRoles:'))).toHaveLength(6);

    // Remembered: the next batch of that size goes straight to per-user reads.
    directory.calls = [];
    await readRoleNamesByUserIds(directory, state, six);
    expect(directory.calls).toEqual(six.map((user) => `userRoles:${user}`));
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
