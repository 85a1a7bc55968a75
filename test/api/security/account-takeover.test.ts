// The takeover a security review found, played end to end against the running gateway (workers on,
// invite mode), and the rule that closes its variants: a manager moves a verified admin's account to an
// address they read, waits for the invitation or uses Auth0's public password reset, and sets the
// admin's password. Each step must now fail at the first one, with nothing written, sent or called.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReachResendVerificationDocument, ReachUpdateEmployeeDocument } from '../../generated/graphql.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { globalId, seedEmployee, uniqueDepartment } from '../reads/seed.ts';

describe('account takeover through an email change', () => {
  let gateway: TestGateway;
  const department = uniqueDepartment('Takeover');

  beforeAll(async () => {
    gateway = await startTestGateway({ provisioning: { verificationCooldownSeconds: 0 } });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const emailsTo = async (address: string) => (await gateway.control.emails()).filter((mail) => mail.to === address);
  const auth0User = async (userId: string) => (await gateway.control.users()).find((user) => user.user_id === userId)!;
  const update = (employeeId: string, email: string, as: 'manager' | 'admin') =>
    gateway.execute({ document: ReachUpdateEmployeeDocument, variables: { employeeId: globalId(employeeId), input: { email } }, as });

  /** An employee with an Auth0 account who set their password through the invitation (verified). */
  async function verifiedEmployee(role: 'ADMIN' | 'PRODUCTION_ASSOCIATE') {
    const { employee } = await seedEmployee(gateway, { department, role, auth0: true, status: 'CREATED' });
    await gateway.control.verify(employee.auth0UserId!);
    return gateway.prisma.employee.update({ where: { id: employee.id }, data: { auth0SyncStatus: 'VERIFIED' } });
  }

  it("fails at its first step: a manager can neither move an admin's account nor have anything sent to a new address", { timeout: 30_000 }, async () => {
    const admin = await verifiedEmployee('ADMIN');
    const attacker = uniqueEmail('attacker');
    const requestsBefore = (await gateway.control.requests()).total;

    // Step 1: the email change.
    const changed = await update(admin.id, attacker, 'manager');
    expect(changed.data?.updateEmployee).toEqual({ __typename: 'EmployeeOutOfReachError', code: 'EMPLOYEE_OUT_OF_REACH' });
    // Step 2: a resent invitation (after the cooldown).
    const resent = await gateway.execute({ document: ReachResendVerificationDocument, variables: { employeeId: globalId(admin.id) }, as: 'manager' });
    expect(resent.data?.resendVerification).toEqual({ __typename: 'EmployeeOutOfReachError', code: 'EMPLOYEE_OUT_OF_REACH' });
    // Step 3: Auth0's public password reset, for the attacker's address: no account has it.
    const reset = await fetch(`${gateway.emulator.url}/dbconnections/change_password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: gateway.emulator.clientId, connection: 'Username-Password-Authentication', email: attacker }),
    });
    expect(reset.status).toBe(200);

    // Whatever the queue would have done has had time to happen.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await emailsTo(attacker)).toEqual([]);
    expect(await gateway.prisma.employee.findUniqueOrThrow({ where: { id: admin.id } })).toEqual(admin);
    const user = await auth0User(admin.auth0UserId!);
    expect({ email: user.email, verified: user.email_verified, roles: user.roles }).toEqual({ email: admin.email, verified: true, roles: ['admin'] });
    // The gateway made no Management API call for the attempts (only the public reset, and the caller
    // token's key set, reached the emulator).
    const log = await gateway.control.requests();
    const calls = log.requests.slice(log.requests.length - (log.total - requestsBefore)).map((request) => request.route);
    expect(calls.filter((route) => route !== 'GET /.well-known/jwks.json')).toEqual(['POST /dbconnections/change_password']);
    const refusals = await gateway.prisma.auditEvent.findMany({ where: { employeeId: admin.id, action: 'ACCESS_REFUSED' }, orderBy: { occurredAt: 'asc' } });
    expect(refusals.map((event) => [event.actor, event.outcome, event.detail?.split(':')[0]])).toEqual([
      ['auth0|test-manager', 'FAILURE', 'updateEmployee'],
      ['auth0|test-manager', 'FAILURE', 'resendVerification'],
    ]);
  });

  it("refuses a manager's email change of an account in use, and lets an admin make it", { timeout: 30_000 }, async () => {
    const associate = await verifiedEmployee('PRODUCTION_ASSOCIATE');
    const elsewhere = uniqueEmail('elsewhere');
    const refused = await update(associate.id, elsewhere, 'manager');
    expect(refused.data?.updateEmployee).toEqual({ __typename: 'EmailChangeNotAllowedError', code: 'EMAIL_CHANGE_NOT_ALLOWED' });
    expect(await gateway.prisma.employee.findUniqueOrThrow({ where: { id: associate.id } })).toEqual(associate);
    expect(await emailsTo(elsewhere)).toEqual([]);
    expect(await gateway.prisma.auditEvent.count({ where: { employeeId: associate.id, action: 'ACCESS_REFUSED' } })).toBe(1);

    // A manager may still move the same associate's department, and an admin may move the address.
    const moved = await gateway.execute({
      document: ReachUpdateEmployeeDocument,
      variables: { employeeId: globalId(associate.id), input: { department: `${department} B` } },
      as: 'manager',
    });
    expect(moved.data?.updateEmployee).toEqual({ __typename: 'UpdateEmployeePayload' });
    expect((await update(associate.id, elsewhere, 'admin')).data?.updateEmployee).toEqual({ __typename: 'UpdateEmployeePayload' });
    await expect.poll(async () => (await auth0User(associate.auth0UserId!)).email, { timeout: 15_000 }).toBe(elsewhere);
  });

  it("lets a manager correct the address of an account nobody has used yet, and Auth0 gets it", { timeout: 30_000 }, async () => {
    const { employee } = await seedEmployee(gateway, { department, auth0: true, status: 'CREATED' });
    const corrected = uniqueEmail('corrected');
    expect((await update(employee.id, corrected, 'manager')).data?.updateEmployee).toEqual({ __typename: 'UpdateEmployeePayload' });
    await expect.poll(async () => (await auth0User(employee.auth0UserId!)).email, { timeout: 15_000 }).toBe(corrected);
  });
});
