// Throughput of the Auth0 emulator itself, so later benchmarks know it is not their bottleneck:
// POST /api/v2/users and a 50-id `user_id:(... OR ...)` search over a populated store, driven by N
// concurrent keep-alive clients, rate limits off. The load runs twice: from this process (client and
// server share one event loop, so figures are pessimistic) and from a child process. Prints a table.
//   npm run bench [-- --concurrency 32 --seconds 4 --users 10000 --ids 50 --client both]
// Goal (exit 1 when missed): the emulator answers creates and searches, from the child client, at >= 3x
// the fastest Management API rate the gateway's benchmarks drive through it (the Enterprise preset's
// global 16 per second at time scale 10), with no errors, so it is never what a benchmark measures.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator, type RunningEmulator } from '../src/index.ts';
import { bucketsFor } from '../src/rate-limit.ts';

type Scenario = 'create' | 'search';

interface LoadPlan {
  scenario: Scenario;
  url: string;
  token: string;
  concurrency: number;
  durationMs: number;
  /** Unique per run and client, so created emails never collide. */
  tag: string;
  /** Search: the user ids to draw 50-id batches from. */
  userIds: string[];
  idsPerQuery: number;
}

interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  p50: number;
  p99: number;
  /** Created user ids (create scenario), for the search store. */
  createdIds: string[];
}

const PASSWORD = 'Xq7#mW2$pL9&vR4!';
const CONNECTION = 'Username-Password-Authentication';
const SELF = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Load generation (runs in this process or in the child)

async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const createdIds: string[] = [];
  let errors = 0;
  let sequence = 0;
  const headers = { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const deadline = started + plan.durationMs;

  const one = async (): Promise<void> => {
    sequence += 1;
    const t0 = performance.now();
    let status = 'network-error';
    try {
      let response: Response;
      if (plan.scenario === 'create') {
        response = await fetch(`${plan.url}/api/v2/users`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            connection: CONNECTION,
            email: `bench.${plan.tag}.${sequence}@warehouse-example.com`,
            password: PASSWORD,
            verify_email: false,
          }),
        });
        const body = (await response.json()) as { user_id?: string };
        if (response.status === 201 && body.user_id) createdIds.push(body.user_id);
      } else {
        const ids = sample(plan.userIds, plan.idsPerQuery);
        const q = `user_id:(${ids.map((id) => `"${id}"`).join(' OR ')})`;
        const query = new URLSearchParams({ q, search_engine: 'v3', per_page: String(plan.idsPerQuery) });
        response = await fetch(`${plan.url}/api/v2/users?${query}`, { headers });
        const body = (await response.json()) as unknown[];
        if (response.status === 200 && Array.isArray(body) && body.length !== ids.length) status = `200-missing-users`;
      }
      if (status === 'network-error') status = String(response.status);
    } catch {
      // counted below
    }
    latencies.push(performance.now() - t0);
    statuses[status] = (statuses[status] ?? 0) + 1;
    const expected = plan.scenario === 'create' ? '201' : '200';
    if (status !== expected) errors += 1;
  };

  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    statuses,
    seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    createdIds,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function sample<T>(items: readonly T[], n: number): T[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(n, items.length)) picked.add(Math.floor(Math.random() * items.length));
  return [...picked].map((i) => items[i]!);
}

/** Runs the plan in a child process, so client and emulator do not share an event loop. */
function runInChild(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // process.execArgv carries tsx's loader flags, so the child can run this same .ts file.
    const child = fork(SELF, ['--worker'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => {
      resolve(message as LoadResult);
      child.disconnect();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load child exited with ${code}`));
    });
    child.send(plan);
  });
}

// ---------------------------------------------------------------------------------------------
// Orchestration

async function managementToken(emulator: RunningEmulator): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      audience: emulator.managementAudience,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || !body.access_token) throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '32' },
      seconds: { type: 'string', default: '4' },
      users: { type: 'string', default: '10000' },
      ids: { type: 'string', default: '50' },
      client: { type: 'string', default: 'both' },
    },
  });
  const concurrency = Number(values.concurrency);
  const durationMs = Number(values.seconds) * 1000;
  const storeSize = Number(values.users);
  const idsPerQuery = Number(values.ids);
  const clients = values.client === 'both' ? (['in-process', 'child'] as const) : ([values.client] as ['in-process' | 'child']);

  // Search lag 0: the search benchmark measures the query, not the indexing delay.
  const emulator = await startEmulator({ port: 0, config: { preset: 'off', searchLagMs: 0 } });
  const rows: Array<{ scenario: string; client: string; result: LoadResult }> = [];
  const userIds: string[] = [];
  try {
    const token = await managementToken(emulator);
    const base = { url: emulator.url, token, concurrency, durationMs, userIds: [], idsPerQuery };
    const run = (client: 'in-process' | 'child', plan: LoadPlan) => (client === 'child' ? runInChild(plan) : runLoad(plan));

    for (const client of clients) {
      const result = await run(client, { ...base, scenario: 'create', tag: `${Date.now()}-${client}` });
      userIds.push(...result.createdIds);
      rows.push({ scenario: 'POST /api/v2/users', client, result });
    }

    // Top the store up to the requested size (creates are cheap; these are not measured).
    if (userIds.length < storeSize) {
      userIds.push(...(await fillStore({ ...base, scenario: 'create', tag: `${Date.now()}-fill` }, storeSize - userIds.length)));
    }

    for (const client of clients) {
      const result = await run(client, { ...base, scenario: 'search', tag: 'search', userIds });
      rows.push({ scenario: `GET /api/v2/users?q=user_id:(${idsPerQuery} ids)`, client, result });
    }
  } finally {
    await emulator.close();
  }

  printTable(rows, { concurrency, durationMs, storeSize: userIds.length });
  if (!meetsGoals(rows)) process.exitCode = 1;
}

/** The time scale the gateway's benchmarks run presets at (bench/provisioning.bench.ts's fastest). */
const FASTEST_BENCH_TIME_SCALE = 10;

function meetsGoals(rows: Array<{ scenario: string; client: string; result: LoadResult }>): boolean {
  const enterprise = bucketsFor('enterprise', 'POST', '/api/v2/users')[0]!;
  const fastest = (enterprise.sustained / (enterprise.per === 'second' ? 1 : 60)) * FASTEST_BENCH_TIME_SCALE;
  // Hand-written rather than the gateway's bench/goals.ts: this package stands alone.
  let met = true;
  console.log(`\nemulator: goals (baseline: Enterprise global ${fastest}/s, the fastest rate a gateway benchmark drives)`);
  for (const { scenario, client, result } of rows.filter((row) => row.client === 'child' || !rows.some((other) => other.client === 'child'))) {
    const ratio = result.requests / result.seconds / fastest;
    const ok = ratio >= 3 && result.errors === 0;
    met &&= ok;
    console.log(`  ${scenario} (${client}): ${ratio.toFixed(1)}x the baseline (goal >= 3x), ${result.errors} errors: ${ok ? 'met' : 'MISSED'}`);
  }
  console.log(met ? 'emulator: all goals met' : 'emulator: goals missed');
  return met;
}

/** Creates exactly `count` users with 64 concurrent requests. */
async function fillStore(plan: LoadPlan, count: number): Promise<string[]> {
  const created: string[] = [];
  let next = 0;
  const headers = { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' };
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        next += 1;
        const response = await fetch(`${plan.url}/api/v2/users`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ connection: CONNECTION, email: `fill.${plan.tag}.${next}@warehouse-example.com`, password: PASSWORD, verify_email: false }),
        });
        const body = (await response.json()) as { user_id?: string };
        if (body.user_id) created.push(body.user_id);
      }
    }),
  );
  return created;
}

function printTable(rows: Array<{ scenario: string; client: string; result: LoadResult }>, meta: { concurrency: number; durationMs: number; storeSize: number }): void {
  console.log(
    `\nAuth0 emulator benchmark: ${meta.concurrency} concurrent keep-alive clients, ${meta.durationMs / 1000} s per run, ` +
      `rate limits off, store ${meta.storeSize} users, Node ${process.version}\n`,
  );
  const header = ['scenario', 'client', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'];
  const lines = rows.map(({ scenario, client, result }) => [
    scenario,
    client,
    String(result.requests),
    (result.requests / result.seconds).toFixed(0),
    result.p50.toFixed(2),
    result.p99.toFixed(2),
    result.errors === 0 ? '0' : `${result.errors} ${JSON.stringify(result.statuses)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i >= 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log('\nin-process: load generator shares the emulator\'s event loop; child: load from a separate process.');
}

if (process.argv.includes('--worker')) {
  process.once('message', (plan) => {
    void runLoad(plan as LoadPlan).then((result) => {
      // Created ids are needed by the parent; latencies are already reduced to percentiles.
      process.send?.(result, () => process.exit(0));
    });
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
