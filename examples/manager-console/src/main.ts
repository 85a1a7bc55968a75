// The manager console: add employees and watch their Auth0 account appear live, list them, resend an
// invitation, import a CSV with progress. Plain DOM; urql for queries and mutations, graphql-sse (GraphQL
// over Server-Sent Events, what the gateway serves) for subscriptions; every operation goes out as a
// persisted document (its hash only), typed by graphql-codegen from the gateway's schema.graphql.
import { Client, fetchExchange, subscriptionExchange, type AnyVariables, type TypedDocumentNode } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createSseClient } from 'graphql-sse';
import { parseEmployeeCsv } from './csv.ts';
import {
  ConsoleAddEmployeeDocument,
  ConsoleEmployeeStatusDocument,
  ConsoleEmployeesDocument,
  ConsoleImportDocument,
  ConsoleImportProgressDocument,
  ConsoleResendInvitationDocument,
  type EmployeeRowFragment,
} from './generated/graphql.ts';

declare global {
  interface Window {
    /** Injected by the gateway that serves the console (the development token in emulator mode). */
    __GATEWAY__?: { token?: string; identityProvider?: string };
  }
}

const injected = window.__GATEWAY__ ?? {};
let token = injected.token ?? sessionStorage.getItem('console-token') ?? '';
const endpoint = new URL('/graphql', location.href).toString();
const authorization = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

const sse = createSseClient({ url: endpoint, headers: authorization, retryAttempts: 0 });
const client = new Client({
  url: endpoint,
  requestPolicy: 'network-only',
  fetchOptions: () => ({ headers: authorization() }),
  exchanges: [
    // The gateway knows the console's documents by hash (src/generated/persisted-documents.json).
    persistedExchange({
      enforcePersistedQueries: true,
      enableForMutation: true,
      enableForSubscriptions: true,
      generateHash: async (_query, document) => hashOf(document),
    }),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => ({
          unsubscribe: sse.subscribe({ query: '', variables: request.variables ?? {}, extensions: request.extensions ?? {} }, sink),
        }),
      }),
    }),
  ],
});

function hashOf(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('not a persisted document');
  return hash.replace(/^sha256:/, '');
}

async function run<Data, Variables extends AnyVariables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
  const kind = hasOperation(document, 'mutation') ? 'mutation' : 'query';
  const result = await (kind === 'mutation' ? client.mutation(document, variables) : client.query(document, variables)).toPromise();
  if (result.error) throw result.error;
  return result.data!;
}

function hasOperation(document: unknown, operation: string): boolean {
  return (document as { definitions: { operation?: string }[] }).definitions.some((definition) => definition.operation === operation);
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const rows = new Map<string, HTMLTableRowElement>();
const watching = new Map<string, () => void>();
// The gateway allows a caller 10 open subscriptions: the console keeps a few for employees and one for an import.
const MAX_WATCHED = 6;

function showError(target: HTMLElement, error: unknown) {
  target.className = 'error';
  target.textContent = error instanceof Error ? error.message.replace(/^\[(GraphQL|Network)\] /, '') : String(error);
}

function renderRow(employee: EmployeeRowFragment, prepend = false) {
  let row = rows.get(employee.id);
  if (!row) {
    row = document.createElement('tr');
    row.dataset.email = employee.email;
    rows.set(employee.id, row);
    const body = $('employees');
    if (prepend) body.prepend(row);
    else body.append(row);
  }
  const verified = employee.auth0User ? (employee.auth0User.emailVerified ? 'yes' : 'no') : '';
  row.replaceChildren(
    ...[employee.name, employee.email, employee.department, employee.role].map((text) => cell(text)),
    cell(employee.auth0SyncStatus, `status status-${employee.auth0SyncStatus}`, employee.auth0SyncError ?? ''),
    cell(verified),
    actionCell(employee),
  );
  if (employee.auth0SyncStatus === 'PENDING') watch(employee.id);
  else unwatch(employee.id);
}

function cell(text: string, className = '', title = '') {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  if (title) td.title = title;
  return td;
}

function actionCell(employee: EmployeeRowFragment) {
  const td = document.createElement('td');
  if (employee.auth0SyncStatus !== 'CREATED') return td;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Resend invitation';
  const note = document.createElement('span');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { resendVerification } = await run(ConsoleResendInvitationDocument, { employeeId: employee.id });
      note.className = '';
      note.textContent = resendVerification.__typename === 'ResendVerificationPayload' ? ' Invitation sent' : ` ${'message' in resendVerification ? resendVerification.message : ''}`;
    } catch (error) {
      showError(note, error);
    } finally {
      button.disabled = false;
    }
  });
  td.append(button, note);
  return td;
}

/** Follows an employee's Auth0 status live until it is no longer PENDING. */
function watch(employeeId: string) {
  if (watching.has(employeeId) || watching.size >= MAX_WATCHED) return;
  const { unsubscribe } = client.subscription(ConsoleEmployeeStatusDocument, { employeeId }).subscribe((result) => {
    const employee = result.data?.employeeSyncStatus;
    if (employee) renderRow(employee);
  });
  watching.set(employeeId, unsubscribe);
}

function unwatch(employeeId: string) {
  watching.get(employeeId)?.();
  watching.delete(employeeId);
}

// The gateway's cost limit (GRAPHQL_MAX_COST) counts `first` as sent, variables too: 30 rows with their Auth0 profile fit its default.
const PAGE_SIZE = 30;

async function loadEmployees() {
  const { employees } = await run(ConsoleEmployeesDocument, { first: PAGE_SIZE });
  for (const unsubscribe of watching.values()) unsubscribe();
  watching.clear();
  rows.clear();
  $('employees').replaceChildren();
  for (const { node } of employees.edges) renderRow(node);
  $('employees-total').textContent = `${employees.totalCount} employees (newest ${employees.edges.length} shown)`;
}

$('add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const data = new FormData(form);
  const output = $('add-result');
  output.className = '';
  output.textContent = 'Adding…';
  try {
    const { createEmployee } = await run(ConsoleAddEmployeeDocument, {
      input: { name: String(data.get('name')), email: String(data.get('email')), department: String(data.get('department')) },
    });
    switch (createEmployee.__typename) {
      case 'CreateEmployeePayload':
        renderRow(createEmployee.employee, true);
        output.textContent = `Added ${createEmployee.employee.email}: ${createEmployee.employee.auth0SyncStatus}`;
        form.reset();
        break;
      case 'InputValidationError':
        output.className = 'error';
        output.textContent = createEmployee.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
        break;
      default:
        output.className = 'error';
        output.textContent = createEmployee.message;
    }
  } catch (error) {
    showError(output, error);
  }
});

$('import-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0];
  const output = $('import-result');
  const bar = $<HTMLProgressElement>('import-progress');
  output.className = '';
  if (!file) return;
  try {
    const employees = parseEmployeeCsv(await file.text());
    output.textContent = `Importing ${employees.length} rows…`;
    const { importEmployees } = await run(ConsoleImportDocument, { input: { employees, dryRun: false } });
    if (importEmployees.__typename !== 'ImportEmployeesPayload') throw new Error(importEmployees.message);
    const summary = `${importEmployees.created} new, ${importEmployees.alreadyExists} already there, ${importEmployees.invalid} invalid`;
    const invalid = importEmployees.rows.filter((row) => row.outcome === 'INVALID').map((row) => `row ${row.row}: ${row.reasons.join(', ')}`);
    output.textContent = [summary, ...invalid].join(' · ');
    if (!importEmployees.batchId || importEmployees.created === 0) return;
    bar.hidden = false;
    const { unsubscribe } = client.subscription(ConsoleImportProgressDocument, { batchId: importEmployees.batchId }).subscribe((result) => {
      const batch = result.data?.importBatchProgress;
      if (!batch) return;
      const done = batch.provisioned + batch.failed;
      bar.max = Math.max(1, batch.provisioned + batch.failed + batch.pending);
      bar.value = done;
      output.textContent = `${summary} · Auth0: ${batch.provisioned} created, ${batch.failed} failed, ${batch.pending} pending`;
      if (batch.finished) {
        unsubscribe();
        void loadEmployees();
      }
    });
  } catch (error) {
    showError(output, error);
  }
});

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  token = String(new FormData(event.currentTarget as HTMLFormElement).get('token')).trim();
  sessionStorage.setItem('console-token', token);
  $('token-section').hidden = true;
  void loadEmployees().catch((error: unknown) => showError($('employees-total'), error));
});

$('refresh').addEventListener('click', () => void loadEmployees().catch((error: unknown) => showError($('employees-total'), error)));
$('identity').textContent = injected.identityProvider ?? '';
if (token) void loadEmployees().catch((error: unknown) => showError($('employees-total'), error));
else $('token-section').hidden = false;
