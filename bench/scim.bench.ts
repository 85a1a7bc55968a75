// `npm run bench:scim [-- --count 200 --employees 100000 --sync 1000 --concurrency 5 --time-scale 1]`: the
// SCIM door (issue 21) on a real HTTP port, in one run:
// 1. A SCIM create's time outside Auth0 against createEmployee's, interleaved, one at a time, rate limits off
//    (the server times each request and, through the SDK's fetch, its time inside Auth0 calls): p50 within 2 ms.
// 2. `userName eq` and `externalId eq` lookups among `employees` employees: <= 10 ms p50 (client round trip).
// 3. An initial sync as an identity provider sends it: `concurrency` at a time, each user looked up by
//    userName first, then created, under the emulator's essentials limits at real speed (`time-scale` 1):
//    every user CREATED within 1.10x the write-users bucket's bound for the writes made ((accepted - burst)
//    / rate), with at most 1 % of answers 429 (the gateway's to the client, and Auth0's to the gateway).
// Figures: docs/benchmarks.md "scim".
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestListener } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.ts';
import type { Gateway } from '../src/composition.ts';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';
import { seedDataScale } from './data-scale-seed.ts';
import { Goals } from './goals.ts';
import { LoopbackServers, percentile } from './loopback-servers.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    employees: { type: 'string', default: '100000' },
    lookups: { type: 'string', default: '300' },
    sync: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '5' },
    'time-scale': { type: 'string', default: '1' },
  },
});
const count = Number(values.count);
const employeeCount = Number(values.employees);
const lookups = Number(values.lookups);
const syncUsers = Number(values.sync);
const concurrency = Number(values.concurrency);
const timeScale = Number(values['time-scale']);
const WRITE_USERS = { burst: 20, perSecond: 200 / 60 };
const SCIM_JSON = 'application/scim+json';
const goals = new Goals('scim');

const CREATE_EMPLOYEE = `mutation($input: CreateEmployeeInput!) {
  createEmployee(input: $input) { __typename ... on CreateEmployeePayload { employee { id auth0SyncStatus } } }
}`;

interface ServerTiming {
  totalMs: number;
  auth0Ms: number;
}
const requestTiming = new AsyncLocalStorage<ServerTiming>();

/** The SDK's fetch, timed into the request it serves: until the answer's body has arrived. */
const timedAuth0Fetch: typeof fetch = async (input, init) => {
  const timing = requestTiming.getStore();
  const started = performance.now();
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  if (timing) timing.auth0Ms += performance.now() - started;
  return new Response(body.byteLength === 0 ? null : body, { status: response.status, statusText: response.statusText, headers: response.headers });
};

/** A user as Okta's SCIM 2.0 reference sends it on create (its password is ignored by the gateway). */
function oktaUser(id: string, department = 'Picking') {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    userName: `${id}@warehouse-example.com`,
    name: { givenName: 'Scim', familyName: `Person ${id}` },
    emails: [{ primary: true, value: `${id}@warehouse-example.com`, type: 'work' }],
    displayName: `Scim Person ${id}`,
    locale: 'en-US',
    externalId: `00u${id}`,
    groups: [],
    password: 'Okta-Sends-1-Always',
    active: true,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department },
  };
}

async function run(databaseUrl: string) {
  const emulator = await startEmulator({ port: 0 });
  const control = new EmulatorControl(emulator.url);
  let gateway: Gateway | undefined;
  const servers = new LoopbackServers();
  try {
    gateway = await startBenchGateway({ databaseUrl, emulator, pacing: true, retryLimit: 10, workers: true, timeoutSeconds: 30, auth0Fetch: timedAuth0Fetch });
    let timings: ServerTiming[] = [];
    const appHandler = (await gateway.app()) as unknown as RequestListener;
    const base = await servers.serve((request, response) => {
      const timing: ServerTiming = { totalMs: 0, auth0Ms: 0 };
      const started = performance.now();
      response.once('finish', () => {
        timing.totalMs = performance.now() - started;
        timings.push(timing);
      });
      requestTiming.run(timing, () => appHandler(request, response));
    });
    await fetch(`${base}/ready`);
    const manager = await control.mintToken({ sub: 'auth0|bench-manager', permissions: [...ROLE_PERMISSIONS.manager], expiresIn: 3600 });
    const admin = { id: 'auth0|bench-admin', correlationId: null, permissions: new Set(['manage:provisioning']) };
    const created = await (await gateway.services()).scimTokens.create(admin, { name: 'bench-okta', maxRole: 'TEAM_LEAD' });
    if (created instanceof Error) throw created;
    const scimHeaders = { authorization: `Bearer ${created.token}`, 'content-type': SCIM_JSON, accept: SCIM_JSON };

    const scim = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${base}/scim/v2${path}`, { method, headers: scimHeaders, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.status, body: (await response.json().catch(() => null)) as Record<string, unknown> | null };
    };
    const stamp = Date.now().toString(36);
    let sequence = 0;
    const graphqlCreate = async () => {
      sequence += 1;
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
        body: JSON.stringify({ query: CREATE_EMPLOYEE, variables: { input: { name: `Bench Person ${sequence}`, email: `gql.${stamp}.${sequence}@warehouse-example.com`, department: 'Picking' } } }),
      });
      const body = (await response.json()) as { data?: { createEmployee?: { __typename?: string } } };
      if (body.data?.createEmployee?.__typename !== 'CreateEmployeePayload') throw new Error(`createEmployee: ${JSON.stringify(body)}`);
    };
    const scimCreate = async () => {
      sequence += 1;
      const answer = await scim('POST', '/Users', oktaUser(`c${stamp}${sequence}`));
      if (answer.status !== 201) throw new Error(`SCIM create: ${answer.status} ${JSON.stringify(answer.body)}`);
    };

    // 1. Create: warm both paths, then interleave so both see the same machine (`--count 0` skips it).
    if (count > 0) {
      for (let i = 0; i < 20; i += 1) {
        await graphqlCreate();
        await scimCreate();
      }
      const graphqlTimings: ServerTiming[] = [];
      const scimTimings: ServerTiming[] = [];
      for (let i = 0; i < count; i += 1) {
        timings = [];
        await graphqlCreate();
        graphqlTimings.push(...timings);
        timings = [];
        await scimCreate();
        scimTimings.push(...timings);
      }
      const outside = (samples: ServerTiming[]) => samples.map((timing) => timing.totalMs - timing.auth0Ms);
      const create = {
        graphql: percentile(outside(graphqlTimings), 0.5),
        scim: percentile(outside(scimTimings), 0.5),
      };
      console.log(`\n1. create, ${count} each, interleaved, rate limits off (server time; Auth0 time taken out)`);
      console.table({
        'createEmployee: outside Auth0': summary(outside(graphqlTimings)),
        'SCIM POST /Users: outside Auth0': summary(outside(scimTimings)),
        'createEmployee: inside Auth0': summary(graphqlTimings.map((timing) => timing.auth0Ms)),
        'SCIM POST /Users: inside Auth0': summary(scimTimings.map((timing) => timing.auth0Ms)),
      });
      goals.atMost('create: SCIM p50 outside Auth0 - createEmployee p50', create.scim - create.graphql, 2, ' ms');
    }

    // 2. Lookups among `employees` employees, seeded in SQL, userName = email (`--lookups 0` skips it).
    if (lookups > 0) {
      const seeded = await seedWorkforce(databaseUrl, employeeCount);
      const lookupTimes = { userName: [] as number[], externalId: [] as number[] };
      for (let i = 0; i < 20 + lookups; i += 1) {
        const n = 1 + ((i * 7919) % employeeCount);
        for (const [attribute, value] of [['userName', seeded.userName(n)], ['externalId', seeded.externalId(n)]] as const) {
          const started = performance.now();
          const answer = await scim('GET', `/Users?filter=${encodeURIComponent(`${attribute} eq "${value}"`)}`);
          const elapsed = performance.now() - started;
          if (answer.status !== 200 || answer.body?.totalResults !== 1) throw new Error(`${attribute} eq: ${answer.status} ${JSON.stringify(answer.body)}`);
          if (i >= 20) lookupTimes[attribute].push(elapsed);
        }
      }
      console.log(`\n2. lookups among ${employeeCount} employees, one at a time (client round trip)`);
      console.table({ 'userName eq': summary(lookupTimes.userName), 'externalId eq': summary(lookupTimes.externalId) });
      goals.atMost('lookup: userName eq p50', percentile(lookupTimes.userName, 0.5), 10, ' ms');
      goals.atMost('lookup: externalId eq p50', percentile(lookupTimes.externalId, 0.5), 10, ' ms');
    }

    // 3. The initial sync, under essentials at real speed, from a full write bucket.
    await control.configure({ preset: 'essentials', timeScale });
    await sleep((WRITE_USERS.burst / (WRITE_USERS.perSecond * timeScale)) * 1000 + 500);
    const before = await control.requests();
    const statuses: Record<number, number> = {};
    const ids = Array.from({ length: syncUsers }, (_, i) => `s${stamp}${i}`);
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) {
          const user = oktaUser(ids[next++]!, 'Receiving');
          const found = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${user.userName}"`)}`);
          statuses[found.status] = (statuses[found.status] ?? 0) + 1;
          if (found.status !== 200 || found.body?.totalResults !== 0) throw new Error(`sync lookup: ${found.status} ${JSON.stringify(found.body)}`);
          const made = await scim('POST', '/Users', user);
          statuses[made.status] = (statuses[made.status] ?? 0) + 1;
          if (made.status !== 201) throw new Error(`sync create: ${made.status} ${JSON.stringify(made.body)}`);
        }
      }),
    );
    const answeredSeconds = (performance.now() - started) / 1000;
    const { prisma } = await gateway.database();
    const done = () => prisma.employee.count({ where: { department: 'Receiving', email: { startsWith: `s${stamp}` }, auth0SyncStatus: { in: ['CREATED', 'VERIFIED'] } } });
    let createdCount = 0;
    while ((createdCount = await done()) < syncUsers) {
      const failed = await prisma.employee.count({ where: { email: { startsWith: `s${stamp}` }, auth0SyncStatus: 'FAILED' } });
      if (failed > 0) throw new Error(`${failed} synced users FAILED`);
      await sleep(250);
    }
    const seconds = (performance.now() - started) / 1000;
    const after = await control.requests();
    const accepted = writeUsers(after.statuses, before.statuses, (status) => status !== '429');
    const auth0Limited = writeUsers(after.statuses, before.statuses, (status) => status === '429');
    const auth0429 = Object.entries(after.statuses).reduce((n, [route, byStatus]) => n + (byStatus['429'] ?? 0) - (before.statuses[route]?.['429'] ?? 0), 0);
    const bound = Math.max(0, accepted - WRITE_USERS.burst) / (WRITE_USERS.perSecond * timeScale);
    const scimRequests = Object.values(statuses).reduce((a, b) => a + b, 0);
    console.log(`\n3. initial sync: ${syncUsers} users, ${concurrency} at a time (lookup, then create), essentials x${timeScale}`);
    console.table({
      sync: {
        'all answered s': round(answeredSeconds),
        'all CREATED s': round(seconds),
        'bound s': round(bound),
        ratio: round(seconds / bound, 3),
        created: createdCount,
        'write-users accepted': accepted,
        'write-users 429': auth0Limited,
      },
    });
    console.log('  SCIM answers by status:', statuses, ' Auth0 429s:', auth0429, ' Auth0 calls:', delta(after.counts, before.counts));
    goals.atMost('sync: all CREATED / write-users bound', seconds / bound, 1.1);
    goals.atMost('sync: SCIM answers 429 / SCIM requests', (statuses[429] ?? 0) / scimRequests, 0.01);
    goals.atMost('sync: Auth0 429s / Auth0 requests', auth0429 / Math.max(1, after.total - before.total), 0.01);
    goals.atLeast('sync: users CREATED / users sent', createdCount / syncUsers, 1);
  } finally {
    await servers.close();
    await gateway?.close();
    await emulator.close();
  }
}

/** `n` employees in SQL (data-scale's seed), each with a userName (its email) and an external id. */
async function seedWorkforce(databaseUrl: string, n: number) {
  const started = performance.now();
  await seedDataScale(databaseUrl, { employees: n, auditEvents: n, importBatches: 20 });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('ALTER TABLE "Employee" DISABLE TRIGGER USER');
    await client.query(`UPDATE "Employee" SET "userName" = email, "externalId" = coalesce("externalId", 'HR-' || substr(md5(email), 1, 12)) WHERE "userName" IS NULL`);
    await client.query('ALTER TABLE "Employee" ENABLE TRIGGER USER');
    await client.query('VACUUM (ANALYZE) "Employee"');
    const { rows } = await client.query<{ userName: string; externalId: string }>(
      `SELECT "userName", "externalId" FROM "Employee" WHERE "userName" IS NOT NULL AND "externalId" LIKE 'HR-%' ORDER BY id LIMIT $1`,
      [n],
    );
    console.log(`\nseeded ${rows.length} employees with userName and externalId in ${round((performance.now() - started) / 1000)} s`);
    return { userName: (i: number) => rows[(i - 1) % rows.length]!.userName, externalId: (i: number) => rows[(i - 1) % rows.length]!.externalId };
  } finally {
    await client.end();
  }
}

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([route, n]) => [route, n - (before[route] ?? 0)]).filter(([, n]) => (n as number) > 0));
}

/** Write-users calls (POST/PATCH/PUT on /api/v2/users) between two snapshots whose status passes `which`. */
function writeUsers(after: Record<string, Record<string, number>>, before: Record<string, Record<string, number>>, which: (status: string) => boolean): number {
  const of = (statuses: Record<string, number> | undefined) => Object.entries(statuses ?? {}).filter(([status]) => which(status)).reduce((n, [, c]) => n + c, 0);
  return Object.entries(after)
    .filter(([route]) => /^(POST|PATCH|PUT) \/api\/v2\/users(\/|$)/.test(route))
    .reduce((sum, [route, statuses]) => sum + of(statuses) - of(before[route]), 0);
}

function summary(samples: number[]) {
  return { n: samples.length, 'p50 ms': round(percentile(samples, 0.5)), 'p90 ms': round(percentile(samples, 0.9)), 'p99 ms': round(percentile(samples, 0.99)) };
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
goals.report();
