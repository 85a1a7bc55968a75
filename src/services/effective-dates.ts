// Calendar dates in the company's time zone, and the schedule's clock: when a start date's invitation and
// an end date's deactivation happen (docs/design.md "Effective dates"; test/unit/effective-dates.test.ts).
import { z } from 'zod';

/** How the schedule reads time and where dates fall. */
export interface ScheduleSettings {
  /** IANA time zone the company's calendar dates are in (COMPANY_TIME_ZONE). */
  timeZone: string;
  /** The invitation goes this many days before the start date, at the start of that day (INVITE_DAYS_BEFORE_START). */
  inviteDaysBeforeStart: number;
  /** The schedule's clock: real time plus SCHEDULE_CLOCK_OFFSET_SECONDS (test only; refused in production). */
  clock: ScheduleClock;
}

export interface ScheduleClock {
  /** Now, as the schedule sees it. */
  now(): Date;
  /** The real instant at which a scheduled moment is due (what the queue's startAfter needs). */
  realInstant(moment: Date): Date;
}

export function scheduleClock(offsetSeconds = 0): ScheduleClock {
  const offsetMs = offsetSeconds * 1000;
  return {
    now: () => new Date(Date.now() + offsetMs),
    realInstant: (moment) => new Date(moment.getTime() - offsetMs),
  };
}

export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { timeZone: 'UTC', inviteDaysBeforeStart: 3, clock: scheduleClock() };

/** Whether `name` is a time zone this runtime knows (IANA names, and UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD` text: it must exist (no 2026-02-30). Stored as UTC midnight (a `date` column). */
export const calendarDateSchema = z
  .string()
  .trim()
  .refine((value) => parseCalendarDate(value) !== null, 'must be a calendar date written YYYY-MM-DD (e.g. 2026-12-31)')
  .transform((value) => parseCalendarDate(value)!);

export function parseCalendarDate(value: string): Date | null {
  const match = CALENDAR_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900 ? date : null;
}

/** `YYYY-MM-DD` of a stored calendar date (UTC midnight). */
export function formatCalendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The instant a calendar date begins in the time zone (the first instant of that day there). */
export function startOfDay(date: Date, timeZone: string): Date {
  // Intl gives a zone's wall clock, not the reverse: take the offset at the guess, then again at the
  // answer, which lands right across a DST change (no time-zone library in the tree; Temporal is not in Node 22).
  const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(second);
}

/** The instant a calendar date ends in the time zone: the start of the next day. */
export function endOfDay(date: Date, timeZone: string): Date {
  return startOfDay(addDays(date, 1), timeZone);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The calendar date an instant falls on in the time zone. */
export function calendarDateAt(instant: Date, timeZone: string): Date {
  const parts = wallClock(instant.getTime(), timeZone);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
}

/** When a start date's first invitation goes: the start of the day INVITE_DAYS_BEFORE_START days before it. */
export function invitationMoment(startDate: Date, settings: Pick<ScheduleSettings, 'timeZone' | 'inviteDaysBeforeStart'>): Date {
  return startOfDay(addDays(startDate, -settings.inviteDaysBeforeStart), settings.timeZone);
}

/** The end date is before the start date (both given or stored): nothing may be written. */
export function endsBeforeStart(startDate: Date | null, endDate: Date | null): boolean {
  return startDate !== null && endDate !== null && endDate.getTime() < startDate.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(epochMs: number, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** The zone's offset from UTC at an instant, in ms (wall clock minus UTC). */
function offsetMs(epochMs: number, timeZone: string): number {
  const p = wallClock(epochMs, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}
