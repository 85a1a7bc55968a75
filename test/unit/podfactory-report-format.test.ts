import { describe, expect, it } from 'vitest';
import { formatPodfactoryReport } from '../../src/reports/format.ts';
import type { PodfactoryEmployee, PodfactoryReport } from '../../src/services/podfactory-match.service.ts';

const employee = (name: string, department: string) =>
  ({ name, department, email: `${name.toLowerCase()}@warehouse-example.com` }) as PodfactoryEmployee;

describe('PodFactory report text (npm run report:podfactory)', () => {
  it('marks an ambiguous entry whose candidates were cut short', () => {
    const candidates = [employee('Ana', 'Picking'), employee('Ana', 'Shipping')];
    const ambiguous = (candidatesTruncated: boolean) => ({
      entry: { name: 'Ana', email: null },
      match: { status: 'AMBIGUOUS' as const, candidates, variant: 'FIRST_NAME' as const },
      candidatesTruncated,
    });
    const report: PodfactoryReport = { entries: [ambiguous(true), ambiguous(false)], matched: 0, ambiguous: 2, unmatched: 0 };
    expect(formatPodfactoryReport(report).split('\n').slice(0, 2)).toEqual([
      'AMBIGUOUS  Ana -> Ana <ana@warehouse-example.com> [Picking] | Ana <ana@warehouse-example.com> [Shipping] | ... (by FIRST_NAME)',
      'AMBIGUOUS  Ana -> Ana <ana@warehouse-example.com> [Picking] | Ana <ana@warehouse-example.com> [Shipping] (by FIRST_NAME)',
    ]);
  });
});
