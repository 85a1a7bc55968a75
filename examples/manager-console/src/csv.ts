import type { EmployeeRole, ImportEmployeeRowInput } from './generated/graphql.ts';

/** Rows of a `name,email,department[,role]` CSV (header first; quoted fields may hold commas and "" quotes). */
export function parseEmployeeCsv(text: string): ImportEmployeeRowInput[] {
  const records = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map(splitLine);
  const header = (records.shift() ?? []).map((field) => field.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  if (at('name') < 0 || at('email') < 0 || at('department') < 0) throw new Error('The CSV needs a header row: name,email,department[,role]');
  return records.map((fields) => {
    const role = at('role') >= 0 ? fields[at('role')]?.trim() : undefined;
    return {
      name: fields[at('name')]?.trim() ?? '',
      email: fields[at('email')]?.trim() ?? '',
      department: fields[at('department')]?.trim() ?? '',
      // The CLI's files say team_lead; the schema's enum is TEAM_LEAD (an unknown role is refused by the gateway).
      ...(role ? { role: role.toUpperCase() as EmployeeRole } : {}),
    };
  });
}

function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
