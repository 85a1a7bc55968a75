// A PodFactory roster export for `npm run report:podfactory`: `name,email` rows, email optional.
import type { RosterEntry } from '../services/podfactory.ts';
import { readCsvRecords } from './csv-records.ts';

/**
 * Roster entries, blank rows left out. A first row whose cells are the words name/email (any case, any
 * order) is a header and picks the columns; without one, the name comes first.
 */
export function rosterEntriesFromCsv(text: string): RosterEntry[] {
  const rows = readCsvRecords(text)
    .map((record) => record.fields)
    .filter((fields) => fields.some((field) => field.trim() !== ''));
  let nameColumn = 0;
  let emailColumn = 1;
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (header && header.includes('name')) {
    nameColumn = header.indexOf('name');
    emailColumn = header.indexOf('email');
    rows.shift();
  }
  return rows.map((cells) => {
    const email = emailColumn >= 0 ? (cells[emailColumn] ?? '').trim() : '';
    return { name: (cells[nameColumn] ?? '').trim(), email: email === '' ? null : email };
  });
}
