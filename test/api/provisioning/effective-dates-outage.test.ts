// Nothing is lost when the gateway is down at the end of a leaver's last day: a gateway stores the end
// date and is stopped (its graceful shutdown: workers and queue stop); the moment passes with no gateway
// running; a gateway process (src/server.ts) starts, deactivates the employee at once (the pg-boss job
// fell due while nobody ran), blocks them in Auth0, and says how late. Time is moved by configuration:
// both run the schedule's clock ahead by the same SCHEDULE_CLOCK_OFFSET_SECONDS. The first gateway runs
// in-process only because a process start (14 s on a loaded machine) cannot be timed against the moment.
import { afterAll, describe, expect, it } from 'vitest';
import { CreateDatedEmployeeDocument } from '../../generated/graphql.ts';
import { testDatabaseUrl } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { freePort, startGatewayProcess, type GatewayProcess, stopChild } from '../../helpers/gateway-process.ts';
import { endOfDay, parseCalendarDate } from '../../../src/services/effective-dates.ts';

const SCHEMA = `pgboss_dates_${process.pid}_${Date.now().toString(36)}`;
const ZONE = 'America/Chicago';
const LAST_DAY = '2027-06-30';
const END_OF_LAST_DAY = endOfDay(parseCalendarDate(LAST_DAY)!, ZONE);

describe('effective dates across a gateway outage', () => {
  let gateway: TestGateway;
  let first: TestGateway | undefined;
  let second: GatewayProcess | undefined;

  afterAll(async () => {
    await first?.close();
    await stopChild(second?.child);
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.close();
  }, 30_000);

  it('deactivates the leaver when the gateway is back, blocked in Auth0, and says how late', { timeout: 180_000 }, async () => {
    // This test's gateway only hosts the emulator and reads the database; the two others do the work.
    gateway = await startTestGateway({ workers: false, queueSchema: SCHEMA, queuePrefix: '' });
    // The schedule's clock puts the end of the last day 12 s after now.
    const offsetSeconds = Math.round((END_OF_LAST_DAY.getTime() - 12_000 - Date.now()) / 1000);
    const momentReal = END_OF_LAST_DAY.getTime() - offsetSeconds * 1000;
    first = await startTestGateway({
      emulator: gateway.emulator,
      queueSchema: SCHEMA,
      queuePrefix: '',
      schedule: { timeZone: ZONE, clockOffsetSeconds: offsetSeconds },
    });
    const created = expectNoGraphQLErrors(
      await first.execute({
        document: CreateDatedEmployeeDocument,
        variables: { input: { name: 'Outage Leaver', email: uniqueEmail('outage.leaver'), department: 'Dates', endDate: LAST_DAY } },
        as: 'manager',
      }),
    ).createEmployee;
    expect(created).toMatchObject({ __typename: 'CreateEmployeePayload', employee: { auth0UserId: expect.stringMatching(/^auth0\|/) } });
    const { email } = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee;
    const auth0UserId = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee.auth0UserId!;

    // Stopped before the moment, and kept down until well past it.
    await first.close();
    first = undefined;
    expect(Date.now(), 'the first gateway must be down before the moment').toBeLessThan(momentReal);
    await new Promise((resolve) => setTimeout(resolve, momentReal + 4000 - Date.now()));
    const employee = await gateway.prisma.employee.findUniqueOrThrow({ where: { email } });
    expect(employee).toMatchObject({ active: true, scheduledDeactivationAt: END_OF_LAST_DAY });
    expect((await gateway.identityProvider.getUser(auth0UserId)).blocked).toBeFalsy();

    const port = await freePort();
    second = await startGatewayProcess({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl(),
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      PROVISIONING_QUEUE_SCHEMA: SCHEMA,
      PROVISIONING_SWEEP_SECONDS: '0',
      VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
      COMPANY_TIME_ZONE: ZONE,
      SCHEDULE_CLOCK_OFFSET_SECONDS: String(offsetSeconds),
      // A loaded machine takes long to start a process; the lateness it adds is what the test reports.
    }, [], 90_000);
    const backAt = Date.now();
    await expect.poll(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { email } })).active, { timeout: 30_000, interval: 250 }).toBe(false);
    await expect.poll(async () => (await gateway.identityProvider.getUser(auth0UserId)).blocked, { timeout: 15_000 }).toBe(true);
    // Late by the outage and the start-up; once the gateway is back, well within a minute.
    const afterBack = (Date.now() - backAt) / 1000;
    console.info(
      `effective dates: a leaver whose day ended while the gateway was down was blocked ${((Date.now() - momentReal) / 1000).toFixed(1)} s after the moment, ${afterBack.toFixed(1)} s after the gateway was back`,
    );
    expect(afterBack).toBeLessThan(60);

    // How late it ran: in the log of the process that caught up, and in the audit trail (actor schedule).
    const ranLine = () => second!.output().split('\n').find((line) => line.includes('scheduled deactivation ran')) ?? '';
    await expect.poll(ranLine, { timeout: 10_000, message: second.output() }).toMatch(/scheduled deactivation ran \d+ (s|min) late/);
    const ran = ranLine();
    const logged = JSON.parse(ran!) as { lateSeconds: number; employeeId: string };
    expect(logged.employeeId).toBe(employee.id);
    expect(logged.lateSeconds).toBeGreaterThanOrEqual(4);
    const deactivated = await gateway.prisma.auditEvent.findFirstOrThrow({ where: { employeeId: employee.id, action: 'EMPLOYEE_DEACTIVATED' } });
    expect(deactivated.actor).toBe('schedule');
    expect(deactivated.detail).toMatch(new RegExp(`^end date ${LAST_DAY} \\(America/Chicago\\) \\(scheduled by auth0\\|test-manager for ${END_OF_LAST_DAY.toISOString().replace(/\./g, '\\.')}, ran \\d+ s late\\)$`));
  });
});
