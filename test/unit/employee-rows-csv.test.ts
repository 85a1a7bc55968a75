import { describe, expect, it } from 'vitest';
import { employeeRowsFromCsv } from '../../src/csv/employee-rows.ts';

describe('employee rows CSV', () => {
  it('reads rows by the header names (any order, any case), with each row\'s line in the file', () => {
    const text = 'Email,DEPARTMENT,name,Role\r\nana@x.com,Pack,Ana Lee,team_lead\r\n\r\n"bo@x.com",Ship,"Bo\nDoe",\r\ncy@x.com,Pick\r\n';
    expect(employeeRowsFromCsv(text)).toEqual([
      { line: 2, employee: { name: 'Ana Lee', email: 'ana@x.com', department: 'Pack', role: 'TEAM_LEAD', externalId: null } },
      { line: 4, employee: { name: 'Bo\nDoe', email: 'bo@x.com', department: 'Ship', role: null, externalId: null } },
      { line: 6, employee: { name: '', email: 'cy@x.com', department: 'Pick', role: null, externalId: null } },
    ]);
  });

  it('reads the optional external_id column, trimmed, blank as none', () => {
    const text = 'name,email,department,External_ID\nAna Lee,ana@x.com,Pack, HR-0042 \nBo Doe,bo@x.com,Ship,\n';
    expect(employeeRowsFromCsv(text).map((row) => row.employee.externalId)).toEqual(['HR-0042', null]);
  });

  it('reads the optional start_date and end_date columns as given (checked later), blank as none', () => {
    const text = 'name,email,department,Start_Date,end_date\nAna Lee,ana@x.com,Pack, 2027-01-04 ,2027-06-30\nBo Doe,bo@x.com,Ship,,31/12/2027\n';
    expect(employeeRowsFromCsv(text).map((row) => [row.employee.startDate, row.employee.endDate])).toEqual([
      ['2027-01-04', '2027-06-30'],
      [undefined, '31/12/2027'],
    ]);
  });

  it('refuses a header without a required column, and reads a header-only or empty file as no rows', () => {
    expect(() => employeeRowsFromCsv('name,email\nAna,ana@x.com\n')).toThrow('the CSV header must name a "department" column (found: name, email)');
    expect(employeeRowsFromCsv('name,email,department\n')).toEqual([]);
    expect(employeeRowsFromCsv('')).toEqual([]);
  });
});
