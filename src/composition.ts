// The composition root: the one place that builds the gateway's dependency graph from the validated
// environment. The server, the worker, every CLI, the benchmarks and the test helper compose through it
// and differ only in the parts they ask for. Each part is built once, on first use, and `close()` closes
// whatever was built, in reverse order (workers before the queue, the queue before the database).
import pg from 'pg';
import { createApp, type App } from './app.ts';
import { createCallerTokenVerifier } from './auth/caller-token.ts';
import { connectIdentityProvider, type ConnectedIdentityProvider } from './auth0/connect.ts';
import { RateLimitPacer } from './auth0/rate-limit-pacer.ts';
import { applyMigrationsAtStart } from './db/startup-migrations.ts';
import { createPrismaClient, type PrismaClient } from './db/prisma-client.ts';
import type { Employee } from './generated/prisma/client.ts';
import type { Env } from './env.ts';
import { PgBossQueue } from './jobs/pg-boss-queue.ts';
import { startProvisioningWorkers } from './jobs/provisioning-workers.ts';
import { Auth0ReadState } from './loaders/auth0-users.loader.ts';
import type { Logger } from './logger.ts';
import { loadPersistedOperations } from './persisted-operations.ts';
import { CONSOLE_DIST_DIR, CONSOLE_PERSISTED_DOCUMENTS } from './console/serve-console.ts';
import { existsSync } from 'node:fs';
import { AuditTrail } from './services/audit-trail.ts';
import { Auth0CredentialTracker, observedAuth0Fetch } from './observability/auth0-http-observer.ts';
import { GatewayMetrics } from './observability/metrics.ts';
import { startOpsServer, type OpsEndpoints } from './observability/ops-server.ts';
import { registerEmployeeStatusGauge, registerQueueGauges } from './observability/provisioning-gauges.ts';
import { provisioningObserver } from './observability/provisioning-observer.ts';
import { Auth0Probe, databaseCheck, queueCheck, runReadinessChecks, type ReadinessCheck } from './observability/readiness.ts';
import type { ProvisioningObserver } from './services/provisioning/provisioning-observer.ts';
import type { IdentityProvider } from './services/identity-provider.ts';
import type { ProvisioningSettings } from './services/provisioning/provisioning-settings.ts';
import { ViewerEmployeeCache } from './live/viewer-employee-cache.ts';
import { EmployeeCountCache } from './live/employee-count-cache.ts';
import { createEmployeeChangeFeed, type ChangeFeed } from './live/employee-change-feed.ts';
import {
  ProvisioningSwitch,
  provisioningEnabledGaugeValue,
  provisioningSwitchCheck,
  switchScope,
} from './services/provisioning/provisioning-switch.ts';

export interface CompositionOptions {
  logger: Logger;
  /**
   * What to do without DATABASE_URL: `start` the embedded PostgreSQL (`npm start`), `reuse` the one a
   * running gateway holds and start it only when none answers (operator CLIs), or `refuse` (`npm run
   * worker`: the embedded database belongs to the gateway).
   */
  embeddedDatabase?: 'start' | 'reuse' | 'refuse';
  /**
   * What to do without Auth0 settings: `start` the in-process emulator (`npm start`) or `reuse` the one
   * the running gateway serves (CLIs), never a second, empty one.
   */
  embeddedEmulator?: 'start' | 'reuse';
  /** Apply pending migrations when the database is first opened (the gateway and the worker do). */
  migrate?: boolean;
  /** Connections this process may open: Prisma's pool and pg-boss's own. */
  pool?: { prisma?: number; queue?: number };
  /** Process-local knobs that tests and benchmarks turn; production runs on the defaults. */
  tuning?: {
    /** The fetch the auth0 SDK sends with (observed or faulted in tests). */
    auth0Fetch?: typeof fetch;
    /** Prefixes queue names so that gateways sharing one database keep their jobs apart. */
    queuePrefix?: string;
    /** How often idle queue workers poll (default 2 s). */
    pollingIntervalSeconds?: number;
    /** Clock tolerance of caller-token checks (default 30 s). */
    clockToleranceSeconds?: number;
  };
}

export interface Database {
  url: string;
  prisma: PrismaClient;
}

/** What this process gives the provisioning services and workers; each takes the part it declares. */
export interface ProvisioningDeps {
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
  queue: PgBossQueue;
  settings: ProvisioningSettings;
  onBackgroundError: (error: unknown) => void;
  provisioningObserver: ProvisioningObserver;
}

export interface ProvisioningParts {
  queue: PgBossQueue;
  deps: ProvisioningDeps;
}

export interface DatabaseLocation {
  url: string;
  /** Where it is, without the password: safe to print. */
  label: string;
}

export interface Gateway {
  readonly env: Env;
  readonly logger: Logger;
  /** Where the database is (starting the embedded one when that is this process's job); no client yet. */
  databaseUrl(): Promise<DatabaseLocation>;
  /** The database with migrations applied (when `migrate`) and a Prisma client. */
  database(): Promise<Database>;
  /** The Auth0 pacer, shared through the database (undefined with AUTH0_PACING=false). */
  pacer(): Promise<RateLimitPacer | undefined>;
  identity(): Promise<ConnectedIdentityProvider>;
  audit(): Promise<AuditTrail>;
  /**
   * The live kill switch of this deployment's provisioning queue (a PostgreSQL row every process polls;
   * AUTH0_PROVISIONING_ENABLED is written only when there is no row yet). `status()` is what /ready and
   * the metrics report.
   */
  provisioningSwitch(): Promise<ProvisioningSwitch>;
  /** The durable queue (pg-boss); enough for a process that only stores rows and their jobs. */
  queue(): Promise<PgBossQueue>;
  provisioning(): Promise<ProvisioningParts>;
  /** Starts this process's queue workers, which follow the kill switch live; stopped by close(). */
  startWorkers(): Promise<void>;
  /** Employee changes from PostgreSQL (one LISTEN connection, opened on the first subscription). */
  changeFeed(): Promise<ChangeFeed>;
  /** The `me` cache of callers' own employee rows, kept exact by the change feed (opens it on first use). */
  viewerEmployees(): Promise<ViewerEmployeeCache<Employee>>;
  /** The counts behind `employees { totalCount }`, kept exact by the change feed (opens it on first use). */
  employeeCounts(): Promise<EmployeeCountCache>;
  /** Ends every open subscription stream (shutdown: before waiting for HTTP connections to finish). */
  closeStreams(): Promise<void>;
  /** The yoga application over all of the above. */
  app(): Promise<App>;
  /** This process's Prometheus registry and series (one per gateway, never prom-client's global one). */
  metrics(): GatewayMetrics;
  /**
   * What /ready runs: every check must be ok. Built with the ops endpoints (database, queue, auth0 and,
   * in a gateway, callerTokenKeys); another part adds its own by pushing onto it.
   */
  readonly readinessChecks: ReadinessCheck[];
  /**
   * /health, /ready, /metrics, and the Auth0 probe run once at start (logs a clear error when the
   * Management API or the caller-token keys fail). `worker` leaves out the caller-token keys.
   */
  ops(role?: 'gateway' | 'worker'): Promise<OpsEndpoints>;
  /**
   * Serves the ops endpoints on a port of their own: METRICS_PORT, else `defaultPort` (the worker's
   * 9464); nothing when neither is set (the gateway then serves them on its own port). Returns the port.
   */
  serveOps(defaultPort?: number): Promise<number | undefined>;
  /** Closes what was built, newest first. Safe to call twice. */
  close(): Promise<void>;
}

export function composeGateway(env: Env, options: CompositionOptions): Gateway {
  const { logger } = options;
  const tuning = options.tuning ?? {};
  const cleanups: (() => Promise<void>)[] = [];
  const logBackgroundError = (error: unknown) => logger.error({ err: error }, 'background provisioning attempt failed');
  const onClose = (cleanup: () => Promise<void>) => cleanups.push(cleanup);
  let builtMetrics: GatewayMetrics | undefined;
  const metrics = () => (builtMetrics ??= new GatewayMetrics());
  const credentials = new Auth0CredentialTracker();
  const readinessChecks: ReadinessCheck[] = [];

  const databaseUrl = memo(() => resolveDatabaseUrl(env, logger, options.embeddedDatabase ?? 'refuse', onClose));

  const database = memo(async (): Promise<Database> => {
    const { url } = await databaseUrl();
    if (options.migrate) {
      const migration = await applyMigrationsAtStart(url);
      logger.info({ applied: migration.applied }, migration.applied.length ? 'migrations applied' : 'database schema up to date');
    }
    const prisma = createPrismaClient(url, { maxConnections: options.pool?.prisma ?? 10, preparedStatements: env.database.preparedStatements });
    onClose(() => prisma.$disconnect());
    return { url, prisma };
  });

  const pacer = memo(async () => {
    if (!env.auth0.pacing) return undefined;
    const { prisma } = await database();
    return new RateLimitPacer(prisma, {
      onError: (error) => logger.warn({ err: error }, 'Auth0 pacing unavailable; calling unpaced'),
      onWait: (group, ms) => metrics().pacerWaited(group, ms),
    });
  });

  const identity = memo(async () => {
    const target = options.embeddedEmulator === 'start' ? env.auth0.target : await runningEmulatorTarget(env);
    const paced = await pacer();
    const connected = await connectIdentityProvider({ ...env, auth0: { ...env.auth0, target } }, logger, {
      ...(paced ? { pacer: paced } : {}),
      ...(tuning.auth0Fetch ? { fetch: tuning.auth0Fetch } : {}),
      observe: (send) => observedAuth0Fetch(send, { metrics: metrics(), credentials }),
    });
    onClose(connected.close);
    return connected;
  });

  const audit = memo(async () => new AuditTrail((await database()).prisma));

  const provisioningSwitch = memo(async () => {
    const { prisma } = await database();
    const opened = await ProvisioningSwitch.open(prisma, {
      scope: switchScope(env.provisioning.queueSchema, tuning.queuePrefix ?? ''),
      initiallyEnabled: env.provisioning.enabled,
      onError: (error) => logger.warn({ err: error }, 'cannot read the provisioning switch; keeping the last known state'),
      onChange: ({ enabled, reason, changedBy }) =>
        logger.warn({ enabled, reason, changedBy }, enabled ? 'provisioning switched on' : 'provisioning switched off: no new Auth0 call starts'),
    });
    onClose(async () => opened.close());
    return opened;
  });

  const queue = memo(async () => {
    const { url } = await database();
    const p = env.provisioning;
    const started = await PgBossQueue.start(
      {
        connectionString: url,
        schema: p.queueSchema,
        retryLimit: p.retryLimit,
        retryDelaySeconds: p.retryDelaySeconds,
        retryDelayMaxSeconds: p.retryDelayMaxSeconds,
        jobTimeoutSeconds: p.jobTimeoutSeconds,
        heartbeatSeconds: p.heartbeatSeconds,
        ...(tuning.queuePrefix !== undefined ? { queuePrefix: tuning.queuePrefix } : {}),
        ...(options.pool?.queue ? { maxConnections: options.pool.queue } : {}),
      },
      (error) => logger.error({ err: error }, 'job queue error'),
    );
    onClose(() => started.stop());
    return started;
  });

  const provisioning = memo(async (): Promise<ProvisioningParts> => {
    const [{ prisma }, connected, trail, jobs, live] = await Promise.all([database(), identity(), audit(), queue(), provisioningSwitch()]);
    const deps: ProvisioningDeps = {
      prisma,
      identityProvider: connected.provider,
      audit: trail,
      queue: jobs,
      settings: provisioningSettings(env, live),
      onBackgroundError: logBackgroundError,
      provisioningObserver: provisioningObserver(metrics(), logger),
    };
    return { queue: jobs, deps };
  });

  const startWorkers = memo(async () => {
    const [{ queue: jobs, deps }, live] = await Promise.all([provisioning(), provisioningSwitch()]);
    const p = env.provisioning;
    const stop = await startProvisioningWorkers(
      jobs,
      deps,
      {
        concurrency: p.concurrency,
        pollingIntervalSeconds: tuning.pollingIntervalSeconds ?? 2,
        sweepIntervalSeconds: p.sweepSeconds,
        verificationCheckIntervalSeconds: p.verificationCheckIntervalSeconds,
        roleBatchSize: p.roleBatchSize,
        roleBatchWindowMs: p.roleBatchWindowMs,
      },
      logger,
      live,
    );
    onClose(stop);
  });

  let builtChangeFeed: ChangeFeed | undefined;
  const changeFeed = memo(async () => {
    const { url } = await database();
    const feed = createEmployeeChangeFeed({ connectionString: url, logger });
    builtChangeFeed = feed;
    onClose(() => feed.close());
    return feed;
  });

  const viewerEmployees = memo(async () => {
    const cache = new ViewerEmployeeCache<Employee>(await changeFeed());
    onClose(async () => cache.close());
    return cache;
  });

  const employeeCounts = memo(async () => {
    const cache = new EmployeeCountCache(await changeFeed());
    onClose(async () => cache.close());
    return cache;
  });

  let opsRole: 'gateway' | 'worker' = 'gateway';
  const opsEndpoints = memo(async (): Promise<OpsEndpoints> => {
    const [{ prisma }, jobs, connected, live] = await Promise.all([database(), queue(), identity(), provisioningSwitch()]);
    registerEmployeeStatusGauge(metrics(), prisma);
    registerQueueGauges(metrics(), prisma, jobs);
    metrics().gaugeOnScrape(
      { name: 'provisioning_enabled', help: 'The kill switch as this process follows it: 1 on, 0 off (setProvisioningEnabled).', labelNames: [] },
      async () => [{ labels: {}, value: provisioningEnabledGaugeValue(live) }],
    );
    const { issuer, jwksUrl } = connected.callerTokens;
    const probe = new Auth0Probe({
      directory: connected.provider,
      credentials,
      credentialState: connected.credentials,
      // The kill switch stops every Management API call, the probe's included.
      probeManagementApi: () => live.isEnabled(),
      ...(opsRole === 'gateway' ? { jwksUrl: jwksUrl ?? `${issuer.replace(/\/?$/, '/')}.well-known/jwks.json` } : {}),
      logger,
      label: connected.label,
    });
    // Once at start, in the background: a wrong tenant or secret is logged loudly without delaying the start.
    void probe.run();
    readinessChecks.unshift(
      databaseCheck(prisma),
      queueCheck(jobs),
      probe.credentialsCheck,
      ...(opsRole === 'gateway' ? [probe.jwksCheck] : []),
      provisioningSwitchCheck(live),
    );
    return {
      metrics: () => metrics().scrape(),
      ready: () => runReadinessChecks(readinessChecks),
      health: { identityProvider: connected.label },
    };
  });
  const ops = (role: 'gateway' | 'worker' = 'gateway') => {
    opsRole = role;
    return opsEndpoints();
  };

  const serveOps = memo(async (defaultPort?: number) => {
    const port = env.metrics.port ?? defaultPort;
    if (port === undefined) return undefined;
    const served = await startOpsServer(await opsEndpoints(), { host: env.server.host, port });
    onClose(served.close);
    logger.info({ port: served.port }, `metrics at http://${env.server.host === '0.0.0.0' ? 'localhost' : env.server.host}:${served.port}/metrics`);
    return served.port;
  });

  const app = memo(async () => {
    const [{ prisma }, connected, trail, { queue: jobs, deps }, live, feed, selves, counts, endpoints] = await Promise.all([
      database(),
      identity(),
      audit(),
      provisioning(),
      provisioningSwitch(),
      changeFeed(),
      viewerEmployees(),
      employeeCounts(),
      ops('gateway'),
    ]);
    // Emulator in development only: GraphiQL opens with a manager's token so the README's first mutation just runs.
    const devToken = env.localDevelopment && env.graphql.graphiql && connected.mintDevCallerToken ? await connected.mintDevCallerToken() : undefined;
    if (devToken) logger.warn('GraphiQL is pre-filled with a development manager token minted by the Auth0 emulator');
    const callerTokens = {
      ...connected.callerTokens,
      ...(tuning.clockToleranceSeconds !== undefined ? { clockToleranceSeconds: tuning.clockToleranceSeconds } : {}),
    };
    logger.info({ issuer: callerTokens.issuer, audience: callerTokens.audience }, 'caller tokens');
    const { persistedOperationsFile, graphiql, ...limits } = env.graphql;
    // The manager console sends its documents by hash only: the gateway that serves it knows them.
    const serveConsole = env.console.enabled && existsSync(`${CONSOLE_DIST_DIR}/index.html`);
    const consoleDocuments = serveConsole ? await loadPersistedOperations(CONSOLE_PERSISTED_DOCUMENTS).catch(() => undefined) : undefined;
    const persistedOperations = await loadPersistedOperations(persistedOperationsFile);
    if (serveConsole) logger.info(devToken ? 'manager console at /console, with the development token' : 'manager console at /console');
    return createApp({
      prisma,
      identityProvider: connected.provider,
      auth0ReadState: new Auth0ReadState({ cacheTtlMs: env.auth0.userCacheSeconds * 1000 }),
      audit: trail,
      queue: jobs,
      provisioning: { ...provisioningSettings(env, live), verificationCooldownSeconds: env.provisioning.verificationCooldownSeconds },
      provisioningSwitch: live,
      onBackgroundError: logBackgroundError,
      provisioningObserver: deps.provisioningObserver,
      // With METRICS_PORT, /metrics is served only there (serveOps), not next to the API.
      ops: env.metrics.port === undefined ? endpoints : { ready: endpoints.ready, ...(endpoints.health ? { health: endpoints.health } : {}) },
      metrics: metrics(),
      verifyCallerToken: createCallerTokenVerifier(callerTokens),
      logger,
      identityProviderLabel: connected.label,
      ...(env.provisioning.logStreamAuthorization ? { logStreamAuthorization: env.provisioning.logStreamAuthorization } : {}),
      graphiql,
      errorDetails: env.localDevelopment,
      ...(devToken ? { graphiqlHeaders: { Authorization: `Bearer ${devToken}` } } : {}),
      limits: {
        ...limits,
        persistedOperations: persistedOperations && consoleDocuments ? new Map([...persistedOperations, ...consoleDocuments]) : persistedOperations,
        knownDocuments: consoleDocuments,
      },
      ...(serveConsole
        ? { console: { dir: CONSOLE_DIST_DIR, identityProviderLabel: connected.label, ...(devToken ? { token: devToken } : {}) } }
        : {}),
      cors: env.cors,
      changeFeed: feed,
      viewerEmployees: selves,
      employeeCounts: counts,
      maxSubscriptionsPerCaller: env.subscriptions.maxPerCaller,
    });
  });

  let closing: Promise<void> | undefined;
  return {
    env,
    logger,
    databaseUrl,
    database,
    pacer,
    identity,
    audit,
    provisioningSwitch,
    queue,
    provisioning,
    startWorkers,
    changeFeed,
    viewerEmployees,
    employeeCounts,
    closeStreams: async () => builtChangeFeed?.close(),
    app,
    metrics,
    readinessChecks,
    ops,
    serveOps,
    close: () =>
      (closing ??= (async () => {
        for (const cleanup of cleanups.reverse()) {
          await cleanup().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
        }
      })()),
  };
}

function provisioningSettings(env: Env, live: ProvisioningSwitch): ProvisioningSettings {
  const p = env.provisioning;
  return { isEnabled: () => live.isEnabled(), waitMs: p.waitMs, leaseMs: p.leaseSeconds * 1000, onboardingEmail: p.onboardingEmail };
}

async function resolveDatabaseUrl(
  env: Env,
  logger: Logger,
  embedded: 'start' | 'reuse' | 'refuse',
  onClose: (cleanup: () => Promise<void>) => void,
): Promise<DatabaseLocation> {
  if (env.database.url) return { url: env.database.url, label: `${redactPassword(env.database.url)} (DATABASE_URL)` };
  const { port, dataDir } = env.database.embedded;
  if (embedded === 'refuse') {
    throw new Error('DATABASE_URL is required here (the embedded database belongs to the gateway started by npm start)');
  }
  // Loaded only here: a process with DATABASE_URL (production) never loads the embedded server.
  const { embeddedDatabaseUrl, startEmbeddedPostgres, EmbeddedPostgresUnreachableError } = await import('./db/embedded-postgres.ts');
  const label = `embedded PostgreSQL in ${dataDir} on port ${port} (DATABASE_URL is not set`;
  if (embedded === 'reuse' && (await answers(embeddedDatabaseUrl(port)))) {
    return { url: embeddedDatabaseUrl(port), label: `${label}; the running gateway's)` };
  }
  let started;
  try {
    started = await startEmbeddedPostgres({
      dataDir,
      port,
      log: (message: string) => logger.debug({ component: 'embedded-postgres' }, message),
    });
  } catch (error) {
    // Root under a 0700 folder: the machine's own PostgreSQL, when one answers, serves instead.
    if (!(error instanceof EmbeddedPostgresUnreachableError)) throw error;
    const machine = await machineDatabase();
    if (!machine) throw error;
    logger.warn({ reason: error.message }, `the embedded PostgreSQL cannot run here; using the machine's PostgreSQL (${redactPassword(machine)})`);
    return { url: machine, label: `${redactPassword(machine)} (the machine's PostgreSQL: the embedded one cannot run here)` };
  }
  onClose(started.stop);
  logger.warn({ dataDir, port }, 'DATABASE_URL is not set: using the embedded PostgreSQL (development only)');
  return { url: started.url, label: `${label}; ${started.initialised ? 'initialised now' : 'existing data'})` };
}

/** The PostgreSQL installed on this machine (127.0.0.1:5432, user postgres, trust), with a database of ours. */
async function machineDatabase(): Promise<string | undefined> {
  const admin = 'postgresql://postgres@127.0.0.1:5432/postgres';
  if (!(await answers(admin))) return undefined;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = 'employee_gateway'");
    if (rowCount === 0) await client.query('CREATE DATABASE employee_gateway');
  } finally {
    await client.end();
  }
  return 'postgresql://postgres@127.0.0.1:5432/employee_gateway';
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

/** The in-process emulator lives in the running gateway: CLIs read that one, never a new empty one. */
async function runningEmulatorTarget(env: Env): Promise<Env['auth0']['target']> {
  const target = env.auth0.target;
  if (target.kind !== 'embedded-emulator') return target;
  const url = `http://127.0.0.1:${target.port}`;
  const reachable = await fetch(`${url}/.well-known/jwks.json`).then((response) => response.ok, () => false);
  if (!reachable) {
    throw new Error(
      `No Auth0 configured and no emulator answers at ${url}: start the gateway (npm start), or set AUTH0_EMULATOR_URL or AUTH0_DOMAIN.`,
    );
  }
  return { kind: 'external-emulator', url, clientId: target.clientId, clientSecret: target.clientSecret };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A part built once: every caller awaits the same promise; a failed build is retried by the next caller. */
function memo<T, A extends unknown[] = []>(build: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let built: Promise<T> | undefined;
  return (...args: A) =>
    (built ??= build(...args).catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
}
