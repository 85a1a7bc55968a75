// Rollback times per Auth0 plan, from the documented limits: the numbers the dry run and docs/runbook.md give.
import { describe, expect, it } from 'vitest';
import { bucketSeconds, formatDuration, PLAN_LIMITS, rollbackSecondsOnPlan } from '../../src/services/rollback-estimate.ts';

const plan = (name: string) => PLAN_LIMITS.find((limits) => limits.plan.startsWith(name))!;

describe('rollback estimates', () => {
  it('spends the burst at once and the rest at the sustained rate', () => {
    expect(bucketSeconds(20, { available: 20, perSecond: 1 })).toBe(0);
    expect(bucketSeconds(30, { available: 20, perSecond: 2 })).toBe(5);
    expect(bucketSeconds(10, { available: -4, perSecond: 2 })).toBe(5);
  });

  it.each([
    ['Free', 100, '50 s'],
    ['Free', 10_000, '1 h 24 min'],
    ['Essentials', 100, '24 s'],
    ['Essentials', 1_000, '4 min 54 s'],
    ['Essentials', 10_000, '50 min 01 s'],
    ['Enterprise', 1_000, '1 min 00 s'],
    ['Enterprise', 10_000, '10 min 28 s'],
  ] as const)('%s, %i users: %s', (name, users, expected) => {
    expect(formatDuration(rollbackSecondsOnPlan(users, 'BLOCK', plan(name)))).toBe(expected);
    expect(formatDuration(rollbackSecondsOnPlan(users, 'DELETE', plan(name)))).toBe(expected);
  });
});
