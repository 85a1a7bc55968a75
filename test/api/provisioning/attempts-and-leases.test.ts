// Failed attempts are loud and numbered: each is logged (warn while it will be retried) with the
// employee id, the attempt and the reason, and its audit row carries the queue's real attempt number.
// A live attempt renews its lease, so a short lease never lets a second process in during a slow call.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument } from '../../generated/graphql.ts';
import { provisionEmployee } from '../../../src/services/provisioning/provisioning-attempt.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

type LogLine = { level: number; msg: string; employeeId?: string; attempt?: number; reason?: string };

function logInto(lines: LogLine[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
}

describe('provisioning attempts', () => {
  let gateway: TestGateway;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway({ maxRetries: 0, retry: { delaySeconds: 1, delayMaxSeconds: 1 }, logDestination: logInto(lines), logLevel: 'info' });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const create = async (name: string) => {
    const data = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name, email: uniqueEmail('attempts'), department: 'Attempts' } } }),
    );
    if (data.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(data.createEmployee.__typename);
    return gateway.prisma.employee.findUniqueOrThrow({ where: { email: data.createEmployee.employee.email } });
  };

  it('numbers each retry in the audit trail and logs each failed attempt with employee, attempt and reason', { timeout: 40_000 }, async () => {
    // Auth0 fails creates for a few seconds: createEmployee's attempt and the job's first runs fail.
    await gateway.control.configure({ outages: [{ status: 503, routes: ['POST /api/v2/users'], untilEpochMs: Date.now() + 6_000 }] });
    const employee = await create('Attempt Numbers');
    expect(employee.auth0SyncStatus).toBe('PENDING');
    await expect
      .poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { id: employee.id } })).auth0SyncStatus, { timeout: 30_000, interval: 250 })
      .toBe('CREATED');

    const creates = await gateway.prisma.auditEvent.findMany({
      where: { employeeId: employee.id, action: 'AUTH0_CREATE_USER', correlationId: { startsWith: 'job:' } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(creates.length).toBeGreaterThanOrEqual(2);
    // createEmployee's own attempt was the first: the job's runs are 2, 3, ...
    expect(creates.map((row) => row.attempt)).toEqual(creates.map((_, i) => i + 2));
    expect(creates.at(-1)).toMatchObject({ outcome: 'SUCCESS', attempt: creates.length + 1 });

    const warnings = lines.filter((line) => line.employeeId === employee.id && line.level === 40);
    expect(warnings.map((line) => line.attempt)).toEqual(warnings.map((_, i) => i + 1)); // createEmployee's own attempt and each failed job run, once each
    expect(warnings.length).toBe(creates.length);
    expect(warnings.at(-1)).toMatchObject({
      msg: 'provisioning attempt failed, will retry: Auth0 answered 503: Service Unavailable',
      attempt: creates.length,
      reason: 'Auth0 answered 503: Service Unavailable',
    });
  });

  it('logs each attempt of a provisioning that fails for good once, numbered from createEmployee\'s own', { timeout: 40_000 }, async () => {
    const few = await startTestGateway({ emulator: gateway.emulator, maxRetries: 0, retry: { limit: 1, delaySeconds: 1, delayMaxSeconds: 1 }, logDestination: logInto(lines), logLevel: 'info' });
    try {
      await few.control.configure({ outages: [{ status: 503, routes: ['POST /api/v2/users'], untilEpochMs: Date.now() + 60_000 }] });
      const data = expectNoGraphQLErrors(
        await few.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Never Made', email: uniqueEmail('never'), department: 'Attempts' } } }),
      );
      if (data.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(data.createEmployee.__typename);
      const { id } = await few.prisma.employee.findUniqueOrThrow({ where: { email: data.createEmployee.employee.email } });
      await expect.poll(async () => (await few.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus, { timeout: 30_000, interval: 250 }).toBe('FAILED');
      // createEmployee's attempt, the job's first run and its one retry: three attempts, three lines.
      const logged = lines.filter((line) => line.employeeId === id && line.attempt !== undefined).map(({ level, attempt }) => ({ level, attempt }));
      expect(logged).toEqual([
        { level: 40, attempt: 1 },
        { level: 40, attempt: 2 },
        { level: 50, attempt: 3 },
      ]);
      expect((await few.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncError).toContain('gave up after 3 attempts');
    } finally {
      await few.control.configure({ outages: [] });
      await few.close();
    }
  });

  it('logs an error when an attempt fails for good', async () => {
    // Someone else's Auth0 user already holds the email: 409, not ours, EmailTakenInAuth0 (final).
    const email = uniqueEmail('taken');
    await gateway.identityProvider.createUser({ email, name: 'Pre Existing', employeeId: '00000000-0000-0000-0000-00000000abcd' });
    const data = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Taken Email', email, department: 'Attempts' } } }),
    );
    if (data.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(data.createEmployee.__typename);
    expect(data.createEmployee.employee.auth0SyncStatus).toBe('FAILED');
    const { id } = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    const errors = lines.filter((line) => line.employeeId === id && line.level === 50);
    expect(errors).toEqual([
      expect.objectContaining({
        msg: `provisioning failed for good: EmailTakenInAuth0: an Auth0 user with ${email} exists and does not belong to this employee`,
        attempt: 1,
      }),
    ]);
  });

  it('renews the lease of a live slow attempt, so another process never works on the employee meanwhile', { timeout: 30_000 }, async () => {
    const slow = await startTestGateway({ emulator: gateway.emulator, workers: false, provisioning: { leaseMs: 1_000, waitMs: 500 } });
    try {
      await slow.control.configure({ latency: { fixedMs: 3_000, jitterMs: 0, routes: ['POST /api/v2/users'] } });
      const data = expectNoGraphQLErrors(
        await slow.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Slow Call', email: uniqueEmail('slow'), department: 'Attempts' } } }),
      );
      if (data.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(data.createEmployee.__typename);
      const { id } = await slow.prisma.employee.findUniqueOrThrow({ where: { email: data.createEmployee.employee.email } });
      // 2 s into the 3 s call, twice the 1 s lease: a second process is still kept out.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const second = await provisionEmployee({ ...slow.provisioning.deps, instanceId: 'second-process' }, { id: 'system', correlationId: 'test' }, id);
      expect(second).toEqual({ kind: 'busy' });
      await expect.poll(async () => (await slow.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus, { timeout: 10_000 }).toBe('CREATED');
      const users = (await slow.control.users()).filter((user) => (user.app_metadata as { employee_id?: string }).employee_id === id);
      expect(users).toHaveLength(1);
    } finally {
      await slow.control.configure({ latency: null });
      await slow.close();
    }
  });
});
