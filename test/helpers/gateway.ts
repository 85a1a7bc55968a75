// Runs the whole gateway in-process for API tests: real PostgreSQL (this run's database), the Auth0
// emulator over HTTP driven by the official SDK, and requests through yoga's full HTTP pipeline.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino } from 'pino';
import { expect } from 'vitest';
import { createApp } from '../../src/app.ts';
import { Auth0IdentityProvider } from '../../src/auth0/auth0-identity-provider.ts';
import { createManagementClient } from '../../src/auth0/management-client.ts';
import { RateLimitPacer } from '../../src/auth0/rate-limit-pacer.ts';
import { startEmulator, type RunningEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { AuditTrail } from '../../src/services/audit-trail.ts';
import type { IdentityProvider } from '../../src/services/identity-provider.ts';
import { createCallerTokenVerifier, type CallerTokenSettings } from '../../src/auth/caller-token.ts';
import type { GraphQLLimits } from '../../src/graphql-hardening.ts';
import { createLogger } from '../../src/logger.ts';
import type { DestinationStream } from 'pino';
import { ROLE_PERMISSIONS, type CallerRole } from '../../src/auth/permissions.ts';
import { testDatabaseUrl } from './database.ts';
import { DEFAULT_PROVISIONING_SETTINGS, type ProvisioningSettings } from '../../src/services/employee-provisioning.service.ts';
import { startProvisioningRuntime, type ProvisioningRuntime } from '../../src/jobs/provisioning-runtime.ts';
import type { WorkerOptions } from '../../src/jobs/provisioning-workers.ts';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  app: ReturnType<typeof createApp>;
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
  runtime: ProvisioningRuntime;
  /** The Auth0 pacer (undefined with pacing: false). */
  pacer: RateLimitPacer | undefined;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  maxRetries?: number;
  /** Overrides of the caller-token checks (issuer and audience default to the emulator's). */
  callerAuth?: Partial<CallerTokenSettings>;
  /** Where the gateway's pino logs go (default: discarded). */
  logDestination?: DestinationStream;
  logLevel?: string;
  /** Observes every request the auth0 SDK sends (token endpoint included). */
  auth0Fetch?: typeof fetch;
  limits?: Partial<GraphQLLimits>;
  /** Provisioning settings (bounded wait, kill switch, verification cooldown). */
  provisioning?: Partial<ProvisioningSettings> & { verificationCooldownSeconds?: number };
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
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownEmulator = options.emulator ? null : await startEmulator({ port: 0 });
  const emulator = options.emulator ?? ownEmulator!;
  const prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 4 });
  const pacer = options.pacing === false ? undefined : new RateLimitPacer(prisma);
  const client = createManagementClient({
    ...(pacer ? { pacer } : {}),
    domain: emulator.domain,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    timeoutSeconds: 5,
    maxRetries: options.maxRetries ?? 2,
    rewriteToBaseUrl: emulator.url,
    ...(options.auth0Fetch ? { fetch: options.auth0Fetch } : {}),
  });
  const identityProvider = new Auth0IdentityProvider(client, { connection: 'Username-Password-Authentication' });
  const audit = new AuditTrail(prisma);
  const settings = { ...DEFAULT_PROVISIONING_SETTINGS, ...options.provisioning };
  const runtime = await startProvisioningRuntime({
    databaseUrl: testDatabaseUrl(),
    prisma,
    identityProvider,
    audit,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    settings,
    queue: {
      schema: options.queueSchema ?? 'pgboss',
      retryLimit: options.retry?.limit ?? 5,
      retryDelaySeconds: options.retry?.delaySeconds ?? 1,
      retryDelayMaxSeconds: options.retry?.delayMaxSeconds ?? 5,
      queuePrefix: options.queuePrefix ?? `t${process.pid}_${crypto.randomUUID().slice(0, 8)}_`,
      maxConnections: 2,
      ...(options.jobTimeoutSeconds ? { jobTimeoutSeconds: options.jobTimeoutSeconds } : {}),
    },
    workers:
      options.workers === false
        ? null
        : { concurrency: 4, pollingIntervalSeconds: 0.5, sweepIntervalSeconds: 0, verificationCheckIntervalSeconds: 0, ...options.workers },
  });
  const app = createApp({
    prisma,
    identityProvider,
    audit,
    queue: runtime.queue,
    provisioning: { ...settings, verificationCooldownSeconds: options.provisioning?.verificationCooldownSeconds ?? 300 },
    verifyCallerToken: createCallerTokenVerifier({ issuer: emulator.issuer, audience: emulator.apiAudience, ...options.callerAuth }),
    logger: options.logDestination
      ? createLogger(options.logLevel ?? 'debug', { destination: options.logDestination })
      : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    identityProviderLabel: `Auth0 EMULATOR at ${emulator.url}`,
    ...(options.logStreamAuthorization ? { logStreamAuthorization: options.logStreamAuthorization } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
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
    identityProvider,
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
    runtime,
    pacer,
    async close() {
      await runtime.close();
      await prisma.$disconnect();
      await ownEmulator?.close();
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
