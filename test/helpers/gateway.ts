// Runs the whole gateway in-process for API tests: real PostgreSQL (this run's database), the Auth0
// emulator over HTTP driven by the official SDK, and requests through yoga's full HTTP pipeline.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino, type DestinationStream } from 'pino';
import { expect } from 'vitest';
import type { App } from '../../src/app.ts';
import type { RateLimitPacer } from '../../src/auth0/rate-limit-pacer.ts';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from './emulator.ts';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import type { CallerTokenSettings } from '../../src/auth/caller-token.ts';
import { ROLE_PERMISSIONS, type CallerRole } from '../../src/auth/permissions.ts';
import { composeGateway, type Gateway, type ProvisioningParts } from '../../src/composition.ts';
import type { PrismaClient } from '../../src/db/prisma-client.ts';
import { loadEnv, type Env } from '../../src/env.ts';
import type { WorkerOptions } from '../../src/jobs/provisioning-workers.ts';
import { createLogger } from '../../src/logger.ts';
import { opsResponse } from '../../src/observability/ops-server.ts';
import type { IdentityProvider } from '../../src/services/identity-provider.ts';
import { testDatabaseUrl } from './database.ts';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  app: App;
  prisma: PrismaClient;
  emulator: RunningEmulator;
  control: EmulatorControl;
  identityProvider: IdentityProvider;
  /**
   * Runs a document as a caller holding one of the four roles (default `admin`), or `anonymous` (no
   * Authorization header). `headers` are added last, so a test can send its own Authorization.
   */
  execute<TResult, TVariables>(request: {
    document: TypedDocumentNode<TResult, TVariables>;
    variables?: TVariables;
    as?: CallerRole | 'anonymous';
    headers?: Record<string, string>;
  }): Promise<GraphQLResponse<TResult>>;
  /** A caller token minted by the emulator for the role (cached per gateway). */
  tokenFor(role: CallerRole): Promise<string>;
  /** The provisioning queue and the service dependencies the workers use. */
  provisioning: ProvisioningParts;
  /** The Auth0 pacer (undefined with pacing: false). */
  pacer: RateLimitPacer | undefined;
  /** What the composition root built (metrics, readiness checks, the ops server). */
  composition: Gateway;
  /** `/ready` or `/health` with the detail the ops port (METRICS_PORT) shows; the API port says only ok or not. */
  opsFetch(pathname: '/ready' | '/health'): Promise<Response>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Another database than this run's shared one (a scratch database: holdScratchDatabase). */
  databaseUrl?: string;
  maxRetries?: number;
  /** Overrides of the caller-token checks (issuer and audience default to the emulator's). */
  callerAuth?: Partial<CallerTokenSettings>;
  /** Where the gateway's pino logs go (default: discarded). */
  logDestination?: DestinationStream;
  logLevel?: string;
  /** Observes every request the auth0 SDK sends (token endpoint included). */
  auth0Fetch?: typeof fetch;
  /** GraphQL settings as the environment gives them (limits, introspection, persisted documents file). */
  limits?: Partial<Env['graphql']>;
  /** Cross-origin callers (default: the environment's, i.e. the gateway's own origins outside production). */
  cors?: Env['cors'];
  /** Provisioning settings (bounded wait, kill switch, lease, verification cooldown). */
  provisioning?: { enabled?: boolean; waitMs?: number; leaseMs?: number; verificationCooldownSeconds?: number };
  /** Queue workers in this gateway (default on, fast polling, no sweep); false = enqueue only. */
  workers?: Partial<WorkerOptions> | false;
  /** pg-boss retries (defaults: 5 retries, 1 s base delay, 5 s cap). */
  retry?: { limit?: number; delaySeconds?: number; delayMaxSeconds?: number };
  /** Gateways sharing a prefix share a queue; by default each gateway has its own, so test files stay apart. */
  queuePrefix?: string;
  /** pg-boss schema (default `pgboss`); a test with a process of its own uses a fresh one. */
  queueSchema?: string;
  /** Serves POST /webhooks/auth0 with this Authorization value. */
  logStreamAuthorization?: string;
  /** Reuse a running emulator (several gateways on one Auth0). */
  emulator?: RunningEmulator;
  /** Pace Auth0 calls from the rate-limit headers (default on, as in the gateway). */
  pacing?: boolean;
  /** Seconds before an active job is considered lost and retried (default 300). */
  jobTimeoutSeconds?: number;
  /** METRICS_PORT (0: any free port; serve it with `composition.serveOps()`). */
  metricsPort?: number;
  /** Management API credentials other than the emulator's seeded ones (e.g. a wrong secret). */
  auth0Credentials?: { clientId?: string; clientSecret?: string };
  /**
   * Per-caller shares of Auth0-bound changes. Off by default: the suite's callers (auth0|test-<role>) share
   * one database for the whole run, and a share spent by one file must not fail another.
   */
  callerLimits?: Env['callerLimits'];
  /** More environment variables, read by the gateway's own env validation (e.g. AUTH0_CLIENT_ASSERTION_KEY_FILE). */
  env?: Record<string, string>;
  /** ONBOARDING_EMAIL (default: the environment's default, invite). */
  onboardingEmail?: Env['provisioning']['onboardingEmail'];
  /** Effective dates: COMPANY_TIME_ZONE, INVITE_DAYS_BEFORE_START, SCHEDULE_CLOCK_OFFSET_SECONDS. */
  schedule?: Partial<Env['schedule']>;
  /** Outgoing webhook settings (defaults: the test environment's, private URLs allowed). */
  webhooks?: Partial<Env['webhooks']>;
}

/**
 * The gateway as `npm start` composes it (src/composition.ts), configured like a deployment through its
 * environment: this run's database, the emulator as an already running Auth0 (AUTH0_EMULATOR_URL), and
 * test-sized settings. Only process-local knobs (queue prefix, polling, an observing fetch) are tuning.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownEmulator = options.emulator ? null : await startGatewayEmulator();
  const emulator = options.emulator ?? ownEmulator!;
  const logger = options.logDestination
    ? createLogger(options.logLevel ?? 'debug', { destination: options.logDestination })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const gateway = composeGateway(testEnv(emulator, options), {
    logger,
    pool: { prisma: 4, queue: 2 },
    tuning: {
      queuePrefix: options.queuePrefix ?? `t${process.pid}_${crypto.randomUUID().slice(0, 8)}_`,
      pollingIntervalSeconds: (options.workers ? options.workers.pollingIntervalSeconds : undefined) ?? 0.5,
      ...(options.auth0Fetch ? { auth0Fetch: options.auth0Fetch } : {}),
      ...(options.callerAuth?.clockToleranceSeconds !== undefined ? { clockToleranceSeconds: options.callerAuth.clockToleranceSeconds } : {}),
    },
  });
  try {
    const app = await gateway.app();
    // /ready waits for the start-up probe (one token fetch and GET /roles), so no test counts its requests.
    await app.fetch('http://gateway.test/ready');
    if (options.workers !== false) await gateway.startWorkers();
    const [{ prisma }, identity, provisioning, pacer] = await Promise.all([
      gateway.database(),
      gateway.identity(),
      gateway.provisioning(),
      gateway.pacer(),
    ]);
    const control = new EmulatorControl(emulator.url);
    const tokens = new Map<CallerRole, Promise<string>>();
    const tokenFor = (role: CallerRole) => {
      let token = tokens.get(role);
      if (!token) {
        token = control.mintToken({ sub: `auth0|test-${role}`, permissions: [...ROLE_PERMISSIONS[role]], expiresIn: 3600 });
        tokens.set(role, token);
      }
      return token;
    };
    return {
      app,
      prisma,
      emulator,
      control,
      identityProvider: identity.provider,
      tokenFor,
      async execute({ document, variables, as = 'admin', headers }) {
        const authorization: Record<string, string> = as === 'anonymous' ? {} : { authorization: `Bearer ${await tokenFor(as)}` };
        const response = await app.fetch('http://gateway.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...authorization, ...headers },
          body: JSON.stringify({ query: print(document), variables }),
        });
        const body = (await response.json()) as Omit<GraphQLResponse<never>, 'status'>;
        return { status: response.status, ...body } as GraphQLResponse<never>;
      },
      provisioning,
      pacer,
      composition: gateway,
      opsFetch: async (pathname) => (await opsResponse(pathname, 'GET', await gateway.ops(), 'full'))!,
      async close() {
        await gateway.close();
        await ownEmulator?.close();
      },
    };
  } catch (error) {
    await gateway.close();
    await ownEmulator?.close();
    throw error;
  }
}

function testEnv(emulator: RunningEmulator, options: TestGatewayOptions): Env {
  const base = loadEnv({ ...options.env, NODE_ENV: 'test', DATABASE_URL: options.databaseUrl ?? testDatabaseUrl(), AUTH0_EMULATOR_URL: emulator.url });
  const workers = options.workers || {};
  return {
    ...base,
    auth0: {
      ...base.auth0,
      ...(options.auth0Credentials ? { target: { ...base.auth0.target, ...options.auth0Credentials } as Env['auth0']['target'] } : {}),
      timeoutSeconds: 5,
      maxRetries: options.maxRetries ?? 2,
      pacing: options.pacing !== false,
    },
    ...(options.metricsPort !== undefined ? { metrics: { port: options.metricsPort } } : {}),
    callerAuth: {
      issuer: options.callerAuth?.issuer ?? emulator.issuer,
      audience: options.callerAuth?.audience ?? emulator.apiAudience,
      jwksUrl: options.callerAuth?.jwksUrl,
    },
    graphql: { ...base.graphql, ...options.limits },
    schedule: { ...base.schedule, ...options.schedule },
    callerLimits: options.callerLimits ?? { ...base.callerLimits, points: 0 },
    ...(options.cors ? { cors: options.cors } : {}),
    webhooks: { ...base.webhooks, ...options.webhooks },
    provisioning: {
      ...base.provisioning,
      ...(options.provisioning?.enabled !== undefined ? { enabled: options.provisioning.enabled } : {}),
      ...(options.provisioning?.waitMs !== undefined ? { waitMs: options.provisioning.waitMs } : {}),
      ...(options.provisioning?.leaseMs !== undefined ? { leaseSeconds: options.provisioning.leaseMs / 1000 } : {}),
      verificationCooldownSeconds: options.provisioning?.verificationCooldownSeconds ?? 300,
      retryLimit: options.retry?.limit ?? 5,
      retryDelaySeconds: options.retry?.delaySeconds ?? 1,
      retryDelayMaxSeconds: options.retry?.delayMaxSeconds ?? 5,
      queueSchema: options.queueSchema ?? 'pgboss',
      ...(options.jobTimeoutSeconds ? { jobTimeoutSeconds: options.jobTimeoutSeconds } : {}),
      concurrency: workers.concurrency ?? 4,
      sweepSeconds: workers.sweepIntervalSeconds ?? 0,
      verificationCheckIntervalSeconds: workers.verificationCheckIntervalSeconds ?? 0,
      ...(workers.roleBatchSize ? { roleBatchSize: workers.roleBatchSize } : {}),
      ...(workers.roleBatchWindowMs !== undefined ? { roleBatchWindowMs: workers.roleBatchWindowMs } : {}),
      logStreamAuthorization: options.logStreamAuthorization,
      ...(options.onboardingEmail ? { onboardingEmail: options.onboardingEmail } : {}),
    },
  };
}

/** Fails with the whole response in the message, so a broken query is diagnosed from the test output. */
export function expectNoGraphQLErrors<T>(response: GraphQLResponse<T>): T {
  expect(response.errors, JSON.stringify(response, null, 2)).toBeUndefined();
  expect(response.data, JSON.stringify(response, null, 2)).toBeTruthy();
  return response.data as T;
}

let sequence = 0;
/** A unique, realistic email per call so tests never collide, even across runs on one database. */
export function uniqueEmail(prefix = 'employee'): string {
  sequence += 1;
  return `${prefix}.${Date.now().toString(36)}${process.pid}${sequence}@warehouse-example.com`;
}
