// Users endpoints (https://auth0.com/docs/manage-users/user-accounts/create-users, https://auth0.com/docs/manage-users/user-search/list-and-search-users),
// driven by the official SDK where it can express the case.
import { describe, expect, it } from 'vitest';
import { ManagementError } from 'auth0';
import {
  api,
  CONNECTION,
  createUser,
  sdk,
  STRONG_PASSWORD,
  useTestEmulator,
  uniqueEmail,
} from './helpers.ts';

const t = useTestEmulator();

async function failure(promise: Promise<unknown>): Promise<{ statusCode: number | undefined; body: any; name: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ManagementError);
  const management = error as ManagementError;
  return { statusCode: management.statusCode, body: management.body, name: management.constructor.name };
}

describe('POST /api/v2/users', () => {
  it('creates a database user with Auth0\'s profile shape, defaults and a lower-cased email', async () => {
    const client = sdk(t.emulator);
    const email = uniqueEmail('Ana.Lopez');
    const user = await client.users.create({
      connection: CONNECTION,
      email: email.toUpperCase(),
      password: STRONG_PASSWORD,
      app_metadata: { employee_id: 'emp-1' },
      user_metadata: { shift: 'night' },
    });
    const lower = email.toLowerCase();
    expect(user).toEqual({
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: user.created_at,
      email: lower,
      email_verified: false,
      identities: [{ connection: CONNECTION, user_id: user.user_id!.slice('auth0|'.length), provider: 'auth0', isSocial: false }],
      name: lower,
      nickname: lower.split('@')[0],
      picture: expect.stringMatching(/^https:\/\/s\.gravatar\.com\/avatar\/[0-9a-f]{32}\?/),
      user_id: expect.stringMatching(/^auth0\|[0-9a-f]{24}$/),
      app_metadata: { employee_id: 'emp-1' },
      user_metadata: { shift: 'night' },
    });
    expect(JSON.stringify(user)).not.toContain(STRONG_PASSWORD);
  });

  it('prefixes a caller-chosen user_id with auth0| and keeps given profile fields', async () => {
    const user = await sdk(t.emulator).users.create({
      connection: CONNECTION,
      user_id: 'emp-0042',
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      name: 'Ana López',
      given_name: 'Ana',
      family_name: 'López',
      email_verified: true,
    });
    expect(user).toMatchObject({ user_id: 'auth0|emp-0042', name: 'Ana López', given_name: 'Ana', family_name: 'López', email_verified: true });
    expect(user.identities?.[0]?.user_id).toBe('emp-0042');
  });

  it('answers 409 "The user already exists." for a second user with the same email or id', async () => {
    const client = sdk(t.emulator);
    const email = uniqueEmail();
    await client.users.create({ connection: CONNECTION, email, password: STRONG_PASSWORD, user_id: 'fixed-id' });
    const sameEmail = await failure(client.users.create({ connection: CONNECTION, email: email.toUpperCase(), password: STRONG_PASSWORD }));
    expect(sameEmail.name).toBe('ConflictError');
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'The user already exists.', errorCode: 'auth0_idp_error' });
    const sameId = await failure(client.users.create({ connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD, user_id: 'fixed-id' }));
    expect(sameId.statusCode).toBe(409);
    expect((await t.control.users()).length).toBe(1);
  });

  it('rejects an unknown connection, bad payloads and passwords that break the policy', async () => {
    const client = sdk(t.emulator);
    const unknown = await failure(client.users.create({ connection: 'Nope', email: uniqueEmail(), password: STRONG_PASSWORD }));
    expect(unknown.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'The connection does not exist.', errorCode: 'inexistent_connection' });

    const weak = await failure(client.users.create({ connection: CONNECTION, email: uniqueEmail(), password: 'abc' }));
    expect(weak.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'PasswordStrengthError: Password is too weak' });
    const email = uniqueEmail('margarita');
    const personal = await failure(client.users.create({ connection: CONNECTION, email, password: `${email.split('@')[0]}!A1` }));
    expect(personal.body.message).toBe('PasswordNoUserInfoError: Password contains user information');

    const badEmail = await failure(client.users.create({ connection: CONNECTION, email: 'not-an-email', password: STRONG_PASSWORD }));
    expect(badEmail.body.message).toMatch(/^Payload validation error: 'Object didn't pass validation for format email: not-an-email'/);

    const raw = (json: unknown) => api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json });
    const noConnection = await raw({ email: uniqueEmail(), password: STRONG_PASSWORD });
    expect(noConnection.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Payload validation error: 'Missing required property: connection'.",
      errorCode: 'invalid_body',
    });
    const extra = await raw({ connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD, role: 'admin' });
    expect(extra.body.message).toBe("Payload validation error: 'Additional properties not allowed: role'.");
    const wrongType = await raw({ connection: CONNECTION, email: 42, password: STRONG_PASSWORD });
    expect(wrongType.body.message).toMatch(/^Payload validation error: 'Expected type string but found type integer' on property email/);
    const reserved = await raw({ connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD, app_metadata: { blocked: true } });
    expect(reserved.status).toBe(400);
    const dottedKey = await raw({ connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD, user_metadata: { 'a.b': 1 } });
    expect(dottedKey.status).toBe(400);
    expect(await t.control.users()).toEqual([]);
  });

  it('follows the configured password policy, dictionary included', async () => {
    await t.control.configure({ passwordPolicy: { strength: 'low', minLength: 8, dictionary: true } });
    const common = await api(t.emulator, 'POST', '/api/v2/users', {
      token: t.token,
      json: { connection: CONNECTION, email: uniqueEmail(), password: 'password1' },
    });
    expect(common.body).toEqual({ statusCode: 400, error: 'Bad Request', message: 'PasswordDictionaryError: Password is too common' });
    await t.control.configure({ passwordPolicy: { strength: 'none', dictionary: false, noPersonalInfo: false } });
    const user = await createUser(t.emulator, t.token, { password: 'password' });
    expect(user.user_id).toMatch(/^auth0\|/);
  });

  it('sends a verification email unless email_verified is true, and verify_email overrides either way', async () => {
    const cases = [
      { fields: {}, sent: true },
      { fields: { email_verified: true }, sent: false },
      { fields: { verify_email: false }, sent: false },
      { fields: { email_verified: true, verify_email: true }, sent: true },
    ];
    for (const { fields, sent } of cases) {
      const user = await createUser(t.emulator, t.token, fields);
      const emails = await t.control.emails();
      expect(emails.filter((email) => email.user_id === user.user_id).length, JSON.stringify(fields)).toBe(sent ? 1 : 0);
    }
    const [first] = await t.control.emails();
    expect(first).toMatchObject({ type: 'verification_email', reason: 'signup', link: expect.stringContaining('/u/email-verification?ticket=') });
  });
});

describe('GET, PATCH and DELETE /api/v2/users/{id}', () => {
  it('reads a user immediately after creating it and answers 404 inexistent_user for unknown ids', async () => {
    await t.control.configure({ searchLagMs: 60_000 });
    const client = sdk(t.emulator);
    const created = await client.users.create({ connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD });
    expect(await client.users.get(created.user_id!)).toEqual(created);
    const projected = await client.users.get(created.user_id!, { fields: 'email,user_id', include_fields: true });
    expect(Object.keys(projected).sort()).toEqual(['email', 'user_id']);

    const missing = await failure(client.users.get('auth0|000000000000000000000000'));
    expect(missing.name).toBe('NotFoundError');
    expect(missing.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'The user does not exist.', errorCode: 'inexistent_user' });
  });

  it('merges metadata at the first level, unsets with null and replaces other fields', async () => {
    const client = sdk(t.emulator);
    const created = await client.users.create({
      connection: CONNECTION,
      email: uniqueEmail(),
      password: STRONG_PASSWORD,
      given_name: 'Ana',
      app_metadata: { employee_id: 'e1', flags: { a: 1, b: 2 }, stale: true },
    });
    const updated = await client.users.update(created.user_id!, {
      name: 'Ana María',
      given_name: null as unknown as string,
      app_metadata: { flags: { c: 3 }, stale: null, added: 'yes' },
    });
    expect(updated.name).toBe('Ana María');
    expect(updated).not.toHaveProperty('given_name');
    expect(updated.app_metadata).toEqual({ employee_id: 'e1', flags: { c: 3 }, added: 'yes' });
    expect(updated.updated_at! >= created.updated_at!).toBe(true);
    expect(await client.users.get(created.user_id!)).toEqual(updated);
  });

  it('rejects an email taken by another user (400) and password together with email', async () => {
    const client = sdk(t.emulator);
    const first = await createUser(t.emulator, t.token);
    const second = await createUser(t.emulator, t.token);
    const taken = await failure(client.users.update(second.user_id, { email: first.email }));
    expect(taken.statusCode).toBe(400);
    expect(taken.body.message).toBe('The specified new email already exists');
    const both = await failure(client.users.update(second.user_id, { email: uniqueEmail(), password: STRONG_PASSWORD }));
    expect(both.body.message).toBe('Cannot update password and email simultaneously');
    const weak = await failure(client.users.update(second.user_id, { password: 'short' }));
    expect(weak.body.message).toBe('PasswordStrengthError: Password is too weak');
    const missing = await failure(client.users.update('auth0|nobody', { name: 'x' }));
    expect(missing.statusCode).toBe(404);

    const newEmail = uniqueEmail('Moved');
    const moved = await client.users.update(second.user_id, { email: newEmail, verify_email: true });
    expect(moved.email).toBe(newEmail.toLowerCase());
    expect(moved.email_verified).toBe(false);
    expect((await t.control.emails()).some((email) => email.reason === 'email_change' && email.to === newEmail.toLowerCase())).toBe(true);
  });

  it('answers 204 to DELETE whether or not the user exists', async () => {
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token);
    await client.users.delete(user.user_id);
    await client.users.delete(user.user_id);
    const raw = await api(t.emulator, 'DELETE', `/api/v2/users/${encodeURIComponent(user.user_id)}`, { token: t.token });
    expect(raw.status).toBe(204);
    expect(raw.text).toBe('');
    expect(await t.control.users()).toEqual([]);
  });
});

describe('GET /api/v2/users-by-email', () => {
  it('returns an array, immediately consistent, exact and case-sensitive', async () => {
    await t.control.configure({ searchLagMs: 60_000 });
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token);
    expect(await client.users.listUsersByEmail({ email: user.email })).toEqual([user]);
    expect(await client.users.listUsersByEmail({ email: user.email.toUpperCase() })).toEqual([]);
    expect(await client.users.listUsersByEmail({ email: 'nobody@warehouse-example.com' })).toEqual([]);
    const missing = await api(t.emulator, 'GET', '/api/v2/users-by-email', { token: t.token });
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe('invalid_query_string');
  });
});

describe('GET /api/v2/users (search)', () => {
  it('finds users by OR groups of ids and emails, wildcards, metadata and _exists_', async () => {
    const client = sdk(t.emulator);
    const a = await createUser(t.emulator, t.token, { app_metadata: { employee_id: 'E-1', created_by: 'productivity_system' } });
    const b = await createUser(t.emulator, t.token, { app_metadata: { employee_id: 'E-2' } });
    const c = await createUser(t.emulator, t.token, { email: 'zed.other@elsewhere-example.org' });
    const ids = (q: string) => client.users.list({ q, search_engine: 'v3', per_page: 100 }).then((page) => page.data.map((user) => user.user_id).sort());

    expect(await ids(`user_id:("${a.user_id}" OR "${c.user_id}")`)).toEqual([a.user_id, c.user_id].sort());
    expect(await ids(`email:("${b.email}" OR "${c.email}")`)).toEqual([b.user_id, c.user_id].sort());
    expect(await ids(`email:"${a.email}"`)).toEqual([a.user_id]);
    expect(await ids('email:zed*')).toEqual([c.user_id]);
    expect(await ids('app_metadata.employee_id:"E-2"')).toEqual([b.user_id]);
    expect(await ids('_exists_:app_metadata.created_by')).toEqual([a.user_id]);
    expect(await ids('user_id:auth0')).toEqual([]);

    const invalid = await api(t.emulator, 'GET', `/api/v2/users?q=${encodeURIComponent('email:("unterminated')}`, { token: t.token });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/^Query validation error: /);
  });

  it('pages with page/per_page, reports totals, caps per_page at 100 and paging at 1000 results', async () => {
    for (let i = 0; i < 5; i += 1) await createUser(t.emulator, t.token);
    const first = await api(t.emulator, 'GET', '/api/v2/users?page=0&per_page=2&include_totals=true&sort=created_at:1', { token: t.token });
    expect(first.body).toMatchObject({ start: 0, limit: 2, length: 2, total: 5 });
    const last = await api(t.emulator, 'GET', '/api/v2/users?page=2&per_page=2&include_totals=true', { token: t.token });
    expect(last.body).toMatchObject({ start: 4, limit: 2, length: 1, total: 5 });
    const plain = await api(t.emulator, 'GET', '/api/v2/users?per_page=3', { token: t.token });
    expect(Array.isArray(plain.body)).toBe(true);
    expect(plain.body).toHaveLength(3);

    const tooMany = await api(t.emulator, 'GET', '/api/v2/users?per_page=101', { token: t.token });
    expect([tooMany.status, tooMany.body.errorCode]).toEqual([400, 'invalid_query_string']);
    const pastCap = await api(t.emulator, 'GET', '/api/v2/users?page=10&per_page=100', { token: t.token });
    expect(pastCap.status).toBe(400);
    expect(pastCap.body.message).toMatch(/^You can only page through the first 1000 records/);
    const unknownParam = await api(t.emulator, 'GET', '/api/v2/users?bogus=1', { token: t.token });
    expect(unknownParam.status).toBe(400);
  });

  it('returns at most 1000 users even when more match', async () => {
    await t.control.configure({ passwordPolicy: { strength: 'none', dictionary: false, noPersonalInfo: false } });
    const batch = Array.from({ length: 1005 }, (_, i) => i);
    for (let start = 0; start < batch.length; start += 100) {
      await Promise.all(
        batch.slice(start, start + 100).map((i) =>
          api(t.emulator, 'POST', '/api/v2/users', { token: t.token, json: { connection: CONNECTION, email: `bulk${i}@warehouse-example.com`, password: 'x', verify_email: false } }),
        ),
      );
    }
    expect((await t.control.users()).length).toBe(1005);
    const lastPage = await api(t.emulator, 'GET', '/api/v2/users?q=email:bulk*&page=9&per_page=100&include_totals=true', { token: t.token });
    expect(lastPage.body).toMatchObject({ start: 900, length: 100, total: 1000 });
  });
});
