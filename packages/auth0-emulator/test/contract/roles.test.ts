// Roles and role assignments (https://auth0.com/docs/manage-users/access-control/configure-core-rbac).
import { describe, expect, it } from 'vitest';
import { ManagementError } from 'auth0';
import { api, createUser, sdk, useTestEmulator } from './helpers.ts';

const t = useTestEmulator();

async function roleId(name: string): Promise<string> {
  const page = await sdk(t.emulator).roles.list({ name_filter: name });
  const role = page.data.find((candidate) => candidate.name === name);
  if (!role?.id) throw new Error(`no role ${name}`);
  return role.id;
}

describe('GET and POST /api/v2/roles', () => {
  it('lists the four seeded roles, filters by name case-insensitively and pages with totals', async () => {
    const client = sdk(t.emulator);
    const all = await client.roles.list();
    expect(all.data.map((role) => role.name).sort()).toEqual(['admin', 'manager', 'production_associate', 'team_lead']);
    for (const role of all.data) expect(role.id).toMatch(/^rol_[A-Za-z0-9]{16}$/);

    const filtered = await client.roles.list({ name_filter: 'TEAM' });
    expect(filtered.data.map((role) => role.name)).toEqual(['team_lead']);

    const paged = await api(t.emulator, 'GET', '/api/v2/roles?per_page=3&page=1&include_totals=true', { token: t.token });
    expect(paged.body).toMatchObject({ start: 3, limit: 3, total: 4 });
    expect(paged.body.roles).toHaveLength(1);
    const plain = await api(t.emulator, 'GET', '/api/v2/roles', { token: t.token });
    expect(Array.isArray(plain.body)).toBe(true);
  });

  it('creates a role (rol_ id, no permissions) and refuses a duplicate name with 409', async () => {
    const client = sdk(t.emulator);
    const created = await client.roles.create({ name: 'night_shift', description: 'Night shift' });
    expect(created).toEqual({ id: expect.stringMatching(/^rol_[A-Za-z0-9]{16}$/), name: 'night_shift', description: 'Night shift' });
    expect(await client.roles.get(created.id!)).toEqual(created);
    const duplicate = await client.roles.create({ name: 'night_shift' }).catch((error: unknown) => error);
    expect((duplicate as ManagementError).statusCode).toBe(409);
    const missingName = await api(t.emulator, 'POST', '/api/v2/roles', { token: t.token, json: { description: 'x' } });
    expect([missingName.status, missingName.body.errorCode]).toEqual([400, 'invalid_body']);
  });

  it('answers 400 for a malformed role id and 404 for an unknown one', async () => {
    const malformed = await api(t.emulator, 'GET', '/api/v2/roles/not-a-role', { token: t.token });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/^Path validation error: /);
    const unknown = await api(t.emulator, 'GET', '/api/v2/roles/rol_0000000000000000', { token: t.token });
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The role does not exist.', errorCode: 'inexistent_role' });
  });
});

describe('user role assignments', () => {
  it('assigns (204), lists and removes a user\'s roles', async () => {
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token);
    const associate = await roleId('production_associate');
    const lead = await roleId('team_lead');
    await client.users.roles.assign(user.user_id, { roles: [associate, lead] });
    const raw = await api(t.emulator, 'POST', `/api/v2/users/${encodeURIComponent(user.user_id)}/roles`, { token: t.token, json: { roles: [associate] } });
    expect([raw.status, raw.text]).toEqual([204, '']);
    expect((await client.users.roles.list(user.user_id)).data.map((role) => role.name)).toEqual(['production_associate', 'team_lead']);

    await client.users.roles.delete(user.user_id, { roles: [associate] });
    expect((await client.users.roles.list(user.user_id)).data.map((role) => role.name)).toEqual(['team_lead']);
    expect((await t.control.users())[0]?.roles).toEqual(['team_lead']);
  });

  it('rejects unknown users and roles and an empty list', async () => {
    const user = await createUser(t.emulator, t.token);
    const path = `/api/v2/users/${encodeURIComponent(user.user_id)}/roles`;
    const empty = await api(t.emulator, 'POST', path, { token: t.token, json: { roles: [] } });
    expect(empty.status).toBe(400);
    const unknownRole = await api(t.emulator, 'POST', path, { token: t.token, json: { roles: ['rol_0000000000000000'] } });
    expect(unknownRole.status).toBe(404);
    const unknownUser = await api(t.emulator, 'POST', '/api/v2/users/auth0%7Cnobody/roles', { token: t.token, json: { roles: [await roleId('admin')] } });
    expect(unknownUser.body.errorCode).toBe('inexistent_user');
    const emptyDelete = await api(t.emulator, 'DELETE', path, { token: t.token, json: { roles: [] } });
    expect(emptyDelete.status).toBe(400);
  });

  it('stops at 50 roles per user', async () => {
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token);
    const ids: string[] = [];
    for (let i = 0; i < 51; i += 1) ids.push((await client.roles.create({ name: `extra_${i}` })).id!);
    await client.users.roles.assign(user.user_id, { roles: ids.slice(0, 50) });
    const over = await client.users.roles.assign(user.user_id, { roles: [ids[50]!] }).catch((error: unknown) => error);
    expect((over as ManagementError).statusCode).toBe(400);
    expect((await client.users.roles.list(user.user_id, { per_page: 100 })).data).toHaveLength(50);
  });

  it('assigns users to a role and lists its members with checkpoint and offset paging', async () => {
    const client = sdk(t.emulator);
    const manager = await roleId('manager');
    const users = [await createUser(t.emulator, t.token), await createUser(t.emulator, t.token), await createUser(t.emulator, t.token)];
    await client.roles.users.assign(manager, { users: users.map((user) => user.user_id) });

    const members = await client.roles.users.list(manager);
    expect(members.data.map((member) => member.user_id)).toEqual(users.map((user) => user.user_id));
    expect(members.data[0]).toEqual({ user_id: users[0].user_id, email: users[0].email, picture: users[0].picture, name: users[0].name });

    const firstPage = await api(t.emulator, 'GET', `/api/v2/roles/${manager}/users?take=2`, { token: t.token });
    expect(firstPage.body.users).toHaveLength(2);
    expect(firstPage.body.next).toEqual(expect.any(String));
    const secondPage = await api(t.emulator, 'GET', `/api/v2/roles/${manager}/users?take=2&from=${firstPage.body.next}`, { token: t.token });
    expect(secondPage.body.users).toHaveLength(1);
    expect(secondPage.body).not.toHaveProperty('next');
    const offset = await api(t.emulator, 'GET', `/api/v2/roles/${manager}/users?per_page=2&page=1&include_totals=true`, { token: t.token });
    expect(offset.body).toMatchObject({ start: 2, limit: 2, total: 3 });

    const unknownUser = await api(t.emulator, 'POST', `/api/v2/roles/${manager}/users`, { token: t.token, json: { users: ['auth0|nobody'] } });
    expect(unknownUser.status).toBe(404);
  });
});
