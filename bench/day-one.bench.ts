// `npm run bench:day-one [-- --rows 1000 --adopted 700 --time-scale 1]`: day one (docs/migration.md) under
// the emulator's essentials limits. A dry run of `rows` rows, `adopted` of which have a hand-made Auth0
// account, must cost at most one read per 50 rows and no write; the run must adopt at no more than 1.05
// Management API writes per adopted employee (role batches included) and finish within 1.10x the
// write-users bucket's bound for the writes it makes ((accepted writes - burst) / rate).
import { parseArgs } from 'node:util';
import { createManagementClient } from '../src/auth0/management-client.ts';
import { randomStrongPassword } from '../src/auth0/random-password.ts';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { BENCH_ADMIN_URL } from './bench-gateway.ts';
import { Goals } from './goals.ts';
import { serveGateway } from './served-gateway.ts';

const { values } = parseArgs({ options: { rows: { type: 'string' }, adopted: { type: 'string' }, 'time-scale': { type: 'string' } } });
const rows = Number(values.rows ?? 1000);
const adopted = Number(values.adopted ?? Math.round(rows * 0.7));
const timeScale = Number(values['time-scale'] ?? 1);
const WRITE_USERS = { burst: 20, perSecond: 200 / 60 };
const goals = new Goals('day-one');

const IMPORT = `mutation($input: ImportEmployeesInput!) {
  importEmployees(input: $input) { __typename ... on ImportEmployeesPayload { batchId created adopted conflicts } }
}`;
const PROGRESS = `query($id: ID!) { importBatch(id: $id) { finished provisioned failed pending } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', async (databaseUrl) => {
  const served = await serveGateway(databaseUrl, { preset: 'off', timeScale: 1 }, 'dayone_');
  try {
    const stamp = Date.now().toString(36);
    const employees = Array.from({ length: rows }, (_, i) => ({
      name: `Day One ${i}`,
      email: `dayone.${stamp}.${i}@warehouse-example.com`,
      department: 'Bench',
      externalId: `HR-${stamp}-${i}`,
    }));
    // The hand-made accounts, made before the limits apply (an administrator made them over months).
    const client = createManagementClient({
      domain: served.emulator.domain,
      clientId: served.emulator.clientId,
      clientSecret: served.emulator.clientSecret,
      timeoutSeconds: 10,
      maxRetries: 0,
      rewriteToBaseUrl: served.emulator.url,
    });
    for (let start = 0; start < adopted; start += 50) {
      await Promise.all(
        employees.slice(start, Math.min(adopted, start + 50)).map((employee) =>
          client.users.create({ connection: 'Username-Password-Authentication', email: employee.email, password: randomStrongPassword(), verify_email: false }),
        ),
      );
    }
    await served.control.configure({ preset: 'essentials', timeScale });
    // The search index catches up, and the write bucket starts full, as the bound assumes.
    await sleep(Math.max(600, (WRITE_USERS.burst / (WRITE_USERS.perSecond * timeScale)) * 1000 + 200));

    const before = await served.control.requests();
    await served.graphql(IMPORT, { input: { employees, dryRun: true, adoptExistingAccounts: true } });
    const dry = await served.control.requests();
    const dryCounts = delta(dry.counts, before.counts);
    const dryReads = dryCounts['GET /api/v2/users'] ?? 0;
    const dryWrites = writesOf(dryCounts);

    const started = performance.now();
    const { importEmployees } = await served.graphql<{ importEmployees: { batchId: string; created: number; adopted: number; conflicts: number } }>(IMPORT, {
      input: { employees, adoptExistingAccounts: true },
    });
    let progress: { finished: boolean; provisioned: number; failed: number; pending: number };
    do {
      await sleep(200);
      progress = (await served.graphql<{ importBatch: typeof progress }>(PROGRESS, { id: importEmployees.batchId })).importBatch;
    } while (!progress.finished);
    // Adopted accounts are CREATED once they have their role; their metadata may still be on its way.
    const { prisma } = await served.gateway.database();
    const owed = () => prisma.employee.count({ where: { importBatchId: importEmployees.batchId, accountRevision: { gt: prisma.employee.fields.auth0AccountRevision } } });
    while ((await owed()) > 0) await sleep(200);
    const seconds = (performance.now() - started) / 1000;
    const after = await served.control.requests();
    const counts = delta(after.counts, dry.counts);
    const accepted = acceptedWriteUsers(after.statuses, dry.statuses);
    const bound = Math.max(0, accepted - WRITE_USERS.burst) / (WRITE_USERS.perSecond * timeScale);
    const patches = counts['PATCH /api/v2/users/:id'] ?? 0;
    const roleBatches = counts['POST /api/v2/roles/:id/users'] ?? 0;
    const adoptedWrites = patches + roleBatches * (importEmployees.adopted / rows);

    console.log(`\nday one: ${rows} rows, ${adopted} with a hand-made account, essentials x${timeScale}`);
    console.table({
      'dry run': { reads: dryReads, writes: dryWrites, 'reads per 50 rows': round((dryReads * 50) / rows, 3) },
      run: {
        'wall s': round(seconds),
        'bound s': round(bound),
        ratio: round(seconds / bound, 3),
        adopted: importEmployees.adopted,
        created: importEmployees.created,
        'writes per adopted': round(adoptedWrites / Math.max(1, importEmployees.adopted), 3),
        'writes per employee': round(writesOf(counts) / rows, 3),
      },
    });
    console.log('  calls:', counts);
    goals.atMost('dry run: reads per 50 rows', (dryReads * 50) / rows, 1);
    goals.atMost('dry run: writes', dryWrites, 0);
    goals.atLeast('run: rows adopted / rows with an account', importEmployees.adopted / Math.max(1, adopted), 1);
    goals.atMost('run: writes per adopted employee (role batches included)', adoptedWrites / Math.max(1, importEmployees.adopted), 1.05);
    goals.atMost('run: wall time / write-users bound', seconds / bound, 1.1);
    goals.atLeast('run: rows provisioned / rows', progress.provisioned / rows, 1);
  } finally {
    await served.close();
  }
});
goals.report();

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([route, n]) => [route, n - (before[route] ?? 0)]).filter(([, n]) => (n as number) > 0));
}

/** Management API writes: users created or changed, and role assignments. */
function writesOf(counts: Record<string, number>): number {
  return Object.entries(counts)
    .filter(([route]) => /^(POST|PATCH|PUT|DELETE) \/api\/v2\//.test(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Calls the write-users bucket accepted (anything but 429) between two snapshots. */
function acceptedWriteUsers(after: Record<string, Record<string, number>>, before: Record<string, Record<string, number>>): number {
  const ok = (statuses: Record<string, number> | undefined) => Object.entries(statuses ?? {}).filter(([status]) => status !== '429').reduce((n, [, c]) => n + c, 0);
  return Object.entries(after)
    .filter(([route]) => /^(POST|PATCH|PUT) \/api\/v2\/users(\/|$)/.test(route))
    .reduce((sum, [route, statuses]) => sum + ok(statuses) - ok(before[route]), 0);
}
