// Writes schema.graphql from the code (sorted, so diffs show real changes). `--check` fails instead
// of writing when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../schema/index.ts';
import { EXIT, parseCommand } from './command.ts';

export const SCHEMA_FILE = new URL('../../schema.graphql', import.meta.url);

export function printSortedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseCommand({
    command: 'tsx src/cli/print-schema.ts',
    usage: `usage: tsx src/cli/print-schema.ts [--check]      (npm run codegen runs it)

  --check  exit 1 when the committed schema.graphql differs from the code, instead of writing it`,
    options: { check: { type: 'boolean' } },
  });
  const printed = printSortedSchema();
  if (values.check) {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== printed) {
      console.error('schema.graphql is stale: run `npm run codegen`');
      process.exit(EXIT.failed);
    }
  } else {
    writeFileSync(SCHEMA_FILE, printed);
    console.log('wrote schema.graphql');
  }
}
