import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditEventsDocument,
  CreateEmployeeDocument,
  EmployeeDocument,
  NodeDocument,
  type CreateEmployeeMutation,
} from '../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';

type Result = CreateEmployeeMutation['createEmployee'];

function payload(result: Result) {
  if (result.__typename !== 'CreateEmployeePayload') throw new Error(`expected a payload, got ${JSON.stringify(result)}`);
  return result.employee;
}

describe('createEmployee over HTTP against PostgreSQL and the Auth0 emulator', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(async () => {
    await gateway.control.reset();
  });

  it('stores the employee, creates the Auth0 user with the default role and a verification email, and answers CREATED', async () => {
    const email = uniqueEmail('ana.lopez');
    const response = await gateway.execute({
      document: CreateEmployeeDocument,
      variables: { input: { name: '  Ana López ', email: email.toUpperCase(), department: 'Picking' } },
      headers: { 'x-request-id': 'req-happy-path' },
    });
    expect(response.status).toBe(200);
    const employee = payload(expectNoGraphQLErrors(response).createEmployee);

    expect(employee).toMatchObject({
      name: 'Ana López',
      email,
      department: 'Picking',
      role: 'PRODUCTION_ASSOCIATE',
      authMethod: 'AUTH0',
      active: true,
      auth0SyncStatus: 'CREATED',
      auth0SyncError: null,
    });
    expect(employee.auth0UserId).toMatch(/^auth0\|[0-9a-f]{24}$/);
    expect(employee.auth0AccountCreatedAt).toBeTruthy();

    // The Auth0 side, seen through the emulator's control API (which ignores search lag).
    const users = await gateway.control.users();
    const user = users.find((candidate) => candidate.user_id === employee.auth0UserId);
    expect(user).toBeDefined();
    expect(user!.email).toBe(email);
    expect(user!.name).toBe('Ana López');
    expect(user!.email_verified).toBe(false);
    const dbRow = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    // Metadata Option A, complete.
    expect(user!.app_metadata).toEqual({ employee_id: dbRow.id, created_by: 'productivity_system', department: 'Picking', role_code: 'production_associate' });
    expect(user!.user_metadata).toEqual({ full_name: 'Ana López', department: 'Picking' });

    // One onboarding email (invite mode, the default: the change_password invitation, sent by its job).
    await expect.poll(async () => (await gateway.control.emails()).filter((mail) => mail.to === email).map((mail) => mail.type)).toEqual(['change_password']);

    const roles = await gateway.identityProvider.findUsersByEmail(email);
    expect(roles).toHaveLength(1);
    const entries = JSON.stringify(await gateway.control.requests());
    expect(entries).toContain('/api/v2/users/');
    expect(entries).toContain('/roles');
    // The password nobody sees must not leak through the request log either.
    expect(entries).not.toMatch(/"password"\s*:\s*"[^*]/);
  });

  it('assigns the requested role in Auth0', async () => {
    const email = uniqueEmail('lead');
    const response = await gateway.execute({
      document: CreateEmployeeDocument,
      variables: { input: { name: 'Tom Lead', email, department: 'Shipping', role: 'TEAM_LEAD' } },
    });
    const employee = payload(expectNoGraphQLErrors(response).createEmployee);
    expect(employee.role).toBe('TEAM_LEAD');
    const user = (await gateway.control.users()).find((candidate) => candidate.user_id === employee.auth0UserId);
    expect(user?.roles).toEqual(['team_lead']);
  });

  it('records one audit row per Auth0 call and per state change, with the request id and no secrets', async () => {
    const email = uniqueEmail('audited');
    const created = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Audit Person', email, department: 'Packing' } },
          headers: { 'x-request-id': 'req-audit-1' },
        }),
      ).createEmployee,
    );
    await invitationSent(gateway, email);
    const all = expectNoGraphQLErrors(
      await gateway.execute({ document: AuditEventsDocument, variables: { first: 10, filter: { employeeId: created.id } } }),
    ).auditEvents.edges.map((edge) => edge.node);

    // The invitation is its own queued step, so it lands among the others in no fixed place.
    expect(all.filter((event) => event.action === 'AUTH0_SEND_INVITATION_EMAIL').map((event) => [event.outcome, event.httpStatus])).toEqual([['SUCCESS', 200]]);
    const audit = all.filter((event) => event.action !== 'AUTH0_SEND_INVITATION_EMAIL');
    // Newest first.
    expect(audit.map((event) => [event.action, event.outcome, event.httpStatus])).toEqual([
      ['SYNC_STATUS_CHANGED', 'SUCCESS', null],
      ['AUTH0_ASSIGN_ROLES', 'SUCCESS', 204],
      ['AUTH0_CREATE_USER', 'SUCCESS', 201],
      ['EMPLOYEE_CREATED', 'SUCCESS', null],
    ]);
    // The request's own steps carry its id; the queued invitation carries its job's.
    for (const event of audit) {
      expect(event.correlationId).toBe('req-audit-1');
      expect(event.actor).toBe('auth0|test-admin');
      expect(event.employee?.id).toBe(created.id);
      expect(event.attempt).toBe(1);
    }
    expect(audit[2]!.auth0UserId).toBe(created.auth0UserId);
    expect(audit[2]!.durationMs).toBeGreaterThanOrEqual(0);

    const rows = await gateway.prisma.auditEvent.findMany({ where: { employee: { email } } });
    expect(rows).toHaveLength(5);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(gateway.emulator.clientSecret);
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT
  });

  it('returns InputValidationError listing every problem and writes nothing', async () => {
    const response = await gateway.execute({
      document: CreateEmployeeDocument,
      variables: { input: { name: '   ', email: 'not-an-email', department: '' } },
    });
    const result = expectNoGraphQLErrors(response).createEmployee;
    expect(result.__typename).toBe('InputValidationError');
    if (result.__typename !== 'InputValidationError') return;
    expect(result.code).toBe('INVALID_INPUT');
    const issues = result.issues.map((issue) => [issue.path.at(-1), issue.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['name', 'Name must not be empty'],
        ['email', 'Email must be a valid email address'],
        ['department', 'Department must not be empty'],
      ]),
    );
    expect(await gateway.prisma.employee.count({ where: { email: 'not-an-email' } })).toBe(0);
    expect(await gateway.control.users()).toHaveLength(0);
    const log = JSON.stringify(await gateway.control.requests());
    expect(log).not.toContain('/api/v2/users');
  });

  it('rejects control characters and over-long names', async () => {
    const response = await gateway.execute({
      document: CreateEmployeeDocument,
      variables: { input: { name: `A${'x'.repeat(200)}`, email: uniqueEmail(), department: 'Pick\u0000ing' } },
    });
    const result = expectNoGraphQLErrors(response).createEmployee;
    expect(result.__typename).toBe('InputValidationError');
    if (result.__typename !== 'InputValidationError') return;
    expect(result.issues.map((issue) => issue.message).sort()).toEqual([
      'Department must not contain control characters',
      'Name must be at most 200 characters',
    ]);
  });

  it('returns EmailAlreadyUsedError for an email another employee has, whatever its case, and writes nothing', async () => {
    const email = uniqueEmail('taken');
    payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'First Owner', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    await invitationSent(gateway, email);
    const before = await countsFor(gateway, email);
    const usersBefore = await gateway.control.users();

    const result = expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateEmployeeDocument,
        variables: { input: { name: 'Second Person', email: email.toUpperCase(), department: 'Packing' } },
      }),
    ).createEmployee;
    expect(result).toEqual({
      __typename: 'EmailAlreadyUsedError',
      code: 'EMAIL_ALREADY_USED',
      email,
      message: `Another employee already uses ${email}`,
    });
    expect(await countsFor(gateway, email)).toEqual(before);
    expect(before).toEqual({ employees: 1, audit: 5 });
    expect(await gateway.control.users()).toEqual(usersBefore);
  });

  it('answers PENDING within the bounded wait (and keeps the employee) when Auth0 is down; the queue finishes later', async () => {
    await gateway.control.configure({ outages: [{ routes: ['POST /api/v2/users'], status: 503 }] });
    const email = uniqueEmail('outage');
    const started = performance.now();
    const employee = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Out Age', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    expect(performance.now() - started).toBeLessThan(2_800);
    expect(employee.auth0SyncStatus).toBe('PENDING');
    expect(employee.auth0UserId).toBeNull();
    expect(employee.auth0SyncError).toBeNull();
    await gateway.control.configure({ outages: [] });
    await expect
      .poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).auth0SyncStatus, { timeout: 15_000, interval: 200 })
      .toBe('CREATED');
    const stored = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    const creates = await gateway.prisma.auditEvent.findMany({
      where: { employeeId: stored.id, action: 'AUTH0_CREATE_USER' },
      orderBy: { occurredAt: 'asc' },
    });
    // The SDK's own retries may have reached Auth0 after the outage: either way, exactly one create succeeded.
    expect(creates.filter((event) => event.outcome === 'SUCCESS')).toEqual([
      expect.objectContaining({ httpStatus: 201, auth0UserId: stored.auth0UserId }),
    ]);
    expect((await gateway.control.users()).filter((user) => user.email === email)).toHaveLength(1);
  });

  it('links the user a retried POST already created instead of creating a second one', async () => {
    // The first POST commits in Auth0 but the client sees a 500; the SDK retries and gets 409.
    await gateway.control.configure({ commitThenFail: { mode: 'status', status: 500, count: 1, routes: ['POST /api/v2/users'] } });
    const email = uniqueEmail('retried');
    const employee = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Re Tried', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    expect(employee.auth0SyncStatus).toBe('CREATED');
    const users = (await gateway.control.users()).filter((user) => user.email === email);
    expect(users).toHaveLength(1);
    expect(employee.auth0UserId).toBe(users[0]!.user_id);
    await invitationSent(gateway, email);
    const actions = (
      await gateway.prisma.auditEvent.findMany({
        where: { employee: { email }, action: { not: 'AUTH0_SEND_INVITATION_EMAIL' } },
        orderBy: { occurredAt: 'asc' },
      })
    ).map((event) => `${event.action}:${event.outcome}:${event.httpStatus}`);
    expect(actions).toEqual([
      'EMPLOYEE_CREATED:SUCCESS:null',
      'AUTH0_CREATE_USER:FAILURE:409',
      'AUTH0_FIND_USERS_BY_EMAIL:SUCCESS:200',
      'AUTH0_ASSIGN_ROLES:SUCCESS:204',
      'SYNC_STATUS_CHANGED:SUCCESS:null',
    ]);
  });

  it('marks FAILED with EmailTakenInAuth0 when the Auth0 user with that email is not ours', async () => {
    const email = uniqueEmail('foreign');
    await gateway.identityProvider.createUser({ email, name: 'Someone Else', employeeId: '00000000-0000-0000-0000-000000000001' });
    const employee = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Not Owner', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    expect(employee.auth0SyncStatus).toBe('FAILED');
    expect(employee.auth0UserId).toBeNull();
    expect(employee.auth0SyncError).toMatch(/^EmailTakenInAuth0/);
  });

  it('reads an employee back by employee(id) and node(id); unknown or malformed ids read as null', async () => {
    const email = uniqueEmail('reader');
    const created = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Read Back', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    const read = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeDocument, variables: { id: created.id } }));
    expect(read.employee).toMatchObject({ id: created.id, email, auth0SyncStatus: 'CREATED' });
    expect(read.employee!.auditEvents.edges).toHaveLength(4);

    const node = expectNoGraphQLErrors(await gateway.execute({ document: NodeDocument, variables: { id: created.id } }));
    expect(node.node).toEqual({ __typename: 'Employee', id: created.id, email });

    const missing = Buffer.from('Employee:00000000-0000-0000-0000-000000000000').toString('base64');
    const malformed = Buffer.from('Employee:not-a-uuid').toString('base64');
    for (const id of [missing, malformed]) {
      const response = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeDocument, variables: { id } }));
      expect(response.employee).toBeNull();
    }
  });

  it('pages through auditEvents with stable cursors', async () => {
    const email = uniqueEmail('pager');
    const created = payload(
      expectNoGraphQLErrors(
        await gateway.execute({
          document: CreateEmployeeDocument,
          variables: { input: { name: 'Page Er', email, department: 'Picking' } },
        }),
      ).createEmployee,
    );
    await invitationSent(gateway, email);
    const first = expectNoGraphQLErrors(
      await gateway.execute({ document: AuditEventsDocument, variables: { first: 3, filter: { employeeId: created.id } } }),
    ).auditEvents;
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = expectNoGraphQLErrors(
      await gateway.execute({
        document: AuditEventsDocument,
        variables: { first: 3, after: first.pageInfo.endCursor, filter: { employeeId: created.id } },
      }),
    ).auditEvents;
    // Five rows (creation, Auth0 user, invitation, role, status): three, then the last two, oldest last.
    expect(second.edges).toHaveLength(2);
    expect(second.edges.at(-1)!.node.action).toBe('EMPLOYEE_CREATED');
    expect(new Set([...first.edges, ...second.edges].map((edge) => edge.node.id)).size).toBe(5);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

/** The invitation email goes out as its own queued step: wait for its audit row before counting rows. */
async function invitationSent(gateway: TestGateway, email: string) {
  await expect
    .poll(() => gateway.prisma.auditEvent.count({ where: { employee: { email }, action: 'AUTH0_SEND_INVITATION_EMAIL' } }), { timeout: 10_000, interval: 50 })
    .toBe(1);
}

// Counted per email: other test files write to the same database at the same time.
async function countsFor(gateway: TestGateway, email: string) {
  return {
    employees: await gateway.prisma.employee.count({ where: { email } }),
    audit: await gateway.prisma.auditEvent.count({ where: { employee: { email } } }),
  };
}
