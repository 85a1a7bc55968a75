// Management API requests and latency of a page of employees with their live Auth0 user (and roles),
// through the whole gateway (batched loaders), against the one-request-per-employee way as the same-run
// baseline (GET /users/{id} for each, plus GET /users/{id}/roles for each when roles are asked, all at
// once, as a naive resolver would), with the emulator's `essentials` rate limits on.
//   npm run bench:reads [-- --sizes 20,100,500 --time-scale 10 --latency-ms 50 --runs 3]
// Each measurement starts with full rate-limit buckets (the preset is re-applied), except the
// "sustained" rows: back-to-back page loads that share the buckets, as busy managers would.
// Goals (issue 13, goal 4), for the largest page (500): with auth0User, at most one search per 100
// employees plus one direct read per user the lagging search index misses (measured with and without
// lag); with roles too, at most that plus 1 (the role catalogue) plus one member-list page per role and
// per further 100 members (checkpoint pages of GET /roles/{id}/users). Figures: docs/benchmarks.md `## reads`.
import { parseArgs } from 'node:util';
import { startEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.ts';
import { withScratchDatabase } from '../src/db/migrations.ts';
import type { Gateway } from '../src/composition.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';
import { Goals } from './goals.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20,100,500' },
    'time-scale': { type: 'string', default: '10' },
    'latency-ms': { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
    sustained: { type: 'string', default: '5' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const timeScale = Number(values['time-scale']);
const latencyMs = Number(values['latency-ms']);
const runs = Number(values.runs);
const sustainedLoads = Number(values.sustained);

const PAGE = `query($first: Int!, $department: String!) {
  employees(first: $first, filter: { department: $department }) {
    edges { node { id auth0UserMissing auth0User { userId emailVerified blocked lastLogin loginsCount } } }
  }
}`;
const PAGE_WITH_ROLES = PAGE.replace('loginsCount }', 'loginsCount roles }');

interface Measurement {
  ms: number;
  calls: number;
  rateLimited: number;
  failed: number;
}

async function run(databaseUrl: string) {
  const emulator = await startEmulator({ port: 0, config: { searchLagMs: 0 } });
  const control = new EmulatorControl(emulator.url);
  let gateway: Gateway | undefined;
  try {
    // SDK timeout 30 s, maxRetries 2 (the gateway's default: a 429 is waited out twice at most); no workers.
    // The default cost limit refuses these pages (first: $n is counted since issue 18): this bench measures
    // the Auth0 reads of pages an operator who raises GRAPHQL_MAX_COST can ask for.
    gateway = await startBenchGateway({ databaseUrl, emulator, workers: false, maxCost: 100_000 });
    const app = await gateway.app();
    const { prisma } = await gateway.database();
    const identityProvider = (await gateway.identity()).provider;
    const token = await control.mintToken({ sub: 'auth0|bench-manager', permissions: [...ROLE_PERMISSIONS.manager] });

    // Seed the largest page: employees with Auth0 users (rate limits off while seeding).
    const largest = Math.max(...sizes);
    const department = 'Bench Reads';
    const employees: { id: string; auth0UserId: string }[] = [];
    const roles = ['production_associate', 'team_lead', 'manager', 'admin'];
    const membersPerRole = new Map<string, number>(roles.map((role) => [role, 0]));
    for (let i = 0; i < largest; i += 8) {
      await Promise.all(
        Array.from({ length: Math.min(8, largest - i) }, async (_, j) => {
          const n = i + j;
          const row = await prisma.employee.create({
            data: { name: `Bench Reader ${n}`, email: `bench.reader.${n}@warehouse-example.com`, department, auth0SyncStatus: 'CREATED' },
          });
          const user = await identityProvider.createUser({ email: row.email, name: row.name, employeeId: row.id });
          await identityProvider.assignRoles(user.userId, [roles[n % 4]!]);
          membersPerRole.set(roles[n % 4]!, membersPerRole.get(roles[n % 4]!)! + 1);
          await prisma.employee.update({ where: { id: row.id }, data: { auth0UserId: user.userId, createdAt: new Date(Date.UTC(2026, 0, 1) + n * 1000) } });
          employees.push({ id: row.id, auth0UserId: user.userId });
        }),
      );
    }
    // The page is newest first: its first N employees.
    const ordered = await prisma.employee.findMany({ where: { department }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });

    // Switching the preset refills every bucket: each measurement starts from Auth0's full burst.
    const limits = async () => {
      await control.configure({ preset: 'off' });
      await control.configure({ preset: 'essentials', timeScale, latency: latencyMs > 0 ? { fixedMs: latencyMs, jitterMs: 10 } : null });
    };
    const counted = async (work: () => Promise<number>): Promise<Measurement> => {
      const before = await control.requests();
      const started = performance.now();
      const failed = await work();
      const ms = performance.now() - started;
      const after = await control.requests();
      let calls = 0;
      let rateLimited = 0;
      for (const [route, count] of Object.entries(after.counts)) {
        if (!route.includes('/api/v2/')) continue;
        calls += count - (before.counts[route] ?? 0);
        rateLimited += (after.statuses[route]?.['429'] ?? 0) - (before.statuses[route]?.['429'] ?? 0);
      }
      return { ms, calls, rateLimited, failed };
    };
    const gatewayPage = (size: number, query: string) => async (): Promise<number> => {
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { first: size, department } }),
      });
      const body = (await response.json()) as { data?: { employees: { edges: { node: { auth0User: unknown } }[] } }; errors?: unknown[] };
      const edges = body.data?.employees.edges ?? [];
      if (edges.length !== size) throw new Error(`expected ${size} employees: ${JSON.stringify(body).slice(0, 500)}`);
      return edges.filter((edge) => edge.node.auth0User === null).length;
    };
    const naivePage = (size: number, withRoles = false) => async (): Promise<number> => {
      const page = await prisma.employee.findMany({ where: { department }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: size });
      const outcomes = await Promise.allSettled(
        page.flatMap((employee) => [
          identityProvider.getUserProfile(employee.auth0UserId!),
          ...(withRoles ? [identityProvider.getUserRoles(employee.auth0UserId!)] : []),
        ]),
      );
      return outcomes.filter((outcome) => outcome.status === 'rejected').length;
    };

    // Warm-up: the M2M token, JIT, the role catalogue.
    await gatewayPage(20, PAGE_WITH_ROLES)();
    await naivePage(5)();

    const rows: Record<string, Record<string, number | string>> = {};
    const record = (label: string, samples: Measurement[]) => {
      const ms = samples.map((sample) => sample.ms).sort((a, b) => a - b);
      rows[label] = {
        runs: samples.length,
        'p50 ms': Math.round(ms[Math.floor(ms.length / 2)]!),
        'max ms': Math.round(ms.at(-1)!),
        'API calls': samples[0]!.calls,
        '429s': samples.reduce((total, sample) => total + sample.rateLimited, 0),
        'failed users': samples.reduce((total, sample) => total + sample.failed, 0),
      };
    };
    for (const size of sizes) {
      for (const [label, work] of [
        [`${size}: batched (gateway)`, gatewayPage(size, PAGE)],
        [`${size}: batched + roles`, gatewayPage(size, PAGE_WITH_ROLES)],
        [`${size}: one call per employee`, naivePage(size)],
        [`${size}: two calls per employee (+ roles)`, naivePage(size, true)],
      ] as const) {
        const samples: Measurement[] = [];
        for (let run = 0; run < runs; run += 1) {
          await limits();
          samples.push(await counted(work));
        }
        record(label, samples);
      }
      rows[`${size}: batched (gateway)`]!['calls / naive'] = ratio(rows[`${size}: batched (gateway)`]!, rows[`${size}: one call per employee`]!, 'API calls');
      rows[`${size}: batched (gateway)`]!['p50 / naive'] = ratio(rows[`${size}: batched (gateway)`]!, rows[`${size}: one call per employee`]!, 'p50 ms');
      rows[`${size}: batched + roles`]!['calls / naive'] = ratio(rows[`${size}: batched + roles`]!, rows[`${size}: two calls per employee (+ roles)`]!, 'API calls');
      rows[`${size}: batched + roles`]!['p50 / naive'] = ratio(rows[`${size}: batched + roles`]!, rows[`${size}: two calls per employee (+ roles)`]!, 'p50 ms');
    }
    // Back-to-back loads of a 100-employee page sharing the buckets.
    const sustainedSize = Math.min(100, largest);
    for (const [label, work] of [
      [`${sustainedSize} x${sustainedLoads} back to back: batched`, gatewayPage(sustainedSize, PAGE)],
      [`${sustainedSize} x${sustainedLoads} back to back: per employee`, naivePage(sustainedSize)],
    ] as const) {
      await limits();
      const samples: Measurement[] = [];
      for (let load = 0; load < sustainedLoads; load += 1) samples.push(await counted(work));
      record(label, samples);
      rows[label]!['API calls'] = samples.reduce((total, sample) => total + sample.calls, 0);
    }

    console.log(
      `Employee pages with auth0User, emulator preset essentials (users read: 40 burst, 500/min) at timeScale ${timeScale} ` +
        `(buckets refill ${timeScale}x faster), ${latencyMs} ms (+0-10) latency per Auth0 request, SDK maxRetries 2, node ${process.version}. ` +
        `${ordered.length} employees seeded. "API calls" counts Management API requests (429s included) per load; sustained rows sum all loads.`,
    );
    console.table(rows);

    // Search lag: users created just now are not in the search index yet; each costs one direct read.
    const fresh = 5;
    const lagMs = 60_000;
    await control.configure({ preset: 'off', searchLagMs: lagMs });
    for (let n = largest; n < largest + fresh; n += 1) {
      const row = await prisma.employee.create({
        data: { name: `Bench Reader ${n}`, email: `bench.reader.${n}@warehouse-example.com`, department, auth0SyncStatus: 'CREATED' },
      });
      const user = await identityProvider.createUser({ email: row.email, name: row.name, employeeId: row.id });
      await identityProvider.assignRoles(user.userId, ['production_associate']);
      await prisma.employee.update({ where: { id: row.id }, data: { auth0UserId: user.userId, createdAt: new Date(Date.UTC(2026, 1, 1) + n * 1000) } });
    }
    membersPerRole.set('production_associate', membersPerRole.get('production_associate')! + fresh);
    await limits();
    const lagged = await counted(gatewayPage(largest, PAGE));
    await limits();
    const laggedWithRoles = await counted(gatewayPage(largest, PAGE_WITH_ROLES));
    console.log(
      `\n${largest} employees, ${fresh} of them created just now (search lag ${lagMs / 1000} s): ${lagged.calls} API calls with auth0User ` +
        `(${lagged.failed} users unread), ${laggedWithRoles.calls} with roles too.`,
    );

    const searches = Math.ceil(largest / 100);
    // The role catalogue (one page: 4 roles) plus each role's member list in checkpoint pages of 100.
    const roleReads = 1 + [...membersPerRole.values()].reduce((pages, members) => pages + Math.max(1, Math.ceil(members / 100)), 0);
    const goals = new Goals('reads');
    const batched = rows[`${largest}: batched (gateway)`]!;
    const withRoles = rows[`${largest}: batched + roles`]!;
    goals.atMost(`${largest} with auth0User: API calls (<= 1 search per 100)`, Number(batched['API calls']), searches);
    goals.atMost(`${largest} with auth0User, ${fresh} not indexed yet: API calls`, lagged.calls, searches + fresh);
    goals.atMost(`${largest} with roles: API calls (searches + catalogue + member pages)`, Number(withRoles['API calls']), searches + roleReads);
    goals.atMost(`${largest} with roles, ${fresh} not indexed yet: API calls`, laggedWithRoles.calls, searches + fresh + roleReads);
    goals.atMost(`${largest} with auth0User: calls / one per employee`, Number(batched['calls / naive']), 0.05);
    goals.atMost(`${largest} with roles: calls / two per employee`, Number(withRoles['calls / naive']), 0.05);
    goals.atMost(`${largest}: users left unread by the gateway`, Number(batched['failed users']) + Number(withRoles['failed users']) + lagged.failed + laggedWithRoles.failed, 0);
    goals.report();
  } finally {
    await gateway?.close();
    await emulator.close();
  }
}

function ratio(row: Record<string, number | string>, baseline: Record<string, number | string>, column: string): number {
  return Math.round((Number(row[column]) / Number(baseline[column])) * 1000) / 1000;
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
