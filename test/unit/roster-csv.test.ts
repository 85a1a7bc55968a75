import { describe, expect, it } from 'vitest';
import { parseCsv, parseRoster } from '../../src/reports/csv.ts';

describe('roster CSV', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, CRLF and a BOM', () => {
    expect(parseCsv('\ufeffname,email\r\n"Doe, John","j""d@x.com"\n"Multi\nLine",\n\n')).toEqual([
      ['name', 'email'],
      ['Doe, John', 'j"d@x.com'],
      ['Multi\nLine', ''],
    ]);
  });

  it('takes the columns from a header in any order, and works without one', () => {
    expect(parseRoster('email,Name\njohn.doe.shp@x.com,John Doe\n,Ana\n')).toEqual([
      { name: 'John Doe', email: 'john.doe.shp@x.com' },
      { name: 'Ana', email: null },
    ]);
    expect(parseRoster('John Doe,john.doe.pack@x.com\njane_roe')).toEqual([
      { name: 'John Doe', email: 'john.doe.pack@x.com' },
      { name: 'jane_roe', email: null },
    ]);
  });
});
