// Effective dates through GraphQL over HTTP, with PostgreSQL, pg-boss and the emulator: an end date's
// deactivation runs as the actor `schedule` at the end of that day in the company's time zone (Berlin here),
// and a start date delays only the invitation. Time is moved by configuration: the schedule's clock runs
// ahead (SCHEDULE_CLOCK_OFFSET_SECONDS) so that the gateway starts 12 s before the end of a day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AssignRoleDocument,
  CreateDatedEmployeeDocument,
  DatedEmployeeDocument,
  DeactivateEmployeeAtDocument,
  ImportDatedEmployeesDocument,
  ReactivateDatedEmployeeDocument,
  UpdateEmployeeDatesDocument,
} from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { addDays, endOfDay, formatCalendarDate, parseCalendarDate, startOfDay } from '../../../src/services/effective-dates.ts';

const ZONE = 'Europe/Berlin';
/** The last day of a year, a day with its own end in Berlin (23:00 UTC). */
const LAST_DAY = parseCalendarDate('2027-12-31')!;
const END_OF_LAST_DAY = endOfDay(LAST_DAY, ZONE);
const day = (offset: number) => formatCalendarDate(addDays(LAST_DAY, offset));
/** The database id inside an Employee global id. */
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

describe('effective dates', () => {
  let gateway: TestGateway;
  let offsetSeconds: number;
  /** Now, by the gateway's schedule clock. */
  const scheduleNow = () => new Date(Date.now() + offsetSeconds * 1000);

  beforeAll(async () => {
    offsetSeconds = Math.round((END_OF_LAST_DAY.getTime() - 12_000 - Date.now()) / 1000);
    gateway = await startTestGateway({ schedule: { timeZone: ZONE, inviteDaysBeforeStart: 3, clockOffsetSeconds: offsetSeconds } });
  }, 60_000);
  afterAll(() => gateway?.close());

  const create = async (input: Record<string, unknown>, as: 'manager' | 'admin' = 'manager') =>
    expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateDatedEmployeeDocument,
        variables: { input: { name: 'Dated Person', email: uniqueEmail('dated'), department: 'Dates', ...input } as never },
        as,
      }),
    ).createEmployee;
  const read = async (id: string) => expectNoGraphQLErrors(await gateway.execute({ document: DatedEmployeeDocument, variables: { id } })).employee!;
  const emailsTo = async (address: string) => (await gateway.control.emails()).filter((mail) => mail.to === address);
  const scheduledJob = async (employeeId: string) =>
    gateway.provisioning.queue.boss.findJobs(gateway.provisioning.queue.nameOf('scheduled-deactivation'), { key: uuidOf(employeeId), queued: true });

  it('blocks a leaver in Auth0 within a minute of the end of their last day, as the actor schedule', { timeout: 60_000 }, async () => {
    const created = await create({ endDate: formatCalendarDate(LAST_DAY) });
    expect(created.__typename).toBe('CreateEmployeePayload');
    const employee = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee;
    expect(employee).toMatchObject({ active: true, auth0SyncStatus: 'CREATED', endDate: '2027-12-31', scheduledDeactivationAt: END_OF_LAST_DAY.toISOString() });

    await expect.poll(async () => (await read(employee.id)).active, { timeout: 45_000, interval: 250 }).toBe(false);
    const deactivated = await read(employee.id);
    const lateMs = new Date(deactivated.deactivatedAt!).getTime() + offsetSeconds * 1000 - END_OF_LAST_DAY.getTime();
    expect(lateMs).toBeGreaterThan(-2000);
    expect(lateMs).toBeLessThan(60_000);
    expect(deactivated).toMatchObject({ auth0SyncStatus: 'DISABLED', scheduledDeactivationAt: null });
    expect(deactivated.deactivationReason).toMatch(/^end date 2027-12-31 \(Europe\/Berlin\) \(scheduled by auth0\|test-manager for 2027-12-31T23:00:00.000Z, ran (on time|\d+ s late)\)$/);
    await expect.poll(async () => (await gateway.identityProvider.getUser(employee.auth0UserId!)).blocked, { timeout: 10_000 }).toBe(true);

    const audit = await gateway.prisma.auditEvent.findMany({ where: { employeeId: uuidOf(employee.id) }, orderBy: { occurredAt: 'asc' } });
    expect(audit.filter((event) => event.action === 'EMPLOYEE_DEACTIVATION_SCHEDULED').map((event) => event.actor)).toEqual(['auth0|test-manager']);
    expect(audit.filter((event) => event.action === 'EMPLOYEE_DEACTIVATED').map((event) => event.actor)).toEqual(['schedule']);
  });

  it('creates the account at once and sends the invitation INVITE_DAYS_BEFORE_START days before a future start date', async () => {
    const created = await create({ startDate: day(10) });
    const employee = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee;
    const inviteAt = startOfDay(addDays(LAST_DAY, 7), ZONE);
    expect(employee).toMatchObject({ auth0SyncStatus: 'CREATED', startDate: day(10), invitationScheduledAt: inviteAt.toISOString() });
    expect(employee.auth0UserId).toMatch(/^auth0\|/);
    // The send-invitation job waits for that moment (in real time: the clock runs ahead).
    const [job] = await gateway.provisioning.queue.boss.findJobs(gateway.provisioning.queue.nameOf('send-invitation'), { key: uuidOf(employee.id), queued: true });
    expect(new Date(job!.startAfter).getTime()).toBe(inviteAt.getTime() - offsetSeconds * 1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await emailsTo(employee.email)).toEqual([]);

    // Moved to a start whose invitation moment has passed: it goes at once.
    const moved = expectNoGraphQLErrors(
      await gateway.execute({ document: UpdateEmployeeDatesDocument, variables: { employeeId: employee.id, input: { startDate: day(3) } }, as: 'manager' }),
    ).updateEmployee;
    expect(moved).toMatchObject({ employee: { startDate: day(3), invitationScheduledAt: null } });
    await expect.poll(async () => (await emailsTo(employee.email)).map((mail) => mail.type), { timeout: 15_000 }).toEqual(['change_password']);
  });

  it('refuses bad dates with typed errors and stores nothing', async () => {
    const email = uniqueEmail('baddate');
    const reversed = await create({ email, startDate: day(20), endDate: day(10) });
    expect(reversed).toMatchObject({ __typename: 'EndDateBeforeStartDateError', code: 'END_DATE_BEFORE_START_DATE', startDate: day(20), endDate: day(10) });
    const unparseable = await create({ email, startDate: '2027-02-30', endDate: '31/12/2027' });
    expect(unparseable).toMatchObject({
      __typename: 'InputValidationError',
      issues: [
        { path: ['input', 'startDate'], message: 'must be a calendar date written YYYY-MM-DD (e.g. 2026-12-31)' },
        { path: ['input', 'endDate'], message: 'must be a calendar date written YYYY-MM-DD (e.g. 2026-12-31)' },
      ],
    });
    // A caller who may create but not deactivate may not set an end date.
    const creatorOnly = await gateway.control.mintToken({ sub: 'auth0|test-creator', permissions: ['create:employees', 'read:employees'], expiresIn: 600 });
    const refused = expectNoGraphQLErrors(
      await gateway.execute({
        document: CreateDatedEmployeeDocument,
        variables: { input: { name: 'Dated Person', email, department: 'Dates', endDate: day(30) } },
        headers: { authorization: `Bearer ${creatorOnly}` },
      }),
    ).createEmployee;
    expect(refused).toMatchObject({ __typename: 'ScheduleNotAllowedError', code: 'SCHEDULE_NOT_ALLOWED' });
    expect(await gateway.prisma.employee.count({ where: { email } })).toBe(0);

    // Update: checked against the stored start date.
    const stored = await create({ startDate: day(20) });
    const id = (stored as Extract<typeof stored, { __typename: 'CreateEmployeePayload' }>).employee.id;
    const update = expectNoGraphQLErrors(
      await gateway.execute({ document: UpdateEmployeeDatesDocument, variables: { employeeId: id, input: { endDate: day(19) } }, as: 'manager' }),
    ).updateEmployee;
    expect(update).toMatchObject({ __typename: 'EndDateBeforeStartDateError', startDate: day(20), endDate: day(19) });
    expect((await read(id)).endDate).toBeNull();
  });

  it('moves the scheduled deactivation when the end date changes, and cancels it when cleared', async () => {
    const created = await create({ endDate: day(5) });
    const id = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee.id;
    const jobs = await scheduledJob(id);
    expect(jobs.map((job) => new Date(job.startAfter).getTime())).toEqual([endOfDay(addDays(LAST_DAY, 5), ZONE).getTime() - offsetSeconds * 1000]);

    const update = (endDate: string | null) =>
      gateway.execute({ document: UpdateEmployeeDatesDocument, variables: { employeeId: id, input: { endDate } }, as: 'manager' });
    expect(expectNoGraphQLErrors(await update(day(6))).updateEmployee).toMatchObject({
      employee: { endDate: day(6), scheduledDeactivationAt: endOfDay(addDays(LAST_DAY, 6), ZONE).toISOString() },
    });
    const moved = await scheduledJob(id);
    expect(moved.map((job) => [job.id, new Date(job.startAfter).getTime()])).toEqual([[jobs[0]!.id, endOfDay(addDays(LAST_DAY, 6), ZONE).getTime() - offsetSeconds * 1000]]);

    expect(expectNoGraphQLErrors(await update(null)).updateEmployee).toMatchObject({ employee: { endDate: null, scheduledDeactivationAt: null, active: true } });
    expect(await scheduledJob(id)).toEqual([]);
    const actions = (await gateway.prisma.auditEvent.findMany({ where: { employeeId: uuidOf(id) }, orderBy: { occurredAt: 'asc' } })).map((event) => event.action);
    expect(actions.filter((action) => action.startsWith('EMPLOYEE_DEACTIVATION_'))).toEqual([
      'EMPLOYEE_DEACTIVATION_SCHEDULED',
      'EMPLOYEE_DEACTIVATION_SCHEDULED',
      'EMPLOYEE_DEACTIVATION_CANCELLED',
    ]);
  });

  it('schedules deactivateEmployee with a future effectiveAt instead of acting, and a reactivation cancels it', async () => {
    const created = await create({});
    const id = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee.id;
    const at = new Date(scheduleNow().getTime() + 3 * 86_400_000);
    const scheduled = expectNoGraphQLErrors(
      await gateway.execute({ document: DeactivateEmployeeAtDocument, variables: { employeeId: id, reason: 'contract ends', effectiveAt: at.toISOString() }, as: 'manager' }),
    ).deactivateEmployee;
    expect(scheduled).toMatchObject({ employee: { active: true, auth0SyncStatus: 'CREATED', scheduledDeactivationAt: at.toISOString() } });
    expect(await scheduledJob(id)).toHaveLength(1);

    const reactivated = expectNoGraphQLErrors(await gateway.execute({ document: ReactivateDatedEmployeeDocument, variables: { employeeId: id }, as: 'manager' })).reactivateEmployee;
    expect(reactivated).toMatchObject({ employee: { active: true, scheduledDeactivationAt: null } });
    expect(await scheduledJob(id)).toEqual([]);

    // A past effectiveAt acts now.
    const now = expectNoGraphQLErrors(
      await gateway.execute({ document: DeactivateEmployeeAtDocument, variables: { employeeId: id, reason: 'left', effectiveAt: new Date(scheduleNow().getTime() - 60_000).toISOString() }, as: 'manager' }),
    ).deactivateEmployee;
    expect(now).toMatchObject({ employee: { active: false, auth0SyncStatus: 'DISABLED' } });
  });

  it("acts with the scheduler's reach, judged again when it runs: an employee promoted beyond it is refused and the schedule cancelled", { timeout: 30_000 }, async () => {
    const created = await create({});
    const id = (created as Extract<typeof created, { __typename: 'CreateEmployeePayload' }>).employee.id;
    const at = new Date(scheduleNow().getTime() + 3000);
    expectNoGraphQLErrors(
      await gateway.execute({ document: DeactivateEmployeeAtDocument, variables: { employeeId: id, reason: 'contract ends', effectiveAt: at.toISOString() }, as: 'manager' }),
    );
    // An admin promotes them to manager before the moment: outside the scheduling manager's reach.
    expectNoGraphQLErrors(await gateway.execute({ document: AssignRoleDocument, variables: { employeeId: id, role: 'MANAGER' }, as: 'admin' }));
    await expect.poll(async () => (await read(id)).scheduledDeactivationAt, { timeout: 20_000, interval: 250 }).toBeNull();
    expect(await read(id)).toMatchObject({ active: true });
    const trail = await gateway.prisma.auditEvent.findMany({ where: { employeeId: uuidOf(id), actor: 'schedule' }, orderBy: { occurredAt: 'asc' } });
    expect(trail.map((event) => event.action)).toEqual(['ACCESS_REFUSED', 'EMPLOYEE_DEACTIVATION_CANCELLED']);
    expect(trail[0]!.detail).toBe("deactivateEmployee: the employee holds manager, outside the caller's reach");
  });

  it('takes dates from an import; a bad row is INVALID and the others are stored with their schedule', async () => {
    const rows = [
      { name: 'Import Dated', email: uniqueEmail('import.dated'), department: 'Dates', startDate: day(10), endDate: day(40) },
      { name: 'Import Reversed', email: uniqueEmail('import.reversed'), department: 'Dates', startDate: day(10), endDate: day(9) },
      { name: 'Import Unparseable', email: uniqueEmail('import.bad'), department: 'Dates', startDate: 'next monday' },
    ];
    const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportDatedEmployeesDocument, variables: { input: { employees: rows } }, as: 'manager' })).importEmployees;
    expect(result).toMatchObject({ created: 1, invalid: 2 });
    const outcomes = (result as Extract<typeof result, { __typename: 'ImportEmployeesPayload' }>).rows;
    expect(outcomes[1]).toMatchObject({ outcome: 'INVALID', reasons: [`endDate: The end date ${day(9)} is before the start date ${day(10)}`] });
    expect(outcomes[2]).toMatchObject({ outcome: 'INVALID', reasons: ['startDate: must be a calendar date written YYYY-MM-DD (e.g. 2026-12-31)'] });
    const stored = await read(outcomes[0]!.employeeId!);
    expect(stored).toMatchObject({
      startDate: day(10),
      endDate: day(40),
      invitationScheduledAt: startOfDay(addDays(LAST_DAY, 7), ZONE).toISOString(),
      scheduledDeactivationAt: endOfDay(addDays(LAST_DAY, 40), ZONE).toISOString(),
    });
    expect(await scheduledJob(stored.id)).toHaveLength(1);
  });
});
