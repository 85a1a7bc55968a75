import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.ts';

const problemsOf = (source: Record<string, string>): string[] => {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    return (error as EnvError).problems;
  }
};

const production = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://db/gw', AUTH0_DOMAIN: 'tenant.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH0_CLIENT_SECRET: 'secret', AUTH_AUDIENCE: 'https://api' };

describe('configuration of effective dates', () => {
  it('defaults to UTC, invitations 3 days ahead and the real clock', () => {
    expect(loadEnv({}).schedule).toEqual({ timeZone: 'UTC', inviteDaysBeforeStart: 3, clockOffsetSeconds: 0 });
    expect(loadEnv({ COMPANY_TIME_ZONE: 'Europe/Berlin', INVITE_DAYS_BEFORE_START: '5' }).schedule).toMatchObject({ timeZone: 'Europe/Berlin', inviteDaysBeforeStart: 5 });
  });

  it('refuses an unknown time zone and a negative lead time at start, together', () => {
    expect(problemsOf({ COMPANY_TIME_ZONE: 'Europe/Atlantis', INVITE_DAYS_BEFORE_START: '-1' }).map((problem) => problem.split(':')[0]).sort()).toEqual([
      'COMPANY_TIME_ZONE',
      'INVITE_DAYS_BEFORE_START',
    ]);
  });

  it('moves the schedule clock only outside production', () => {
    expect(loadEnv({ SCHEDULE_CLOCK_OFFSET_SECONDS: '86400' }).schedule.clockOffsetSeconds).toBe(86_400);
    expect(problemsOf({ ...production, SCHEDULE_CLOCK_OFFSET_SECONDS: '86400' })).toEqual([
      'SCHEDULE_CLOCK_OFFSET_SECONDS: not allowed in production (it moves the clock of dated deactivations; for tests)',
    ]);
    expect(problemsOf({ ...production, SCHEDULE_CLOCK_OFFSET_SECONDS: '0' })).toEqual([]);
  });
});
