import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsvRecords } from '../../src/csv/csv-records.ts';

describe('readCsvRecords', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, mixed line ends and a BOM', () => {
    expect(readCsvRecords('\ufeffname,email\r\n"Doe, John","j""d@x.com"\n"Multi\nLine",\n\n')).toEqual([
      { line: 1, fields: ['name', 'email'] },
      { line: 2, fields: ['Doe, John', 'j"d@x.com'] },
      { line: 3, fields: ['Multi\nLine', ''] },
    ]);
  });

  it('numbers each record by the line it starts on, past quoted line breaks (LF, CRLF, CR) and skipped blank lines', () => {
    expect(readCsvRecords('h\n"one\ntwo"\nafter\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['one\ntwo'] },
      { line: 4, fields: ['after'] },
    ]);
    expect(readCsvRecords('h,v\r\n"a\r\nb\r\nc",1\r\n\r\n,\r\nlast,2')).toEqual([
      { line: 1, fields: ['h', 'v'] },
      { line: 2, fields: ['a\r\nb\r\nc', '1'] },
      { line: 7, fields: ['last', '2'] },
    ]);
    expect(readCsvRecords('h\r"x\ry"\rz')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['x\ry'] },
      { line: 4, fields: ['z'] },
    ]);
  });

  it('keeps rows shorter or longer than the header, a whitespace-only row, and a quote inside an unquoted field', () => {
    expect(readCsvRecords('a,b,c\nonly\n1,2,3,4\n , \nJohn "JJ" Doe,x\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['only'] },
      { line: 3, fields: ['1', '2', '3', '4'] },
      { line: 4, fields: [' ', ' '] },
      { line: 5, fields: ['John "JJ" Doe', 'x'] },
    ]);
  });

  it('reads an empty file as no records', () => {
    expect(readCsvRecords('')).toEqual([]);
    expect(readCsvRecords('\ufeff\n\r\n')).toEqual([]);
  });

  it('refuses a quoted field that never closes, naming the line the broken record starts on', () => {
    const text = 'name,email\n"Multi\nLine",m@x.com\n\n"Bob,b@x.com\nCy,c@x.com\n';
    const thrown = (() => {
      try {
        readCsvRecords(text);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(CsvSyntaxError);
    expect(thrown).toMatchObject({ line: 5, message: 'line 5: a quoted field starts here and is never closed (a missing closing ")' });
  });
});
