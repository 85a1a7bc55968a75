// The Authentication API's change-password email (https://auth0.com/docs/api/authentication/change-password/change-password),
// the set-password control call, and the credential controls (secret rotation, token invalidation).
import { AuthClient, ChangePasswordError } from '@auth0/auth0-auth-js';
import { describe, expect, it } from 'vitest';
import { CHANGE_PASSWORD_SENT, DISABLED_CLIENT_DESCRIPTION } from '../../src/routes/dbconnections.ts';
import { api, CONNECTION, createUser, managementToken, rewritingFetch, sdk, STRONG_PASSWORD, uniqueEmail, useTestEmulator } from './helpers.ts';

const t = useTestEmulator();

function authClient(): AuthClient {
  return new AuthClient({ domain: t.emulator.domain, clientId: t.emulator.clientId, customFetch: rewritingFetch(t.emulator) });
}

describe('POST /dbconnections/change_password', () => {
  it('answers the documented text through the official SDK, emails a change_password link and logs scpr', async () => {
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    const answer = await authClient().database.changePassword({ email: user.email, connection: CONNECTION });
    expect(answer).toBe(CHANGE_PASSWORD_SENT);

    const emails = await t.control.emails();
    expect(emails).toEqual([
      {
        id: expect.any(String),
        type: 'change_password',
        to: user.email,
        user_id: user.user_id,
        link: `${t.emulator.url}/lo/reset?ticket=${emails[0]?.ticket}`,
        ticket: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
        reason: 'change_password',
        sent_at: expect.any(String),
      },
    ]);
    const scpr = (await t.control.logs()).find((log) => log.data.type === 'scpr');
    expect(scpr?.data).toMatchObject({ user_id: user.user_id, client_id: t.emulator.clientId });
  });

  it('gives an unknown address the same answer and sends nothing', async () => {
    const answer = await authClient().database.changePassword({ email: uniqueEmail('nobody'), connection: CONNECTION });
    expect(answer).toBe(CHANGE_PASSWORD_SENT);
    expect(await t.control.emails()).toEqual([]);
  });

  it('validates the request: connection, email, client and no password', async () => {
    const post = (json: unknown) => api(t.emulator, 'POST', '/dbconnections/change_password', { json });
    const email = uniqueEmail();
    expect((await post({ client_id: t.emulator.clientId, email })).status).toBe(400);
    expect((await post({ client_id: t.emulator.clientId, connection: 'Nope', email })).body).toEqual({ error: 'invalid_request', error_description: 'connection not found' });
    expect((await post({ client_id: t.emulator.clientId, connection: CONNECTION })).body.error_description).toBe('Missing required parameter: email');
    expect((await post({ client_id: 'unknown', connection: CONNECTION, email })).status).toBe(400);
    expect((await post({ client_id: t.emulator.clientId, connection: CONNECTION, email, password: 'x' })).body.error_description).toBe('password is not allowed');
    const error = await authClient()
      .database.changePassword({ email: 'not-an-email', connection: CONNECTION })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChangePasswordError);
    expect((error as ChangePasswordError).statusCode).toBe(400);
  });

  it('limits each address to its burst, then 1 per minute, with a 429 and the rate-limit headers', async () => {
    await t.control.configure({ changePasswordBurst: 2 });
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    const client = authClient();
    await client.database.changePassword({ email: user.email, connection: CONNECTION });
    await client.database.changePassword({ email: user.email, connection: CONNECTION });
    const limited = await api(t.emulator, 'POST', '/dbconnections/change_password', {
      json: { client_id: t.emulator.clientId, email: user.email, connection: CONNECTION },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too_many_requests');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50);
    expect((await t.control.emails()).filter((email) => email.to === user.email)).toHaveLength(2);
    // Another address has its own bucket.
    const other = await createUser(t.emulator, t.token, { verify_email: false });
    await client.database.changePassword({ email: other.email, connection: CONNECTION });
  });

  it('refuses an application that is not enabled on the connection (400, fcpr logged, no email) until it is enabled again', async () => {
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    expect(await t.control.setConnectionClients([{ client_id: t.emulator.clientId, status: false }])).toEqual({ disabled_clients: [t.emulator.clientId] });
    const refused = await api(t.emulator, 'POST', '/dbconnections/change_password', {
      json: { client_id: t.emulator.clientId, email: user.email, connection: CONNECTION },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: 'invalid_request', error_description: DISABLED_CLIENT_DESCRIPTION });
    const error = await authClient()
      .database.changePassword({ email: user.email, connection: CONNECTION })
      .catch((caught: unknown) => caught);
    expect((error as ChangePasswordError).statusCode).toBe(400);
    expect(await t.control.emails()).toEqual([]);
    const fcpr = (await t.control.logs()).find((log) => log.data.type === 'fcpr');
    expect(fcpr?.data).toMatchObject({ user_id: user.user_id, user_name: user.email, client_id: t.emulator.clientId, description: DISABLED_CLIENT_DESCRIPTION });

    await t.control.setConnectionClients([{ client_id: t.emulator.clientId, status: true }]);
    expect(await authClient().database.changePassword({ email: user.email, connection: CONNECTION })).toBe(CHANGE_PASSWORD_SENT);
    await expect(t.control.setConnectionClients([{ client_id: 'unknown', status: false }])).rejects.toMatchObject({ status: 404 });
  });

  it('can be failed by fault injection like any Auth0 route', async () => {
    await t.control.configure({ errorRate: { rate: 1, status: 503, routes: ['POST /dbconnections/change_password'] } });
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    const error = await authClient()
      .database.changePassword({ email: user.email, connection: CONNECTION })
      .catch((caught: unknown) => caught);
    expect((error as ChangePasswordError).statusCode).toBe(503);
    expect(await t.control.emails()).toEqual([]);
  });
});

describe('POST /__emulator/set-password', () => {
  it('uses the emailed ticket once: email_verified becomes true and scp is logged', async () => {
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    expect(user.email_verified).toBe(false);
    await authClient().database.changePassword({ email: user.email, connection: CONNECTION });
    const [email] = await t.control.emails();

    const updated = await t.control.setPassword({ ticket: email!.ticket, password: STRONG_PASSWORD });
    expect(updated.email_verified).toBe(true);
    expect((await sdk(t.emulator).users.get(user.user_id)).email_verified).toBe(true);
    const scp = (await t.control.logs()).find((log) => log.data.type === 'scp');
    expect(scp?.data).toMatchObject({ user_id: user.user_id, user_name: user.email });
    expect(JSON.stringify(scp)).not.toContain(STRONG_PASSWORD);

    await expect(t.control.setPassword({ ticket: email!.ticket })).rejects.toMatchObject({ status: 400 });
  });

  it('finds the newest ticket by user_id, refuses a weak password and a user without a ticket', async () => {
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    await expect(t.control.setPassword({ user_id: user.user_id })).rejects.toMatchObject({ status: 400 });
    await authClient().database.changePassword({ email: user.email, connection: CONNECTION });
    await expect(t.control.setPassword({ user_id: user.user_id, password: 'password' })).rejects.toMatchObject({ status: 400 });
    expect((await t.control.setPassword({ user_id: user.user_id })).email_verified).toBe(true);
  });
});

describe('credential controls', () => {
  it('a rotated secret refuses new tokens (401 access_denied) until it is set back; issued tokens keep working', async () => {
    const token = await managementToken(t.emulator);
    const { client_secret: rotated } = await t.control.rotateClientSecret(t.emulator.clientId);
    expect(rotated).not.toBe(t.emulator.clientSecret);
    await expect(managementToken(t.emulator)).rejects.toThrow(/401/);
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token })).status).toBe(200);

    await t.control.rotateClientSecret(t.emulator.clientId, t.emulator.clientSecret);
    await expect(managementToken(t.emulator)).resolves.toEqual(expect.any(String));
    await expect(t.control.rotateClientSecret('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('invalidated tokens answer 401 and a fresh token works', async () => {
    const token = await managementToken(t.emulator);
    expect(await t.control.invalidateTokens()).toEqual({ invalidated: expect.any(Number) });
    const refused = await api(t.emulator, 'GET', '/api/v2/roles', { token });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('Invalid signature received for JSON Web Token validation');
    expect((await api(t.emulator, 'GET', '/api/v2/roles', { token: await managementToken(t.emulator) })).status).toBe(200);
  });
});
