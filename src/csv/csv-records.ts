// The one CSV reader of the import and the reports (RFC 4180, by csv-parse): commas, quoted fields with
// "" escapes and line breaks, CRLF, LF or CR line ends (mixed too), an optional BOM. Rows may hold fewer
// or more fields than the header; a quote inside an unquoted field is kept as a character.
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line of the file where the record starts (a quoted line break makes it span several). */
  line: number;
  fields: string[];
}

/** The file is not CSV from `line` on (the record that starts there). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Every record in file order, except lines that hold no value at all (empty, or nothing but commas). */
export function readCsvRecords(text: string): CsvRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineCounter(bytes);
  const records: CsvRecord[] = [];
  let recordStart = 0;
  try {
    parse(bytes, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      // Empty lines come through as records so that every byte belongs to one: the next record starts
      // where this one ended.
      skip_empty_lines: false,
      on_record: (fields: string[], context) => {
        records.push({ line: lineAt(recordStart), fields });
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new CsvSyntaxError(lineAt(recordStart), reasonOf(error));
    throw error;
  }
  return records.filter((record) => record.fields.some((field) => field !== ''));
}

function reasonOf(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field starts here and is never closed (a missing closing ")';
  return error.message;
}

/**
 * Line numbers for byte offsets, asked in increasing order. By hand, because csv-parse's `info.lines`
 * names a record's last line, not its first, and counts a CRLF inside a quoted field twice.
 */
function lineCounter(bytes: Buffer): (offset: number) => number {
  const CR = 0x0d;
  const LF = 0x0a;
  let line = 1;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned += 1) {
      const byte = bytes[scanned];
      if (byte === LF || (byte === CR && bytes[scanned + 1] !== LF)) line += 1;
    }
    return line;
  };
}
