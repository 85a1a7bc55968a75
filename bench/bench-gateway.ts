// The gateway as the benches run it: composed like `npm start` (src/composition.ts) from an environment
// that points at this bench's database and emulator, silent, with the queue's sweeps off. The caller
// closes `gateway` (and its own emulator).
import { pino } from 'pino';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { composeGateway, type Gateway } from '../src/composition.ts';
import { loadEnv } from '../src/env.ts';

export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchGatewayOptions {
  databaseUrl: string;
  emulator: RunningEmulator;
  /** SDK timeout per request; default 30 s. The SDK waits out a 429 twice at most (the gateway's default). */
  timeoutSeconds?: number;
  /** Pace Auth0 calls from the rate-limit headers (default off: most benches measure the request path). */
  pacing?: boolean;
  /** Queue retries before FAILED (default 5, 1-10 s apart). */
  retryLimit?: number;
  /** Gateways sharing a database and a prefix share a queue. */
  queuePrefix?: string;
  /** Work the queue in this process (4 jobs at once, or `concurrency`), or only enqueue. */
  workers: boolean;
  /** The fetch the auth0 SDK sends with (a bench that times its Auth0 calls wraps it). */
  auth0Fetch?: typeof fetch;
  /** Jobs of each kind worked at once (PROVISIONING_CONCURRENCY; default 4). */
  concurrency?: number;
  /** GRAPHQL_MAX_COST, for a bench that measures pages larger than the default limit lets through. */
  maxCost?: number;
}

export async function startBenchGateway(options: BenchGatewayOptions): Promise<Gateway> {
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    AUTH0_EMULATOR_URL: options.emulator.url,
    AUTH0_TIMEOUT_SECONDS: String(options.timeoutSeconds ?? 30),
    AUTH0_PACING: String(options.pacing ?? false),
    PROVISIONING_RETRY_LIMIT: String(options.retryLimit ?? 5),
    PROVISIONING_RETRY_DELAY_SECONDS: '1',
    PROVISIONING_RETRY_DELAY_MAX_SECONDS: '10',
    PROVISIONING_CONCURRENCY: String(options.concurrency ?? 4),
    PROVISIONING_SWEEP_SECONDS: '0',
    VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
    // The fair share per caller still runs (its upsert is part of a change's cost) but never refuses: one
    // bench imports more rows than the default 1,200 per hour (caller-limit behaviour is tested in test/).
    CALLER_LIMIT_POINTS: '1000000',
    ...(options.maxCost ? { GRAPHQL_MAX_COST: String(options.maxCost) } : {}),
  });
  const gateway = composeGateway(env, {
    logger: pino({ level: 'silent' }),
    migrate: true,
    tuning: {
      ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
      ...(options.auth0Fetch ? { auth0Fetch: options.auth0Fetch } : {}),
    },
  });
  await gateway.app();
  if (options.workers) await gateway.startWorkers();
  return gateway;
}
