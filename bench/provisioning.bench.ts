// Provisioning cost and pacing: Auth0 calls per provisioned employee for one createEmployee and for a
// 500-row importEmployees, and that import's wall time under the emulator's `essentials` preset
// (time-scaled) against the lower bound its write-users and other-endpoints budgets allow. Own database.
//   npm run bench:provisioning [-- --rows 500 --time-scale 10]
import { parseArgs } from 'node:util';
import { startEmulator, type RunningEmulator } from '../src/auth0-emulator/index.ts';
import { EmulatorControl } from '../src/auth0-emulator/control-client.ts';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { createEmployee } from '../src/services/employee-provisioning.service.ts';
import { importBatchProgress, importEmployees } from '../src/services/employee-import.service.ts';
import type { Gateway } from '../src/composition.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '500' }, 'time-scale': { type: 'string', default: '10' } } });
const rows = Number(values.rows);
const timeScale = Number(values['time-scale']);
const actor = { id: 'bench', correlationId: null };

async function gateway(databaseUrl: string, emulator: RunningEmulator, prefix: string) {
  const composed = await startBenchGateway({ databaseUrl, emulator, pacing: true, retryLimit: 10, queuePrefix: prefix, workers: true });
  return { gateway: composed, deps: (await composed.provisioning()).deps, pacer: (await composed.pacer())! };
}

function apiCalls(counts: Record<string, number>): number {
  return Object.entries(counts).filter(([route]) => route.includes('/api/v2/')).reduce((sum, [, n]) => sum + n, 0);
}

async function run(url: string) {
  const gateways: Gateway[] = [];
  const emulators: RunningEmulator[] = [];
  try {

    // 1. One createEmployee (rate limits off): cold (token, role lookup) and warm.
    const single = await startEmulator({ port: 0 });
    emulators.push(single);
    const singleControl = new EmulatorControl(single.url);
    const a = await gateway(url, single, 'single_');
    gateways.push(a.gateway);
    const deps = a.deps;
    const first = await createEmployee(deps, actor, { name: 'Bench First', email: `first.${Date.now()}@warehouse-example.com`, department: 'Bench' });
    const cold = (await singleControl.requests()).counts;
    const second = await createEmployee(deps, actor, { name: 'Bench Second', email: `second.${Date.now()}@warehouse-example.com`, department: 'Bench' });
    const warmCounts = (await singleControl.requests()).counts;
    const warm = Object.fromEntries(Object.entries(warmCounts).map(([route, n]) => [route, n - (cold[route] ?? 0)]));
    console.log(`single create: ${'auth0SyncStatus' in first ? first.auth0SyncStatus : '?'} / ${'auth0SyncStatus' in second ? second.auth0SyncStatus : '?'}`);
    console.log(`  cold (first in process): ${apiCalls(cold)} Management API calls + ${cold['POST /oauth/token'] ?? 0} token`, cold);
    console.log(`  warm: ${apiCalls(warm)} Management API calls per employee`, warm);

    // 2. A rows-row import under essentials, time-scaled.
    const bulk = await startEmulator({ port: 0, config: { preset: 'essentials', timeScale } });
    emulators.push(bulk);
    const bulkControl = new EmulatorControl(bulk.url);
    const b = await gateway(url, bulk, 'bulk_');
    gateways.push(b.gateway);
    const { prisma } = b.deps;
    const stamp = Date.now().toString(36);
    const input = Array.from({ length: rows }, (_, i) => ({ name: `Bench Import ${i}`, email: `bench.${stamp}.${i}@warehouse-example.com`, department: 'Bench' }));
    const started = performance.now();
    const result = await importEmployees(b.deps, actor, input, { dryRun: false });
    let progress = await importBatchProgress({ prisma }, result.batchId!);
    while (progress && !progress.finished) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = await importBatchProgress({ prisma }, result.batchId!);
    }
    const seconds = (performance.now() - started) / 1000;
    const log = await bulkControl.requests();
    const tooMany = Object.values(log.statuses).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);
    const count = (route: string) => log.counts[route] ?? 0;
    const writes = count('POST /api/v2/users') + count('PATCH /api/v2/users/:id') + count('POST /api/v2/users/:id/roles');
    const others = apiCalls(log.counts) - writes - count('GET /api/v2/users-by-email') - count('GET /api/v2/users/:id') - count('GET /api/v2/users');
    // Essentials: write users 20 burst / 200 per min; all other endpoints 10 burst / 150 per min; refill x timeScale.
    const writeBound = Math.max(0, writes - 20) / ((200 / 60) * timeScale);
    const otherBound = Math.max(0, others - 10) / ((150 / 60) * timeScale);
    const lowerBound = Math.max(writeBound, otherBound);
    console.log(`import of ${rows} rows under essentials x${timeScale}: provisioned ${progress?.provisioned}, failed ${progress?.failed}`);
    console.log(`  Management API calls: ${apiCalls(log.counts)} (${(apiCalls(log.counts) / rows).toFixed(3)} per employee)`, log.counts);
    console.log(`  role assignment: ${count('POST /api/v2/roles/:id/users')} x POST /roles/{id}/users, ${count('POST /api/v2/users/:id/roles')} x POST /users/{id}/roles`);
    console.log(`  wall time ${seconds.toFixed(2)} s; lower bound ${lowerBound.toFixed(2)} s (write users ${writeBound.toFixed(2)} s, other ${otherBound.toFixed(2)} s); ratio ${(seconds / lowerBound).toFixed(2)}`);
    console.log(`  429 responses: ${tooMany}; pacer waits: ${b.pacer.stats.waited} (${(b.pacer.stats.waitedMs / 1000).toFixed(1)} s in total)`);
  } finally {
    for (const composed of gateways) await composed.close();
    for (const emulator of emulators) await emulator.close();
  }
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
