// Employee rows for `npm run import`: a header naming name, email, department and optionally role,
// external_id, start_date and end_date (YYYY-MM-DD).
import type { ImportRowInput } from '../services/employee-import.service.ts';
import { readCsvRecords } from './csv-records.ts';

export interface EmployeeCsvRow {
  /** Line of the file where the row starts. */
  line: number;
  employee: ImportRowInput;
}

/** Rows by the header's column names (any order, any case); a column the header lacks reads as empty. */
export function employeeRowsFromCsv(text: string): EmployeeCsvRow[] {
  const [header, ...body] = readCsvRecords(text);
  if (!header) return [];
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  for (const required of ['name', 'email', 'department']) {
    if (!columns.includes(required)) throw new Error(`the CSV header must name a "${required}" column (found: ${columns.join(', ')})`);
  }
  const at = (fields: string[], name: string) => {
    const index = columns.indexOf(name);
    return index < 0 ? '' : (fields[index] ?? '');
  };
  return body.map(({ line, fields }) => {
    const role = at(fields, 'role').trim().toUpperCase();
    const externalId = at(fields, 'external_id').trim();
    const [startDate, endDate] = [at(fields, 'start_date').trim(), at(fields, 'end_date').trim()];
    return {
      line,
      employee: {
        name: at(fields, 'name'),
        email: at(fields, 'email'),
        department: at(fields, 'department'),
        role: role === '' ? null : role,
        externalId: externalId === '' ? null : externalId,
        ...(startDate === '' ? {} : { startDate }),
        ...(endDate === '' ? {} : { endDate }),
      },
    };
  });
}
