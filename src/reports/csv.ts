// Just enough CSV (RFC 4180) for a PodFactory roster export: commas, quoted fields with "" escapes and
// line breaks, CRLF or LF, an optional BOM.

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

/**
 * Roster rows: `name,email` (email optional). A first row whose cells are the words name/email (any
 * case, any order) is a header and picks the columns.
 */
export function parseRoster(text: string): { name: string; email: string | null }[] {
  const rows = parseCsv(text);
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
