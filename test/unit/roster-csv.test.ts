import { describe, expect, it } from 'vitest';
import { rosterEntriesFromCsv } from '../../src/csv/roster-entries.ts';

describe('roster CSV', () => {
  it('takes the columns from a header in any order, and works without one', () => {
    expect(rosterEntriesFromCsv('email,Name\njohn.doe.shp@x.com,John Doe\n,Ana\n')).toEqual([
      { name: 'John Doe', email: 'john.doe.shp@x.com' },
      { name: 'Ana', email: null },
    ]);
    expect(rosterEntriesFromCsv('John Doe,john.doe.pack@x.com\njane_roe')).toEqual([
      { name: 'John Doe', email: 'john.doe.pack@x.com' },
      { name: 'jane_roe', email: null },
    ]);
  });

  it('trims names and emails and leaves out blank rows, even before the header', () => {
    expect(rosterEntriesFromCsv(' , \n name , email \n  Ana Lee  ,  ana@x.com \n\t,\n"Doe, John",\n')).toEqual([
      { name: 'Ana Lee', email: 'ana@x.com' },
      { name: 'Doe, John', email: null },
    ]);
  });
});
