import { describe, expect, it } from 'vitest';
import {
  calendarDateSchema,
  calendarDateAt,
  endOfDay,
  invitationMoment,
  isTimeZone,
  parseCalendarDate,
  scheduleClock,
  startOfDay,
} from '../../src/services/effective-dates.ts';
import { describeLateness } from '../../src/services/scheduled-deactivation.service.ts';
import { deferredInvitation } from '../../src/services/employee-schedule.ts';

const day = (text: string) => parseCalendarDate(text)!;

describe('effective dates', () => {
  it('reads calendar dates written YYYY-MM-DD that exist, and nothing else', () => {
    expect(day('2026-12-31').toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(day('2028-02-29').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    for (const bad of ['2027-02-29', '2026-13-01', '31/12/2026', '2026-12-31T10:00:00Z', '', 'tomorrow']) expect(parseCalendarDate(bad)).toBeNull();
    const refused = calendarDateSchema.safeParse('2026-02-30');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('must be a calendar date written YYYY-MM-DD (e.g. 2026-12-31)');
  });

  it("puts the end of a day at the next midnight in the company's zone, across DST changes", () => {
    expect(endOfDay(day('2026-12-31'), 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(endOfDay(day('2026-12-31'), 'Europe/Berlin').toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(endOfDay(day('2026-07-31'), 'Europe/Berlin').toISOString()).toBe('2026-07-31T22:00:00.000Z');
    expect(endOfDay(day('2026-07-31'), 'America/Chicago').toISOString()).toBe('2026-08-01T05:00:00.000Z');
    // Berlin leaves summer time in the night of 2026-10-24 to 25: the 25th is 25 hours long.
    expect(startOfDay(day('2026-10-25'), 'Europe/Berlin').toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(endOfDay(day('2026-10-25'), 'Europe/Berlin').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(endOfDay(day('2026-12-31'), 'Asia/Kathmandu').toISOString()).toBe('2026-12-31T18:15:00.000Z');
    expect(calendarDateAt(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('invites INVITE_DAYS_BEFORE_START days before the start date, at the start of that day, or at once when nearer', () => {
    expect(invitationMoment(day('2027-01-04'), { timeZone: 'Europe/Berlin', inviteDaysBeforeStart: 3 }).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    const clock = { now: () => new Date('2027-01-02T12:00:00Z'), realInstant: (moment: Date) => moment };
    const settings = (onboardingEmail: 'invite' | 'verify') => ({ onboardingEmail, schedule: { timeZone: 'UTC', inviteDaysBeforeStart: 3, clock } });
    expect(deferredInvitation(day('2027-01-10'), settings('invite')).invitationScheduledAt?.toISOString()).toBe('2027-01-07T00:00:00.000Z');
    expect(deferredInvitation(day('2027-01-05'), settings('invite')).invitationScheduledAt).toBeNull();
    expect(deferredInvitation(day('2027-01-10'), settings('verify')).invitationScheduledAt).toBeNull();
    expect(deferredInvitation(null, settings('invite')).invitationScheduledAt).toBeNull();
  });

  it("runs the schedule's clock ahead by the offset, and maps its moments back to real time", () => {
    const clock = scheduleClock(86_400);
    expect(Math.abs(clock.now().getTime() - (Date.now() + 86_400_000))).toBeLessThan(1000);
    expect(clock.realInstant(new Date('2027-01-02T00:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('knows IANA time zones and says how late a run was', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(describeLateness(400)).toBe('on time');
    expect(describeLateness(42_000)).toBe('42 s late');
    expect(describeLateness(30 * 60_000)).toBe('30 min late');
  });
});

describe('the reach a scheduled deactivation keeps', () => {
  it("keeps a SCIM token's role ceiling beside its permissions, so a promotion beyond it is out of reach when the job runs", async () => {
    const { reachPermissions, scheduledReach } = await import('../../src/services/employee-schedule.ts');
    const { mayReach } = await import('../../src/services/employee-reach.ts');
    const scimTeamLead = { id: 'scim:hr', correlationId: null, permissions: new Set(['deactivate:employees', 'update:employee_roles']), roleCeiling: 'TEAM_LEAD' as const };
    const kept = scheduledReach(reachPermissions(scimTeamLead));
    expect(kept.roleCeiling).toBe('TEAM_LEAD');
    expect(mayReach(kept, 'TEAM_LEAD')).toBe(true);
    expect(mayReach(kept, 'MANAGER')).toBe(false);
    const admin = scheduledReach(reachPermissions({ id: 'admin', correlationId: null, permissions: new Set(['deactivate:employees', 'manage:provisioning']) }));
    expect(admin.roleCeiling).toBeUndefined();
    expect(mayReach(admin, 'ADMIN')).toBe(true);
  });
});
