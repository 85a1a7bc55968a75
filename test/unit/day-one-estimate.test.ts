import { describe, expect, it } from 'vitest';
import { dayOneCalls, dayOneSecondsOnPlan } from '../../src/services/day-one-estimate.ts';
import { PLAN_LIMITS } from '../../src/services/rollback-estimate.ts';

const plan = (name: string) => PLAN_LIMITS.find((limits) => limits.plan.startsWith(name))!;

describe('day-one estimate', () => {
  it('counts one search per 50 rows, one write per employee, one read per adopted account, one role batch per 100', () => {
    expect(dayOneCalls(1000, 700)).toEqual({ searches: 20, writes: 1000, reads: 700, roleBatches: 10 });
  });

  it('times 1,000 employees (700 adopted) per plan from the documented buckets', () => {
    // Free: every call through one 2/s bucket with a burst of 2.
    expect(dayOneSecondsOnPlan(1000, 700, plan('Free'))).toEqual({ dryRun: 9, run: (20 + 1000 + 700 + 10 - 2) / 2 });
    // Essentials: 980 writes beyond the burst at 200/min; the 720 reads drain in parallel at 500/min.
    const essentials = dayOneSecondsOnPlan(1000, 700, plan('Essentials'));
    expect(essentials.dryRun).toBe(0);
    expect(essentials.run).toBeCloseTo(980 / (200 / 60), 6);
    expect(dayOneSecondsOnPlan(1000, 700, plan('Enterprise')).run).toBeCloseTo((1730 - 50) / 16, 6);
  });
});
