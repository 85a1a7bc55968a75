// A benchmark's goals: each figure is compared, as a ratio, with its baseline measured in the same run
// (these machines are shared and noisy, so absolute figures from different runs do not compare). `report`
// prints every goal and sets a non-zero exit code when one is missed, so `npm run bench` fails loudly.
export interface GoalResult {
  goal: string;
  measured: string;
  limit: string;
  met: boolean;
}

export class Goals {
  private readonly results: GoalResult[] = [];

  constructor(private readonly bench: string) {}

  /** Met when `value` <= `limit` (e.g. a ratio to a lower bound, calls per employee). */
  atMost(goal: string, value: number, limit: number, unit = ''): boolean {
    return this.record(goal, value, `<= ${format(limit)}${unit}`, value <= limit, unit);
  }

  /** Met when `value` >= `limit` (e.g. throughput as a share of the baseline's). */
  atLeast(goal: string, value: number, limit: number, unit = ''): boolean {
    return this.record(goal, value, `>= ${format(limit)}${unit}`, value >= limit, unit);
  }

  get missed(): GoalResult[] {
    return this.results.filter((result) => !result.met);
  }

  /** Prints the goals; a missed goal sets process.exitCode to 1. Returns whether all were met. */
  report(): boolean {
    console.log(`\n${this.bench}: goals`);
    console.table(Object.fromEntries(this.results.map(({ goal, ...rest }) => [goal, { ...rest, met: rest.met ? 'yes' : 'MISSED' }])));
    if (this.missed.length > 0) {
      process.exitCode = 1;
      console.log(`${this.bench}: ${this.missed.length} of ${this.results.length} goals missed`);
      return false;
    }
    console.log(`${this.bench}: all ${this.results.length} goals met`);
    return true;
  }

  private record(goal: string, value: number, limit: string, met: boolean, unit: string): boolean {
    this.results.push({ goal, measured: `${format(value)}${unit}`, limit, met });
    return met;
  }
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude >= 100 ? value.toFixed(0) : magnitude >= 1 ? value.toFixed(2) : value.toFixed(3);
}
