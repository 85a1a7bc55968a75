// The README's "What the API does" chapter (its tables, SCIM's and the webhooks' included) lists every
// root field of the schema (queries, mutations, subscriptions) with its arguments and the error types it
// can answer. It reads schema.graphql, so a
// field added anywhere fails here until its row is written, and the test needs no edit when one is.
import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isUnionType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('## What the API does'), readme.indexOf('## Who may call what'));
// A row: `| names | what it does |`; the names cell may hold several fields (`employee(id)`, `node(id)`).
const rows = table.split('\n').filter((line) => line.startsWith('| `'));
const rowOf = (field: string) => rows.find((row) => new RegExp(`^\\| [^|]*\`${field}[\`(]`).test(row));

const rootFields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
  .filter((type): type is GraphQLObjectType => type != null)
  .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type: type.name, field })));

describe('README API table', () => {
  it('has a row for every root field', () => {
    expect(rootFields.filter(({ field }) => !rowOf(field.name)).map(({ type, field }) => `${type}.${field.name}`)).toEqual([]);
  });

  it('names every argument and every error type of each root field in its row', () => {
    const missing: string[] = [];
    for (const { type, field } of rootFields) {
      const row = rowOf(field.name);
      if (!row) continue;
      for (const arg of field.args) if (!new RegExp(`\\b${arg.name}\\b`).test(row)) missing.push(`${type}.${field.name}(${arg.name})`);
      const result = getNamedType(field.type);
      if (!isUnionType(result)) continue;
      for (const member of result.getTypes()) if (member.name.endsWith('Error') && !row.includes(member.name)) missing.push(`${type}.${field.name}: ${member.name}`);
    }
    expect(missing).toEqual([]);
  });
});
