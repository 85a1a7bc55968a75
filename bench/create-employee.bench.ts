// Latency of createEmployee through the whole gateway (yoga's HTTP pipeline, PostgreSQL, the auth0
// SDK, the emulator over HTTP with no added latency and rate limits off). Prints figures; asserts nothing.
//   npm run bench:create-employee [-- --count 300 --concurrency 8]
import { parseArgs } from 'node:util';
import { startEmulator } from '../src/auth0-emulator/index.ts';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { ROLE_PERMISSIONS } from '../src/auth/permissions.ts';
import { EmulatorControl } from '../src/auth0-emulator/control-client.ts';
import type { Gateway } from '../src/composition.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '8' } },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);

const MUTATION = `mutation($input: CreateEmployeeInput!) {
  createEmployee(input: $input) { __typename ... on CreateEmployeePayload { employee { id auth0UserId auth0SyncStatus } } }
}`;

async function run(databaseUrl: string) {
  const emulator = await startEmulator({ port: 0 });
  let gateway: Gateway | undefined;
  try {
    gateway = await startBenchGateway({ databaseUrl, emulator, timeoutSeconds: 10, workers: true });
    const app = await gateway.app();
    const token = await new EmulatorControl(emulator.url).mintToken({
      sub: 'auth0|bench-manager',
      permissions: [...ROLE_PERMISSIONS.manager],
    });
    let sequence = 0;
    const createOne = async (): Promise<number> => {
      sequence += 1;
      const started = performance.now();
      const response = await app.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: MUTATION,
          variables: { input: { name: `Bench Person ${sequence}`, email: `bench.${sequence}@warehouse-example.com`, department: 'Picking' } },
        }),
      });
      const body = (await response.json()) as { data?: { createEmployee?: { employee?: { auth0SyncStatus?: string } } } };
      const elapsed = performance.now() - started;
      if (body.data?.createEmployee?.employee?.auth0SyncStatus !== 'CREATED') {
        throw new Error(`unexpected response: ${JSON.stringify(body)}`);
      }
      return elapsed;
    };

    for (let i = 0; i < 20; i += 1) await createOne(); // warm-up: token fetch, role-id cache, JIT

    const sequential: number[] = [];
    for (let i = 0; i < count; i += 1) sequential.push(await createOne());

    const parallel: number[] = [];
    const wallStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < Math.ceil(count / concurrency); i += 1) parallel.push(await createOne());
      }),
    );
    const wallSeconds = (performance.now() - wallStarted) / 1000;

    console.log(`createEmployee against the emulator (no added latency, rate limits off), node ${process.version}`);
    console.table({
      sequential: { ...summary(sequential), 'per s': round(sequential.length / (sum(sequential) / 1000)) },
      [`${concurrency} concurrent`]: { ...summary(parallel), 'per s': round(parallel.length / wallSeconds) },
    });
  } finally {
    await gateway?.close();
    await emulator.close();
  }
}

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { n: samples.length, 'p50 ms': at(0.5), 'p90 ms': at(0.9), 'p99 ms': at(0.99), 'mean ms': round(sum(samples) / samples.length) };
}

function sum(samples: number[]): number {
  return samples.reduce((total, value) => total + value, 0);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
