// The gateway as the benches run it: the auth0 SDK against an emulator, the provisioning runtime
// (pg-boss queue, optional workers) and the yoga app, all silent. Each bench keeps its own settings.
import { pino } from 'pino';
import { createApp } from '../src/app.ts';
import { Auth0IdentityProvider } from '../src/auth0/auth0-identity-provider.ts';
import { createManagementClient } from '../src/auth0/management-client.ts';
import type { RateLimitPacer } from '../src/auth0/rate-limit-pacer.ts';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { createCallerTokenVerifier } from '../src/auth/caller-token.ts';
import type { PrismaClient } from '../src/db/prisma-client.ts';
import {
  startProvisioningRuntime,
  type ProvisioningRuntime,
  type ProvisioningRuntimeOptions,
} from '../src/jobs/provisioning-runtime.ts';
import { AuditTrail } from '../src/services/audit-trail.ts';
import { DEFAULT_PROVISIONING_SETTINGS } from '../src/services/employee-provisioning.service.ts';

export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Workers as the benches that provision run them: no sweeps, no verification checks. */
export const BENCH_WORKERS = { concurrency: 4, pollingIntervalSeconds: 2, sweepIntervalSeconds: 0, verificationCheckIntervalSeconds: 0 };

export interface BenchGatewayOptions {
  databaseUrl: string;
  prisma: PrismaClient;
  emulator: RunningEmulator;
  /** SDK timeout per request; default 30 s. The SDK waits out a 429 twice at most (the gateway's default). */
  timeoutSeconds?: number;
  pacer?: RateLimitPacer;
  /** Overrides of the queue settings (default: schema pgboss, 5 retries, 1-10 s apart). */
  queue?: Partial<ProvisioningRuntimeOptions['queue']>;
  /** null: this process only enqueues. */
  workers: ProvisioningRuntimeOptions['workers'];
}

export interface BenchGateway {
  identityProvider: Auth0IdentityProvider;
  runtime: ProvisioningRuntime;
  /** createApp over the same dependencies; callers authenticate with tokens minted by the emulator. */
  app: ReturnType<typeof createApp>;
}

/** The caller closes `runtime` (and its own prisma client and emulator). */
export async function startBenchGateway(options: BenchGatewayOptions): Promise<BenchGateway> {
  const { databaseUrl, prisma, emulator } = options;
  const client = createManagementClient({
    domain: emulator.domain,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    timeoutSeconds: options.timeoutSeconds ?? 30,
    maxRetries: 2,
    rewriteToBaseUrl: emulator.url,
    ...(options.pacer ? { pacer: options.pacer } : {}),
  });
  const identityProvider = new Auth0IdentityProvider(client, { connection: 'Username-Password-Authentication' });
  const audit = new AuditTrail(prisma);
  const logger = pino({ level: 'silent' });
  const runtime = await startProvisioningRuntime({
    databaseUrl,
    prisma,
    identityProvider,
    audit,
    logger,
    settings: DEFAULT_PROVISIONING_SETTINGS,
    queue: { schema: 'pgboss', retryLimit: 5, retryDelaySeconds: 1, retryDelayMaxSeconds: 10, ...options.queue },
    workers: options.workers,
  });
  const app = createApp({
    prisma,
    identityProvider,
    audit,
    queue: runtime.queue,
    provisioning: { ...DEFAULT_PROVISIONING_SETTINGS, verificationCooldownSeconds: 300 },
    verifyCallerToken: createCallerTokenVerifier({ issuer: emulator.issuer, audience: emulator.apiAudience }),
    logger,
    identityProviderLabel: 'bench',
  });
  return { identityProvider, runtime, app };
}
