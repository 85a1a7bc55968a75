// Several replicas on one tenant: 1, 2 and 3 gateway processes plus a worker process (`src/server.ts` and
// `src/cli/worker.ts`, started as an operator starts them) on one database, one queue and one emulator
// tenant with Auth0's essentials limits at real speed. A burst of rows is split across the gateways, sent to
// each as one `importEmployees` at the same moment, and timed until every row is CREATED. Baseline in the
// same run: the write-users bucket's bound for the calls Auth0 accepted ((accepted - 20 burst) / (200/min)),
// as in bench:provisioning. Every configuration gets a fresh emulator (so a new tenant, learned from nothing)
// and its own queue schema. Goals (issue 24): wall / bound <= 1.10, <= 1 % of calls answered 429, <= 1.05
// Management API calls per employee, every row provisioned; for each configuration, side by side.
//   npm run bench:replicas [-- --rows 300 --gateways 1,2,3]
// Figures: docs/benchmarks.md, section replicas.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.ts';
import { applyMigrations, withScratchDatabase } from '../src/db/migrations.ts';
import { BENCH_ADMIN_URL } from './bench-gateway.ts';
import { Goals } from './goals.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '300' },
    gateways: { type: 'string', default: '1,2,3' },
    'time-scale': { type: 'string', default: '1' },
    trace: { type: 'boolean', default: false },
  },
});
const rows = Number(values.rows);
const configurations = values.gateways.split(',').map(Number);
const timeScale = Number(values['time-scale']);
const BURST = 20;
const PER_SECOND = (200 / 60) * timeScale;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const goals = new Goals('replicas');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Child {
  process: ChildProcess;
  stop: () => Promise<void>;
  output: () => string;
}

/** `node --import tsx <entry>` with `env`; resolves once it logs `readyLine`. */
async function startChild(entry: string, env: Record<string, string>, readyLine: string): Promise<Child> {
  const { NODE_OPTIONS: _options, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-100_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = performance.now();
  while (!output.includes(readyLine)) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output.slice(-5000)}`);
    if (performance.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not get ready:\n${output.slice(-5000)}`);
    }
    await sleep(50);
  }
  return {
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const IMPORT = `mutation($input: ImportEmployeesInput!) {
  importEmployees(input: $input) { __typename ... on ImportEmployeesPayload { batchId created } }
}`;

async function importEmployees(url: string, token: string, employees: { name: string; email: string; department: string }[]): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: IMPORT, variables: { input: { employees } } }),
  });
  const body = (await response.json()) as { data?: { importEmployees: { created?: number } }; errors?: unknown };
  if (body.errors || body.data?.importEmployees.created !== employees.length) throw new Error(`import: ${JSON.stringify(body).slice(0, 2000)}`);
}

interface Figures {
  gateways: number;
  wall: number;
  bound: number;
  calls: number;
  tooMany: number;
  roleBatches: number;
  provisioned: number;
  firstCreate: number;
  lastCreate: number;
}

async function measure(databaseUrl: string, db: pg.Client, gateways: number): Promise<Figures> {
  const emulator = await startEmulator({ port: 0, callerRoles: ROLE_PERMISSIONS, config: { preset: 'essentials', timeScale } });
  const control = new EmulatorControl(emulator.url);
  const schema = `pgboss_replicas_${gateways}`;
  const env = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DATABASE_URL: databaseUrl,
    AUTH0_EMULATOR_URL: emulator.url,
    PROVISIONING_QUEUE_SCHEMA: schema,
    PROVISIONING_SWEEP_SECONDS: '0',
    VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
    PROVISIONING_RETRY_DELAY_SECONDS: '1',
    PROVISIONING_RETRY_DELAY_MAX_SECONDS: '10',
  };
  const children: Child[] = [];
  try {
    const urls: string[] = [];
    // One at a time: the first creates the queue schema; the others find it.
    for (let i = 0; i < gateways; i += 1) {
      const port = await freePort();
      children.push(await startChild('src/server.ts', { ...env, PORT: String(port) }, 'gateway ready'));
      urls.push(`http://127.0.0.1:${port}/graphql`);
    }
    children.push(await startChild('src/cli/worker.ts', { ...env, METRICS_PORT: String(await freePort()) }, 'provisioning worker ready'));
    const token = await control.mintToken({ sub: 'auth0|replicas-bench', roles: ['admin'] });
    for (const url of urls) await fetch(url.replace('/graphql', '/ready'));
    // Start with the write bucket full, as the bound assumes (the start-up probes drew from other buckets).
    await sleep((BURST / PER_SECOND) * 1000 + 500);
    const before = await control.requests();
    const stamp = `replicas${gateways}.${Date.now().toString(36)}`;
    const all = Array.from({ length: rows }, (_, i) => ({ name: `Replica Bench ${i}`, email: `${stamp}.${i}@warehouse-example.com`, department: 'Bench' }));
    const startedAt = Date.now();
    const started = performance.now();
    // --trace: the write bucket's shared row, every second (what every process's pacer reads and writes).
    const tracer = values.trace
      ? setInterval(() => {
          db.query(`SELECT tokens, "refillPerSec", "inFlight", "rateMeasured" FROM "Auth0RateLimitBucket" WHERE key LIKE '%users:write'`)
            .then(({ rows: [row] }) => console.log(`  ${((Date.now() - startedAt) / 1000).toFixed(1)} s`, JSON.stringify(row)))
            .catch(() => undefined);
        }, 1000)
      : undefined;
    await Promise.all(urls.map((url, g) => importEmployees(url, token, all.filter((_, i) => i % gateways === g))));
    let provisioned = 0;
    for (;;) {
      const { rows: [row] } = await db.query<{ created: string; failed: string }>(
        `SELECT count(*) FILTER (WHERE "auth0SyncStatus" IN ('CREATED', 'VERIFIED')) AS created, count(*) FILTER (WHERE "auth0SyncStatus" = 'FAILED') AS failed
           FROM "Employee" WHERE email LIKE $1`,
        [`${stamp}.%`],
      );
      provisioned = Number(row!.created);
      if (provisioned + Number(row!.failed) >= rows) break;
      if (performance.now() - started > 15 * 60_000) throw new Error(`not provisioned in time: ${JSON.stringify(row)}`);
      await sleep(100);
    }
    const wall = (performance.now() - started) / 1000;
    clearInterval(tracer);
    const after = await control.requests();
    const management = (route: string) => route.includes(' /api/v2/');
    const byStatus = (route: string, status: (s: string) => boolean) =>
      Object.entries(after.statuses[route] ?? {}).filter(([s]) => status(s)).reduce((n, [, c]) => n + c, 0) -
      Object.entries(before.statuses[route] ?? {}).filter(([s]) => status(s)).reduce((n, [, c]) => n + c, 0);
    const routes = Object.keys(after.statuses).filter(management);
    const calls = routes.reduce((n, route) => n + byStatus(route, () => true), 0);
    const tooMany = routes.reduce((n, route) => n + byStatus(route, (s) => s === '429'), 0);
    const accepted = routes.filter((route) => /^(POST|PATCH|PUT) \/api\/v2\/users(\/|$)/.test(route)).reduce((n, route) => n + byStatus(route, (s) => s !== '429'), 0);
    const creates = after.requests.filter((entry) => entry.route === 'POST /api/v2/users' && entry.at >= startedAt);
    const refused = after.requests.filter((entry) => entry.status === 429 && entry.at >= startedAt);
    if (refused.length > 0) console.log(`  ${gateways} gateways: 429s (s after the import, route):`, refused.slice(0, 15).map((entry) => `${((entry.at - startedAt) / 1000).toFixed(2)} ${entry.route}`).join('; '));
    return {
      gateways,
      wall,
      bound: Math.max(0, accepted - BURST) / PER_SECOND,
      calls,
      tooMany,
      roleBatches: byStatus('POST /api/v2/roles/:id/users', () => true),
      provisioned,
      firstCreate: ((creates[0]?.at ?? startedAt) - startedAt) / 1000,
      lastCreate: ((creates.at(-1)?.at ?? startedAt) - startedAt) / 1000,
    };
  } finally {
    for (const child of children.reverse()) await child.stop();
    await emulator.close();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench_replicas', async (databaseUrl) => {
  await applyMigrations(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const results: Figures[] = [];
    for (const gateways of configurations) {
      const figures = await measure(databaseUrl, db, gateways);
      results.push(figures);
      console.log(`${gateways} gateway(s) + worker: ${figures.provisioned}/${rows} in ${figures.wall.toFixed(1)} s (bound ${figures.bound.toFixed(1)} s)`);
    }
    console.log(`\n${rows} rows split across the gateways, essentials x${timeScale}, each configuration with one worker process:`);
    console.table(
      Object.fromEntries(
        results.map((r) => [
          `${r.gateways} gateway(s) + worker`,
          {
            'wall s': +r.wall.toFixed(1),
            'bound s': +r.bound.toFixed(1),
            ratio: +(r.wall / r.bound).toFixed(3),
            'calls/employee': +(r.calls / rows).toFixed(3),
            '429 %': +((100 * r.tooMany) / Math.max(1, r.calls)).toFixed(2),
            'role batches': r.roleBatches,
            'first create s': +r.firstCreate.toFixed(2),
            'tail s': +(r.wall - r.lastCreate).toFixed(2),
          },
        ]),
      ),
    );
    for (const r of results) {
      const name = `${r.gateways} gateway(s) + worker`;
      goals.atMost(`${name}: wall time / write-users bound`, r.wall / r.bound, 1.1);
      goals.atMost(`${name}: 429 share`, (100 * r.tooMany) / Math.max(1, r.calls), 1, ' %');
      goals.atMost(`${name}: Management API calls per employee`, r.calls / rows, 1.05);
      goals.atLeast(`${name}: rows provisioned / rows`, r.provisioned / rows, 1);
    }
  } finally {
    await db.end();
  }
});
goals.report();
