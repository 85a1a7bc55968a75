// Verification-email jobs, tickets, the verification click and the tenant log stream
// (https://auth0.com/docs/manage-users/user-accounts/resend-verification-emails, https://auth0.com/docs/customize/log-streams/custom-log-streams).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { api, createUser, sdk, sleep, useTestEmulator } from './helpers.ts';

const t = useTestEmulator();

describe('POST /api/v2/jobs/verification-email', () => {
  it('answers 201 with a pending job, puts the email in the outbox, logs svr and completes the job', async () => {
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    expect(await t.control.emails()).toEqual([]);

    const job = await client.jobs.verificationEmail.create({ user_id: user.user_id });
    expect(job).toEqual({ type: 'verification_email', status: 'pending', created_at: expect.any(String), id: expect.stringMatching(/^job_[A-Za-z0-9]{16}$/) });
    const emails = await t.control.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: user.email, user_id: user.user_id, reason: 'job' });

    expect((await client.jobs.get(job.id!)).status).toBe('completed');
    const types = (await t.control.logs()).map((log) => log.data.type);
    expect(types).toContain('svr');
  });

  it('answers 404 for an unknown user, client or job and 400 without user_id', async () => {
    const unknownUser = await api(t.emulator, 'POST', '/api/v2/jobs/verification-email', { token: t.token, json: { user_id: 'auth0|nobody' } });
    expect(unknownUser.body.errorCode).toBe('inexistent_user');
    const user = await createUser(t.emulator, t.token);
    const unknownClient = await api(t.emulator, 'POST', '/api/v2/jobs/verification-email', { token: t.token, json: { user_id: user.user_id, client_id: 'nope' } });
    expect(unknownClient.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Client not found.', errorCode: 'inexistent_client' });
    const noUser = await api(t.emulator, 'POST', '/api/v2/jobs/verification-email', { token: t.token, json: {} });
    expect(noUser.status).toBe(400);
    const unknownJob = await api(t.emulator, 'GET', '/api/v2/jobs/job_0000000000000000', { token: t.token });
    expect(unknownJob.status).toBe(404);
    const malformedJob = await api(t.emulator, 'GET', '/api/v2/jobs/nope', { token: t.token });
    expect(malformedJob.status).toBe(400);
  });
});

describe('tickets', () => {
  it('returns ticket URLs in Auth0\'s form and sends nothing', async () => {
    const client = sdk(t.emulator);
    const user = await createUser(t.emulator, t.token, { verify_email: false });
    const verification = await client.tickets.verifyEmail({ user_id: user.user_id });
    expect(verification.ticket).toMatch(new RegExp(`^https://${t.emulator.domain.replace('.', '\\.')}/u/email-verification\\?ticket=[A-Za-z0-9]{32}#$`));
    const reset = await client.tickets.changePassword({ user_id: user.user_id, mark_email_as_verified: true });
    expect(reset.ticket).toMatch(/\/lo\/reset\?ticket=[A-Za-z0-9]{32}#$/);
    const seeds = await t.control.seeds();
    const byEmail = await client.tickets.changePassword({ connection_id: seeds.connection.id, email: user.email });
    expect(byEmail.ticket).toMatch(/\/lo\/reset\?ticket=/);
    expect(await t.control.emails()).toEqual([]);

    const both = await api(t.emulator, 'POST', '/api/v2/tickets/password-change', { token: t.token, json: { user_id: user.user_id, connection_id: seeds.connection.id } });
    expect(both.status).toBe(400);
    const missing = await api(t.emulator, 'POST', '/api/v2/tickets/email-verification', { token: t.token, json: { user_id: 'auth0|nobody' } });
    expect(missing.status).toBe(404);
  });
});

describe('email verification and the log stream', () => {
  it('marks the user verified on /__emulator/verify and on following the emailed link, logging sv', async () => {
    const first = await createUser(t.emulator, t.token);
    const verified = await t.control.verify(first.user_id);
    expect(verified.email_verified).toBe(true);
    expect((await sdk(t.emulator).users.get(first.user_id)).email_verified).toBe(true);

    const second = await createUser(t.emulator, t.token);
    const email = (await t.control.emails()).find((candidate) => candidate.user_id === second.user_id)!;
    const page = await fetch(email.link);
    expect(page.status).toBe(200);
    expect((await t.control.users()).find((user) => user.user_id === second.user_id)?.email_verified).toBe(true);
    const again = await fetch(email.link);
    expect(again.status).toBe(400);

    const sv = (await t.control.logs()).filter((log) => log.data.type === 'sv');
    expect(sv.map((log) => log.data.user_id)).toEqual([first.user_id, second.user_id]);
    expect(sv[0]?.data).toMatchObject({ description: 'Your email was verified. You can continue using the application.', user_name: first.email, strategy: 'auth0' });

    const unknown = await api(t.emulator, 'POST', '/__emulator/verify', { json: { user_id: 'auth0|nobody' } });
    expect(unknown.status).toBe(404);
  });

  it('delivers ss, sapi, svr and sv events to the configured webhook with the raw Authorization header', async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string; accepted: boolean }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        // The first delivery fails: at-least-once means the same events come again.
        const accepted = received.length > 0;
        received.push({ headers: req.headers, body, accepted });
        res.writeHead(accepted ? 200 : 500).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/auth0-logs`;
      await t.control.configure({ logStream: { url, authorization: 'stream-secret', format: 'lines' } });
      const user = await createUser(t.emulator, t.token, { verify_email: false });
      await sdk(t.emulator).jobs.verificationEmail.create({ user_id: user.user_id });
      await t.control.verify(user.user_id);

      const events = () =>
        received
          .filter((delivery) => delivery.accepted)
          .flatMap((delivery) => delivery.body.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { log_id: string; data: Record<string, unknown> }));
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline && !['ss', 'sapi', 'svr', 'sv'].every((type) => events().some((event) => event.data.type === type))) {
        await sleep(50);
      }
      expect(received.length).toBeGreaterThanOrEqual(2);
      expect(received.every((delivery) => delivery.headers.authorization === 'stream-secret')).toBe(true);
      const types = new Set(events().map((event) => event.data.type));
      expect([...types].sort()).toEqual(['sapi', 'ss', 'sv', 'svr']);
      const ss = events().find((event) => event.data.type === 'ss')!;
      expect(ss.log_id).toEqual(ss.data.log_id);
      expect(ss.data).toMatchObject({ user_id: user.user_id, connection: 'Username-Password-Authentication' });
      expect(JSON.stringify(events())).not.toContain('Tr0ub4dor');
      const sapi = events().find((event) => event.data.type === 'sapi')!;
      expect(sapi.data).toMatchObject({ details: { request: { method: 'post', path: '/api/v2/users' }, response: { statusCode: 201 } } });
    } finally {
      await t.control.configure({ logStream: null });
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
