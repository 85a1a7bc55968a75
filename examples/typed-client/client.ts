// A codegen-typed Node consumer of the gateway: each operation is a TypedDocumentNode, so its variables
// and its result are checked against the schema at compile time.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { AddEmployeeDocument, RecentEmployeesDocument } from './generated/graphql.ts';

// The gateway's address (its /graphql endpoint; a bare http://host:port gets /graphql added).
const url = graphqlUrl(process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql');
const token = process.env.GATEWAY_TOKEN; // npm run token -- --role manager

function graphqlUrl(given: string): string {
  const parsed = new URL(given);
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/graphql';
  return parsed.href;
}

async function request<Result, Variables>(document: TypedDocumentNode<Result, Variables>, variables: Variables): Promise<Result> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  }).catch((error: unknown) => {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    throw new Error(`the gateway does not answer at ${url}${code ? ` (${code})` : ''}: start it (npm start) or set GATEWAY_URL`);
  });
  const body = (await response.json().catch(() => ({}))) as { data?: Result; errors?: { message: string }[] };
  if (!body.data) throw new Error(body.errors?.map((error) => error.message).join('; ') ?? `the gateway answered HTTP ${response.status} at ${url}`);
  return body.data;
}

async function main(): Promise<void> {
  const { createEmployee } = await request(AddEmployeeDocument, {
    input: { name: 'Typed Client', email: process.argv[2] ?? 'typed.client@example.com', department: 'Picking' },
  });
  if (createEmployee.__typename === 'CreateEmployeePayload') {
    console.log(`added ${createEmployee.employee.email}: ${createEmployee.employee.auth0SyncStatus}`);
  } else {
    console.log(`not added (${createEmployee.__typename}): ${createEmployee.message}`);
  }
  const { employees } = await request(RecentEmployeesDocument, { first: 5 });
  for (const { node } of employees.edges) console.log(`${node.name} <${node.email}> ${node.auth0SyncStatus}`);
  console.log(`${employees.totalCount} employees`);
}

// One line and exit 1 on any failure (the gateway down, a refused token), not a stack trace.
await main().catch((error: unknown) => {
  console.error(`typed-client: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
