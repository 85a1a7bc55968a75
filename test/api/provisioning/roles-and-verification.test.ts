// assignRole, resendVerification, the log-stream webhook and the email_verified check, over HTTP
// against PostgreSQL and the emulator, in verify mode (ONBOARDING_EMAIL=verify: Auth0's verification
// email only). Invite mode: onboarding-invitation.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AssignRoleDocument, CreateEmployeeIdempotentDocument, ResendVerificationDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { checkVerifiedEmails } from '../../../src/services/verification.service.ts';

const LOG_STREAM_SECRET = 'log-stream-secret-for-tests';

describe('assignRole, resendVerification and VERIFIED (verify mode)', () => {
  let gateway: TestGateway;
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      provisioning: { waitMs: 1000, verificationCooldownSeconds: 60 },
      logStreamAuthorization: LOG_STREAM_SECRET,
      onboardingEmail: 'verify',
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

  async function createdEmployee(prefix: string, role?: 'ADMIN' | 'TEAM_LEAD') {
    const result = expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateEmployeeIdempotentDocument,
        variables: { input: { name: 'Role Person', email: uniqueEmail(prefix), department: 'Picking', ...(role ? { role } : {}) } },
      }),
    ).createEmployee;
    if (result.__typename !== 'CreateEmployeePayload' || result.employee.auth0SyncStatus === 'FAILED') {
      throw new Error(`expected a CREATED employee, got ${JSON.stringify(result)}`);
    }
    if (result.employee.auth0SyncStatus === 'CREATED') return result.employee;
    // Under a loaded test run the bounded inline attempt can answer PENDING; the queue then finishes it.
    const email = result.employee.email;
    await expect
      .poll(async () => (await gateway.prisma.employee.findUnique({ where: { email } }))?.auth0SyncStatus, { timeout: 15_000, interval: 100 })
      .toBe('CREATED');
    const row = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    return { ...result.employee, auth0SyncStatus: 'CREATED' as const, auth0UserId: row.auth0UserId };
  }

  const rolesInAuth0 = async (userId: string) => (await gateway.control.users()).find((user) => user.user_id === userId)?.roles;

  it('changes the role locally and in Auth0, idempotently, within the escalation rules', async () => {
    const employee = await createdEmployee('promote');
    const assign = (role: 'TEAM_LEAD' | 'MANAGER' | 'ADMIN' | 'PRODUCTION_ASSOCIATE', as: 'manager' | 'admin') =>
      gateway.execute({ document: AssignRoleDocument, variables: { employeeId: employee.id, role }, as }).then((r) => expectNoGraphQLErrors(r).assignRole);

    expect(await assign('TEAM_LEAD', 'manager')).toMatchObject({
      __typename: 'AssignRolePayload',
      employee: { role: 'TEAM_LEAD', auth0Role: 'TEAM_LEAD' },
    });
    expect(await rolesInAuth0(employee.auth0UserId!)).toEqual(['team_lead']);
    expect(await assign('TEAM_LEAD', 'manager')).toMatchObject({ employee: { role: 'TEAM_LEAD', auth0Role: 'TEAM_LEAD' } });
    const changes = await gateway.prisma.auditEvent.findMany({ where: { employee: { email: employee.email }, action: 'EMPLOYEE_ROLE_CHANGED' } });
    expect(changes.map((event) => [event.actor, event.detail])).toEqual([['auth0|test-manager', 'production_associate -> team_lead']]);

    expect(await assign('MANAGER', 'manager')).toMatchObject({ __typename: 'RoleNotGrantableError', code: 'ROLE_NOT_GRANTABLE', role: 'MANAGER' });
    expect(await assign('ADMIN', 'admin')).toMatchObject({ employee: { role: 'ADMIN', auth0Role: 'ADMIN' } });
    expect(await rolesInAuth0(employee.auth0UserId!)).toEqual(['admin']);
    // A manager cannot demote an admin: the admin is out of their reach.
    expect(await assign('PRODUCTION_ASSOCIATE', 'manager')).toMatchObject({ __typename: 'EmployeeOutOfReachError' });
    const teamLead = await gateway.execute({ document: AssignRoleDocument, variables: { employeeId: employee.id, role: 'TEAM_LEAD' }, as: 'team_lead' });
    expect(teamLead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('queues the Auth0 side of a role change while Auth0 is down and finishes it later', { timeout: 30_000 }, async () => {
    const employee = await createdEmployee('queued-role');
    await gateway.control.configure({ outages: [{ routes: ['DELETE /api/v2/users/:id/roles', 'POST /api/v2/users/:id/roles'], status: 503 }] });
    const started = performance.now();
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: AssignRoleDocument, variables: { employeeId: employee.id, role: 'TEAM_LEAD' } }),
    ).assignRole;
    expect(performance.now() - started).toBeLessThan(1800);
    expect(result).toMatchObject({ employee: { role: 'TEAM_LEAD', auth0Role: 'PRODUCTION_ASSOCIATE' } });
    await gateway.control.configure({ outages: [] });
    await expect.poll(() => rolesInAuth0(employee.auth0UserId!), { timeout: 20_000, interval: 250 }).toEqual(['team_lead']);
    await expect
      .poll(async () => (await gateway.prisma.employee.findFirstOrThrow({ where: { email: employee.email } })).auth0Role, { timeout: 10_000 })
      .toBe('TEAM_LEAD');
  });

  it('creation sends Auth0\'s verification email and no invitation (verify mode)', async () => {
    const employee = await createdEmployee('verify-mode');
    await expect
      .poll(async () => (await gateway.control.emails()).filter((mail) => mail.user_id === employee.auth0UserId).map((mail) => [mail.type, mail.reason]))
      .toEqual([['verification_email', 'signup']]);
    expect((await gateway.control.requests()).counts['POST /dbconnections/change_password']).toBeUndefined();
  });

  it('resends the verification email with a cooldown, and refuses employees without an Auth0 user', async () => {
    const employee = await createdEmployee('resend');
    const resend = (employeeId: string) =>
      gateway.execute({ document: ResendVerificationDocument, variables: { employeeId }, as: 'manager' }).then((r) => expectNoGraphQLErrors(r).resendVerification);
    const before = (await gateway.control.emails()).filter((mail) => mail.user_id === employee.auth0UserId).length;
    expect(await resend(employee.id)).toMatchObject({ __typename: 'ResendVerificationPayload' });
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.user_id === employee.auth0UserId).length).toBe(before + 1);

    const cooling = await resend(employee.id);
    expect(cooling.__typename).toBe('VerificationCooldownError');
    if (cooling.__typename !== 'VerificationCooldownError') return;
    expect(cooling.retryAfterSeconds).toBeGreaterThan(50);
    expect(new Date(cooling.retryAfter).getTime()).toBeGreaterThan(Date.now());
    expect((await gateway.control.emails()).filter((mail) => mail.user_id === employee.auth0UserId)).toHaveLength(before + 1);
    const sends = await gateway.prisma.auditEvent.findMany({ where: { employeeId: (await gateway.prisma.employee.findFirstOrThrow({ where: { email: employee.email } })).id, action: 'AUTH0_SEND_VERIFICATION_EMAIL' } });
    expect(sends.map((event) => [event.actor, event.outcome, event.httpStatus])).toEqual([['auth0|test-manager', 'SUCCESS', 201]]);

    await gateway.control.configure({ outages: [{ routes: ['POST /api/v2/users'], status: 503 }] });
    const pending = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeIdempotentDocument, variables: { input: { name: 'No Account', email: uniqueEmail('no-account'), department: 'Picking' } } }),
    ).createEmployee;
    if (pending.__typename !== 'CreateEmployeePayload') throw new Error('expected a payload');
    expect(await resend(pending.employee.id)).toMatchObject({ __typename: 'NoAuth0UserYetError', code: 'NO_AUTH0_USER_YET' });
    await gateway.control.configure({ outages: [] });
  });

  it('marks the employee VERIFIED from the log stream (lines), ignores duplicates and unauthorised posts', { timeout: 20_000 }, async () => {
    await gateway.control.configure({ logStream: { url: `${baseUrl}/webhooks/auth0`, authorization: LOG_STREAM_SECRET, format: 'lines' } });
    const employee = await createdEmployee('verified');
    await gateway.control.verify(employee.auth0UserId!);
    const statusOf = async () => (await gateway.prisma.employee.findFirstOrThrow({ where: { email: employee.email } })).auth0SyncStatus;
    await expect.poll(statusOf, { timeout: 10_000, interval: 100 }).toBe('VERIFIED');

    const sv = (await gateway.control.logs()).filter((log) => log.data.type === 'sv' && log.data.user_id === employee.auth0UserId);
    expect(sv).toHaveLength(1);
    const post = (authorization: string, body: string) =>
      fetch(`${baseUrl}/webhooks/auth0`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body });
    const unauthorised = await post('wrong', JSON.stringify(sv));
    expect(unauthorised.status).toBe(401);
    const duplicate = await post(LOG_STREAM_SECRET, JSON.stringify({ logs: sv }));
    expect(await duplicate.json()).toEqual({ received: 1, verified: 0, invitationsFailed: 0, duplicates: 1, stale: 0 });
    const verifiedEvents = await gateway.prisma.auditEvent.count({
      where: { employee: { email: employee.email }, action: 'SYNC_STATUS_CHANGED', detail: 'VERIFIED' },
    });
    expect(verifiedEvents).toBe(1);

    const resend = expectNoGraphQLErrors(
      await gateway.execute({ document: ResendVerificationDocument, variables: { employeeId: employee.id } }),
    ).resendVerification;
    expect(resend).toMatchObject({ __typename: 'AlreadyVerifiedError', code: 'ALREADY_VERIFIED' });
  });

  it('finds a verification the log stream missed by reading email_verified', { timeout: 30_000 }, async () => {
    const employee = await createdEmployee('missed-event');
    await gateway.control.verify(employee.auth0UserId!);
    const id = (await gateway.prisma.employee.findFirstOrThrow({ where: { email: employee.email } })).id;
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus).toBe('CREATED');
    // The check reads the eventually consistent user search: a verification shows there within the index lag.
    await expect
      .poll(
        async () => {
          await checkVerifiedEmails(gateway.provisioning.deps, { id: 'system', correlationId: 'test' }, 5000);
          return (await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus;
        },
        { timeout: 10_000, interval: 300 },
      )
      .toBe('VERIFIED');
  });
});
