// Invite mode (ONBOARDING_EMAIL=invite, the default): Auth0 emails the new employee a link to set their
// first password (POST /dbconnections/change_password through @auth0/auth0-auth-js), nobody else sees
// it, and setting the password makes the employee VERIFIED. Over HTTP against PostgreSQL and the emulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateEmployeeIdempotentDocument, ResendVerificationDocument, UpdateEmployeeDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { checkVerifiedEmails } from '../../../src/services/verification.service.ts';

const LOG_STREAM_SECRET = 'log-stream-secret-for-invitation-tests';
const CHANGE_PASSWORD = 'POST /dbconnections/change_password';

describe('invite mode: the first password without anyone else seeing a link', () => {
  let gateway: TestGateway;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      provisioning: { waitMs: 1500, verificationCooldownSeconds: 0 },
      logStreamAuthorization: LOG_STREAM_SECRET,
      retry: { limit: 5, delaySeconds: 1, delayMaxSeconds: 2 },
    });
    server = createServer(gateway.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
  });

  async function create(prefix: string) {
    const email = uniqueEmail(prefix);
    const response = await gateway.execute({
      document: CreateEmployeeIdempotentDocument,
      variables: { input: { name: 'Invited Person', email, department: 'Picking' } },
      as: 'manager',
    });
    const result = expectNoGraphQLErrors(response).createEmployee;
    if (result.__typename !== 'CreateEmployeePayload') throw new Error(`expected a payload, got ${JSON.stringify(result)}`);
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus, { timeout: 15_000 }).toBe('CREATED');
    const row = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    return { response, row, id: result.employee.id };
  }

  const emailsTo = async (address: string) => (await gateway.control.emails()).filter((mail) => mail.to === address);
  const statusOf = async (id: string) => (await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus;
  /** The status after a pass of the email_verified check (which reads the user search: a change shows there within the index lag). */
  const checkedStatusOf = async (id: string) => {
    await checkVerifiedEmails(gateway.provisioning.deps, { id: 'system', correlationId: 'test' }, 5000);
    return statusOf(id);
  };
  const resend = async (employeeId: string) =>
    expectNoGraphQLErrors(await gateway.execute({ document: ResendVerificationDocument, variables: { employeeId }, as: 'manager' })).resendVerification;
  /** Moves the last onboarding email back in time, as if it had been sent that long ago. */
  const sentSecondsAgo = (id: string, seconds: number) =>
    gateway.prisma.employee.update({ where: { id }, data: { verificationEmailSentAt: new Date(Date.now() - seconds * 1000) } });

  it('creation sends exactly one change_password email to the employee, no verification email, and no link to the manager', async () => {
    const { response, row } = await create('invited');
    await expect.poll(() => emailsTo(row.email), { timeout: 10_000 }).toHaveLength(1);
    const [invitation] = await emailsTo(row.email);
    expect(invitation).toMatchObject({ type: 'change_password', user_id: row.auth0UserId, reason: 'change_password' });
    // Auth0 was asked not to send its own verification email.
    expect((await gateway.control.emails()).filter((mail) => mail.type === 'verification_email')).toEqual([]);
    const user = (await gateway.control.users()).find((candidate) => candidate.user_id === row.auth0UserId);
    expect(user?.email_verified).toBe(false);

    // Nothing the manager got, and nothing audited, carries the link or its ticket.
    const answer = JSON.stringify(response);
    expect(answer).not.toContain(invitation!.ticket);
    expect(answer).not.toMatch(/lo\/reset|ticket/i);
    const audit = await gateway.prisma.auditEvent.findMany({ where: { employeeId: row.id } });
    expect(JSON.stringify(audit)).not.toContain(invitation!.ticket);
    expect(audit.filter((event) => event.action === 'AUTH0_SEND_INVITATION_EMAIL').map((event) => [event.actor, event.outcome, event.httpStatus])).toEqual([
      ['system', 'SUCCESS', 200],
    ]);
    expect((await gateway.control.requests()).counts[CHANGE_PASSWORD]).toBe(1);
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { id: row.id } })).invitationSentAt).not.toBeNull();
  });

  it('setting the password through the emailed link makes the employee VERIFIED through the log stream (scp)', { timeout: 20_000 }, async () => {
    await gateway.control.configure({ logStream: { url: `${baseUrl}/webhooks/auth0`, authorization: LOG_STREAM_SECRET, format: 'array' } });
    const { row, id } = await create('sets-password');
    await expect.poll(() => emailsTo(row.email), { timeout: 10_000 }).toHaveLength(1);
    const [invitation] = await emailsTo(row.email);
    await gateway.control.setPassword({ ticket: invitation!.ticket, password: 'Warehouse-Day1!x' });
    await expect.poll(() => statusOf(row.id), { timeout: 10_000, interval: 100 }).toBe('VERIFIED');
    const scp = (await gateway.control.logs()).filter((log) => log.data.type === 'scp' && log.data.user_id === row.auth0UserId);
    expect(scp).toHaveLength(1);
    expect(await resend(id)).toMatchObject({ __typename: 'AlreadyVerifiedError' });
  });

  it('an email change gets the invitation at the new address before a password is set, the verification email after', { timeout: 30_000 }, async () => {
    // A manager may move an account nobody has used yet; one whose password is set, only an admin (email-change-guard.ts).
    const changeEmail = async (id: string, email: string, as: 'manager' | 'admin' = 'manager') =>
      expect(expectNoGraphQLErrors(await gateway.execute({ document: UpdateEmployeeDocument, variables: { employeeId: id, input: { email } }, as })).updateEmployee.__typename).toBe(
        'UpdateEmployeePayload',
      );
    const invited = await create('change-before-password');
    await expect.poll(() => emailsTo(invited.row.email), { timeout: 10_000 }).toHaveLength(1);
    const firstNew = uniqueEmail('change-before-password.new');
    await changeEmail(invited.id, firstNew);
    await expect.poll(async () => (await emailsTo(firstNew)).map((mail) => mail.type), { timeout: 10_000 }).toEqual(['change_password']);

    const verified = await create('change-after-password');
    await expect.poll(() => emailsTo(verified.row.email), { timeout: 10_000 }).toHaveLength(1);
    await gateway.control.setPassword({ user_id: verified.row.auth0UserId! });
    await expect.poll(() => checkedStatusOf(verified.row.id), { timeout: 10_000, interval: 300 }).toBe('VERIFIED');
    const secondNew = uniqueEmail('change-after-password.new');
    await changeEmail(verified.id, secondNew, 'admin');
    await expect.poll(async () => (await emailsTo(secondNew)).map((mail) => mail.type), { timeout: 10_000 }).toEqual(['verification_email']);
    expect(await statusOf(verified.row.id)).toBe('CREATED');
  });

  it('a password set while the log stream was off is found by the periodic email_verified read', { timeout: 20_000 }, async () => {
    const { row } = await create('missed-scp');
    await expect.poll(() => emailsTo(row.email), { timeout: 10_000 }).toHaveLength(1);
    await gateway.control.setPassword({ user_id: row.auth0UserId! });
    expect(await statusOf(row.id)).toBe('CREATED');
    await expect.poll(() => checkedStatusOf(row.id), { timeout: 10_000, interval: 300 }).toBe('VERIFIED');
  });

  it('resends a new invitation, at most one per minute per address even without a cooldown, and maps Auth0\'s own 429', { timeout: 30_000 }, async () => {
    const { row, id } = await create('resend-invite');
    await expect.poll(() => emailsTo(row.email), { timeout: 10_000 }).toHaveLength(1);

    // Right after the first invitation: Auth0's per-minute limit, enforced by the gateway (no Auth0 call).
    const tooSoon = await resend(id);
    expect(tooSoon.__typename).toBe('VerificationCooldownError');
    if (tooSoon.__typename !== 'VerificationCooldownError') return;
    expect(tooSoon.retryAfterSeconds).toBeGreaterThan(50);
    expect(tooSoon.retryAfterSeconds).toBeLessThanOrEqual(60);

    await sentSecondsAgo(row.id, 61);
    expect(await resend(id)).toMatchObject({ __typename: 'ResendVerificationPayload' });
    expect((await emailsTo(row.email)).map((mail) => mail.type)).toEqual(['change_password', 'change_password']);
    expect(await resend(id)).toMatchObject({ __typename: 'VerificationCooldownError' });

    // Auth0 refuses (its per-address bucket is empty here): the same typed answer, with Auth0's wait; nothing sent.
    await gateway.control.configure({ changePasswordBurst: 1 });
    const other = await create('auth0-limit');
    await expect.poll(() => emailsTo(other.row.email), { timeout: 10_000 }).toHaveLength(1);
    await sentSecondsAgo(other.row.id, 61);
    const limited = await resend(other.id);
    expect(limited.__typename).toBe('VerificationCooldownError');
    if (limited.__typename === 'VerificationCooldownError') expect(limited.retryAfterSeconds).toBeGreaterThan(0);
    expect(await emailsTo(other.row.email)).toHaveLength(1);
    const refused = await gateway.prisma.auditEvent.findMany({ where: { employeeId: other.row.id, action: 'AUTH0_SEND_INVITATION_EMAIL', outcome: 'FAILURE' } });
    expect(refused.map((event) => event.httpStatus)).toEqual([429]);
  });

  it('a change_password failing transiently is retried by the queue and the invitation is sent once', { timeout: 40_000 }, async () => {
    await gateway.control.configure({ errorRate: { rate: 1, status: 503, routes: [CHANGE_PASSWORD] } });
    const { row } = await create('flaky-invite');
    await expect
      .poll(async () => gateway.prisma.auditEvent.count({ where: { employeeId: row.id, action: 'AUTH0_SEND_INVITATION_EMAIL', outcome: 'FAILURE' } }), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await emailsTo(row.email)).toEqual([]);
    await gateway.control.configure({ errorRate: null });
    await expect.poll(() => emailsTo(row.email), { timeout: 20_000, interval: 200 }).toHaveLength(1);
    // Once sent, the job is done: no second email, even after further worker polls.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await emailsTo(row.email)).toHaveLength(1);
    const sends = await gateway.prisma.auditEvent.findMany({ where: { employeeId: row.id, action: 'AUTH0_SEND_INVITATION_EMAIL' }, orderBy: { occurredAt: 'asc' } });
    expect(sends.at(-1)).toMatchObject({ outcome: 'SUCCESS', httpStatus: 200 });
    expect(sends.filter((event) => event.outcome === 'SUCCESS')).toHaveLength(1);
    expect(sends.filter((event) => event.outcome === 'FAILURE').every((event) => event.httpStatus === 503)).toBe(true);
  });
});
