// A small RFC 4180 reader for the import CLI: quoted fields, doubled quotes, CRLF or LF, a header row.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i += 1) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i += 1;
      row.push(field);
      field = '';
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}

export interface CsvEmployeeRow {
  name: string;
  email: string;
  department: string;
  role?: string | null;
}

/** Rows by the header's column names (name, email, department, optional role; any order, case-insensitive). */
export function employeeRowsFromCsv(text: string): CsvEmployeeRow[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const columns = header.map((name) => name.trim().toLowerCase());
  for (const required of ['name', 'email', 'department']) {
    if (!columns.includes(required)) throw new Error(`the CSV header must name a "${required}" column (found: ${columns.join(', ')})`);
  }
  const at = (values: string[], name: string) => {
    const index = columns.indexOf(name);
    return index < 0 ? '' : (values[index] ?? '');
  };
  return body.map((values) => {
    const role = at(values, 'role').trim().toUpperCase();
    return { name: at(values, 'name'), email: at(values, 'email'), department: at(values, 'department'), role: role === '' ? null : role };
  });
}
