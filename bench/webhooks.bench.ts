// Outgoing webhooks (issue 22) against a local receiver on loopback, with the gateway served like
// `npm start` (queue workers, pacing, the emulator's enterprise rate limits) on a scratch database:
//   latency  an employee.updated event reaches a healthy receiver <= 1 s p50 after its change commits
//            (measured from the event's own timestamp, the transaction's start, so slightly pessimistic);
//   import   a 500-row import: each employee.account_created arrives <= 5 s after the account was
//            recorded CREATED (the events never lag provisioning by more than 5 s);
//   outage   the receiver is down 60 s while changes go on, then back: every event arrives, each accepted
//            exactly once (no duplicate 2xx), in sequence order per employee, on the default backoff.
//
//   npm run bench:webhooks [-- latency import outage]
//
// Measured 2026-12-05 (session of issue 22) on the shared 2-core machine under load average ~30 (eight
// engineers' tests; provisioning itself ran 3-5x slower than its own benchmark's figures):
//   latency  p50 0.744 s, p95 1.63 s, max 3.3 s (met)
//   import   500 rows provisioned in 92 s, 1501 events delivered by 96 s, import.finished delivered;
//            account_created lag p50 29 s, max 64 s (MISSED: 500 employee.created events go first, strictly
//            one request at a time per endpoint; before successes were written in groups: max 146 s)
//   outage   60 s down, backlog delivered 21 s after the receiver came back (default backoff); 90 events,
//            0 missing, 0 accepted twice, 0 employees out of order (met)
//
// Fewer statements per drain (the lease reads the endpoint, one join per page, no empty-page query, the
// release records the last successes and says whether to look again; secrets opened once per lease): a
// drain woken for one event is 3 statements where it was 9. `import`, before and after interleaved in one
// session (2026-12-05 14:42-14:47, same machine, load average 14.7-18.4, four helpers' tests running):
//   before   account_created lag p50 7.6 s / 11.9 s, p95 14.0 s / 17.5 s, max 16.6 s / 20.3 s
//   after    account_created lag p50 0.30 s / 3.4 s, p95 10.9 s / 12.2 s, max 13.1 s / 15.4 s
// The typical event no longer waits for drain overhead; the max is the head of the import, whose 500
// employee.created events go first, one request at a time (the order rule), so it still misses 5 s under
// such load and is bounded by the request rate, not by round trips. `outage` after (load 12-14): 60 s down,
// backlog delivered 18.4 s after the receiver came back; 90 events, 0 missing, 0 twice, 0 out of order (met).
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { BENCH_ADMIN_URL } from './bench-gateway.ts';
import { Goals } from './goals.ts';
import { percentile as quantile } from './loopback-servers.ts';
import { serveGateway, type Served } from './served-gateway.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const selected = (name: string) => positionals.length === 0 || positionals.includes(name);
const goals = new Goals('webhooks');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Arrival {
  id: string;
  type: string;
  timestamp: number;
  employeeId?: string;
  sequence?: number;
  at: number;
  accepted: boolean;
}

/** A receiver that records every request and answers 204 while `up`; a stopped one refuses connections. */
async function receiver(port = 0) {
  const arrivals: Arrival[] = [];
  let server: Server | null = null;
  const start = async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; timestamp: string; data: { employeeId?: string; sequence?: number } };
        arrivals.push({ id: String(request.headers['webhook-id']), type: body.type, timestamp: Date.parse(body.timestamp), employeeId: body.data.employeeId, sequence: body.data.sequence, at: Date.now(), accepted: true });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server!.address() as { port: number }).port;
  };
  await start();
  return {
    arrivals,
    url: () => `http://127.0.0.1:${port}/events`,
    start,
    stop: async () => {
      const closing = server!;
      server = null;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}

async function addEndpoint(served: Served, url: string) {
  const services = await served.gateway.services();
  return (await services.createWebhookEndpoint({ id: 'bench', correlationId: null }, { url, events: ['*'], description: 'bench' })).endpoint.id;
}

async function waitForNoPending(served: Served, endpointId: string, timeoutMs: number) {
  const { prisma } = await served.gateway.database();
  const deadline = Date.now() + timeoutMs;
  while ((await prisma.webhookDelivery.count({ where: { endpointId, status: { not: 'SUCCEEDED' } } })) > 0) {
    if (Date.now() > deadline) throw new Error('deliveries still pending');
    await sleep(200);
  }
}

const CREATE = `mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename ... on CreateEmployeePayload { employee { id } } } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateEmployeeInput!) { updateEmployee(employeeId: $id, input: $input) { __typename } }`;
const IMPORT = `mutation($input: ImportEmployeesInput!) { importEmployees(input: $input) { __typename ... on ImportEmployeesPayload { batchId created } } }`;

async function latency(served: Served) {
  const hooks = await receiver();
  const endpointId = await addEndpoint(served, hooks.url());
  const stamp = Date.now().toString(36);
  const { createEmployee } = await served.graphql<{ createEmployee: { employee: { id: string } } }>(CREATE, { input: { name: 'Bench Latency', email: `latency.${stamp}@warehouse-example.com`, department: 'Bench 0' } });
  await waitForNoPending(served, endpointId, 30_000);
  const samples: number[] = [];
  for (let i = 1; i <= 40; i += 1) {
    const before = hooks.arrivals.length;
    await served.graphql(UPDATE, { id: createEmployee.employee.id, input: { department: `Bench ${i}` } });
    while (!hooks.arrivals.slice(before).some((arrival) => arrival.type === 'employee.updated')) await sleep(5);
    const arrival = hooks.arrivals.slice(before).find((candidate) => candidate.type === 'employee.updated')!;
    samples.push((arrival.at - arrival.timestamp) / 1000);
    await sleep(100);
  }
  console.log(`latency: 40 updates, commit -> receiver p50 ${quantile(samples, 0.5).toFixed(3)} s, p95 ${quantile(samples, 0.95).toFixed(3)} s, max ${Math.max(...samples).toFixed(3)} s`);
  goals.atMost('event reaches a healthy receiver after commit, p50', quantile(samples, 0.5), 1, ' s');
  await (await served.gateway.services()).deleteWebhookEndpoint({ id: 'bench', correlationId: null }, endpointId);
  await hooks.stop();
}

async function bulkImport(served: Served) {
  const hooks = await receiver();
  const endpointId = await addEndpoint(served, hooks.url());
  const stamp = Date.now().toString(36);
  const employees = Array.from({ length: 500 }, (_, i) => ({ name: `Bench Hook ${i}`, email: `hook.${stamp}.${i}@warehouse-example.com`, department: 'Bench' }));
  const started = Date.now();
  const { importEmployees } = await served.graphql<{ importEmployees: { batchId: string; created: number } }>(IMPORT, { input: { employees } });
  const { prisma } = await served.gateway.database();
  while ((await prisma.employee.count({ where: { importBatchId: importEmployees.batchId, auth0SyncStatus: 'PENDING' } })) > 0) await sleep(250);
  const provisionedSeconds = (Date.now() - started) / 1000;
  await waitForNoPending(served, endpointId, 120_000);
  const rows = await prisma.employee.findMany({ where: { importBatchId: importEmployees.batchId }, select: { id: true, auth0AccountCreatedAt: true } });
  const lags = rows.map((row) => {
    const arrival = hooks.arrivals.find((candidate) => candidate.type === 'employee.account_created' && candidate.employeeId === encodeGlobalID('Employee', row.id));
    return arrival && row.auth0AccountCreatedAt ? (arrival.at - row.auth0AccountCreatedAt.getTime()) / 1000 : Number.POSITIVE_INFINITY;
  });
  const finished = hooks.arrivals.some((arrival) => arrival.type === 'import.finished');
  console.log(
    `import: 500 rows provisioned in ${provisionedSeconds.toFixed(1)} s; ${hooks.arrivals.length} events delivered by ${((Math.max(...hooks.arrivals.map((a) => a.at)) - started) / 1000).toFixed(1)} s; ` +
      `account_created lag behind CREATED p50 ${quantile(lags, 0.5).toFixed(3)} s, p95 ${quantile(lags, 0.95).toFixed(3)} s, max ${Math.max(...lags).toFixed(3)} s; import.finished ${finished ? 'delivered' : 'MISSING'}`,
  );
  goals.atMost('account_created lag behind provisioning, max', Math.max(...lags), 5, ' s');
  goals.atLeast('import.finished delivered', finished ? 1 : 0, 1);
  await (await served.gateway.services()).deleteWebhookEndpoint({ id: 'bench', correlationId: null }, endpointId);
  await hooks.stop();
}

async function outage(served: Served) {
  const hooks = await receiver();
  const endpointId = await addEndpoint(served, hooks.url());
  const stamp = Date.now().toString(36);
  const ids: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const { createEmployee } = await served.graphql<{ createEmployee: { employee: { id: string } } }>(CREATE, { input: { name: `Bench Outage ${i}`, email: `outage.${stamp}.${i}@warehouse-example.com`, department: 'Outage 0' } });
    ids.push(createEmployee.employee.id);
  }
  await waitForNoPending(served, endpointId, 30_000);
  await hooks.stop();
  const downAt = Date.now();
  // Changes all through the outage: every employee moves department six times, ten seconds apart.
  for (let round = 1; round <= 6; round += 1) {
    for (const id of ids) await served.graphql(UPDATE, { id, input: { department: `Outage ${round}` } });
    await sleep(Math.max(0, downAt + round * 10_000 - Date.now()));
  }
  await sleep(Math.max(0, downAt + 60_000 - Date.now()));
  await hooks.start();
  const upAt = Date.now();
  await waitForNoPending(served, endpointId, 15 * 60_000);
  const { prisma } = await served.gateway.database();
  const expected = await prisma.webhookDelivery.findMany({ where: { endpointId }, select: { eventId: true } });
  const received = new Map<string, number>();
  for (const arrival of hooks.arrivals) received.set(arrival.id, (received.get(arrival.id) ?? 0) + 1);
  const missing = expected.filter((delivery) => !received.has(`evt_${delivery.eventId}`)).length;
  const duplicates = [...received.values()].filter((count) => count > 1).length;
  const outOfOrder = ids.filter((id) => {
    const sequences = hooks.arrivals.filter((arrival) => arrival.employeeId === encodeGlobalID('Employee', id)).map((arrival) => arrival.sequence!);
    return sequences.some((sequence, i) => i > 0 && sequence <= sequences[i - 1]!);
  }).length;
  console.log(
    `outage: receiver down ${((upAt - downAt) / 1000).toFixed(0)} s; backlog delivered ${((Math.max(...hooks.arrivals.map((a) => a.at)) - upAt) / 1000).toFixed(1)} s after it came back; ` +
      `${expected.length} events, ${missing} missing, ${duplicates} delivered twice, ${outOfOrder} employees out of order`,
  );
  goals.atMost('events lost after a 60 s outage', missing, 0);
  goals.atMost('events accepted more than once', duplicates, 0);
  goals.atMost('employees whose events arrived out of sequence', outOfOrder, 0);
  await (await served.gateway.services()).deleteWebhookEndpoint({ id: 'bench', correlationId: null }, endpointId);
  await hooks.stop();
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', async (databaseUrl) => {
  const served = await serveGateway(databaseUrl, { preset: 'enterprise', timeScale: 1 }, 'hooks_');
  try {
    if (selected('latency')) await latency(served);
    if (selected('import')) await bulkImport(served);
    if (selected('outage')) await outage(served);
  } finally {
    await served.close();
  }
});
goals.report();
