// Employee.invitationStatus: an invitation Auth0 refuses (the application not enabled on the database
// connection), one Auth0 keeps failing, and one the log stream reports as failed (fcpr, fn) shows FAILED
// with its reason on the employee, in GraphQL, in the audit trail and in /metrics; resendVerification
// clears it; using it makes it ACCEPTED. Over HTTP against PostgreSQL and the emulator.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CreateEmployeeIdempotentDocument, EmployeeInvitationDocument, ResendVerificationDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { parsePrometheusText, sumOf } from '../../helpers/prometheus-text.ts';

const LOG_STREAM_SECRET = 'log-stream-secret-for-invitation-status';

describe('invitationStatus', () => {
  let gateway: TestGateway;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      provisioning: { waitMs: 1500, verificationCooldownSeconds: 0 },
      logStreamAuthorization: LOG_STREAM_SECRET,
      retry: { limit: 1, delaySeconds: 1, delayMaxSeconds: 1 },
      maxRetries: 0,
    });
    server = createServer(gateway.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
    await gateway.control.configure({ logStream: { url: `${baseUrl}/webhooks/auth0`, authorization: LOG_STREAM_SECRET, format: 'array' } });
  });

  async function create(prefix: string) {
    const email = uniqueEmail(prefix);
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeIdempotentDocument, variables: { input: { name: 'Invited Person', email, department: 'Picking' } }, as: 'manager' }),
    ).createEmployee;
    if (result.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(result));
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus, { timeout: 15_000 }).toBe('CREATED');
    return { id: result.employee.id, email, row: await gateway.prisma.employee.findUniqueOrThrow({ where: { email } }) };
  }
  const invitation = async (id: string) => {
    const employee = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeInvitationDocument, variables: { id }, as: 'manager' })).employee;
    return { status: employee?.invitationStatus ?? null, reason: employee?.invitationFailureReason ?? null };
  };
  const resend = async (employeeId: string) =>
    expectNoGraphQLErrors(await gateway.execute({ document: ResendVerificationDocument, variables: { employeeId }, as: 'manager' })).resendVerification;
  const failedInvitations = async () => sumOf(parsePrometheusText(await (await gateway.app.fetch('http://gateway.test/metrics')).text()), 'provisioning_invitations', { status: 'FAILED' });
  const postLogs = (events: object[]) =>
    gateway.app.fetch('http://gateway.test/webhooks/auth0', { method: 'POST', headers: { authorization: LOG_STREAM_SECRET, 'content-type': 'application/json' }, body: JSON.stringify(events) });

  it('an invitation the emulator refuses (application not enabled on the connection) shows FAILED on the employee and in /metrics; a resend clears it', { timeout: 40_000 }, async () => {
    const failedBefore = await failedInvitations();
    await gateway.control.setConnectionClients([{ client_id: gateway.emulator.clientId, status: false }]);
    const { id, row } = await create('refused');
    await expect.poll(() => invitation(id), { timeout: 15_000 }).toEqual({ status: 'FAILED', reason: 'AUTH0_REFUSED' });
    expect(await failedInvitations()).toBe(failedBefore + 1);
    const audit = await gateway.prisma.auditEvent.findMany({ where: { employeeId: row.id, action: 'INVITATION_FAILED' } });
    expect(audit.map((event) => [event.outcome, event.detail])).toContainEqual(['FAILURE', 'AUTH0_REFUSED: Auth0 answered 400 to change_password: the connection was disabled']);
    // Auth0 also logged fcpr, which the stream delivers (before or after the answer): Auth0's answer keeps its reason.
    await expect.poll(async () => (await gateway.control.logs()).filter((log) => log.data.type === 'fcpr').length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the stream delivers within a few hundred ms
    expect((await invitation(id)).reason).toBe('AUTH0_REFUSED');

    // Fixed in the Dashboard; the manager resends.
    await gateway.control.setConnectionClients([{ client_id: gateway.emulator.clientId, status: true }]);
    expect(await resend(id)).toMatchObject({ __typename: 'ResendVerificationPayload' });
    expect(await invitation(id)).toEqual({ status: 'SENT', reason: null });
    expect(await failedInvitations()).toBe(failedBefore);
    await gateway.control.setPassword({ user_id: row.auth0UserId! });
    await expect.poll(() => invitation(id), { timeout: 10_000 }).toEqual({ status: 'ACCEPTED', reason: null });
  });

  it('an invitation Auth0 keeps failing is FAILED (AUTH0_UNAVAILABLE) once the queue gives up', { timeout: 40_000 }, async () => {
    await gateway.control.configure({ errorRate: { rate: 1, status: 503, routes: ['POST /dbconnections/change_password'] } });
    const { id } = await create('unavailable');
    expect((await invitation(id)).status).toBe('SCHEDULED');
    await expect.poll(() => invitation(id), { timeout: 20_000 }).toEqual({ status: 'FAILED', reason: 'AUTH0_UNAVAILABLE' });
  });

  it("the log stream's failure events mark a sent invitation FAILED; one dated before the last send changes nothing", { timeout: 40_000 }, async () => {
    const { id, email, row } = await create('reported');
    await expect.poll(() => invitation(id), { timeout: 10_000 }).toEqual({ status: 'SENT', reason: null });

    // fn: the email provider did not send it (found by the address: Auth0 may not name the user).
    const fn = { log_id: `fn-${id}`, data: { type: 'fn', date: new Date().toISOString(), user_name: email, description: 'Failed to send email notification' } };
    expect(await (await postLogs([fn])).json()).toMatchObject({ received: 1, invitationsFailed: 1 });
    expect(await invitation(id)).toEqual({ status: 'FAILED', reason: 'DELIVERY_FAILED' });

    await gateway.prisma.employee.update({ where: { id: row.id }, data: { verificationEmailSentAt: new Date(Date.now() - 61_000) } });
    expect(await resend(id)).toMatchObject({ __typename: 'ResendVerificationPayload' });
    expect(await invitation(id)).toEqual({ status: 'SENT', reason: null });

    // A late event about the email before the resend: the new one is on its way.
    const late = { log_id: `fcpr-late-${id}`, data: { type: 'fcpr', date: new Date(Date.now() - 120_000).toISOString(), user_id: row.auth0UserId } };
    expect(await (await postLogs([late])).json()).toMatchObject({ received: 1, invitationsFailed: 0 });
    expect((await invitation(id)).status).toBe('SENT');

    const fcpr = { log_id: `fcpr-${id}`, data: { type: 'fcpr', date: new Date(Date.now() + 1000).toISOString(), user_id: row.auth0UserId, description: 'the connection was disabled' } };
    expect(await (await postLogs([fcpr, fcpr])).json()).toMatchObject({ received: 2, invitationsFailed: 1, duplicates: 1 });
    expect(await invitation(id)).toEqual({ status: 'FAILED', reason: 'CHANGE_PASSWORD_REQUEST_FAILED' });
  });
});
