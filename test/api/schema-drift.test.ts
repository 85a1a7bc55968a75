import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSortedSchema, SCHEMA_FILE } from '../../src/cli/print-schema.ts';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run codegen` after changing the schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSortedSchema());
  });
});
