// The composition root: the one place that builds the gateway's dependency graph from the validated
// environment. The server, the worker, every CLI, the benchmarks and the test helper compose through it
// and differ only in the parts they ask for. Each part is built once, on first use, and `close()` closes
// whatever was built, in reverse order (workers before the queue, the queue before the database). The
// parts are built in src/composition/; the use cases are bound once, in src/composition/services.ts.
import type { App } from './app.ts';
import type { ConnectedIdentityProvider } from './auth0/connect.ts';
import type { RateLimitPacer } from './auth0/rate-limit-pacer.ts';
import { ViewerEmployeeCache } from './live/viewer-employee-cache.ts';
import { buildApp } from './composition/app.ts';
import { openDatabase, resolveDatabaseUrl, type Database, type DatabaseLocation } from './composition/database.ts';
import { connectIdentity, createPacer } from './composition/identity.ts';
import { closeWithin, type CloseStep } from './composition/bounded-close.ts';
import { memo } from './composition/memo.ts';
import { buildOpsEndpoints } from './composition/ops.ts';
import { openProvisioningSwitch, provisioningSettings, scheduleSettings, startQueue, startWorkers, type ProvisioningParts } from './composition/provisioning.ts';
import { bindServices, type Services } from './composition/services.ts';
import { openWebhooks, startWebhookDelivery } from './composition/webhooks.ts';
import type { Env } from './env.ts';
import type { Employee } from './generated/prisma/client.ts';
import type { PgBossQueue } from './jobs/pg-boss-queue.ts';
import type { Logger } from './logger.ts';
import { Auth0CredentialTracker } from './observability/auth0-http-observer.ts';
import { GatewayMetrics } from './observability/metrics.ts';
import { startOpsServer, type OpsEndpoints } from './observability/ops-server.ts';
import { provisioningObserver } from './observability/provisioning-observer.ts';
import type { ReadinessCheck } from './observability/readiness.ts';
import { AuditTrail } from './services/audit-trail.ts';
import { CallerLimits } from './services/caller-limits.ts';
import { EmployeeCountCache } from './live/employee-count-cache.ts';
import type { ProvisioningSwitch } from './services/provisioning/provisioning-switch.ts';
import { createEmployeeChangeFeed, type ChangeFeed } from './live/employee-change-feed.ts';

export type { Database, DatabaseLocation } from './composition/database.ts';
export type { ProvisioningDeps, ProvisioningParts } from './composition/provisioning.ts';
export type { Services } from './composition/services.ts';

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
  /**
   * The use cases bound once over the parts above (src/composition/services.ts): the app, the workers and
   * every CLI call these. Each resolves only the parts it uses, on its first call.
   */
  services(): Promise<Services>;
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
  const cleanups: CloseStep[] = [];
  const logBackgroundError = (error: unknown) => logger.error({ err: error }, 'background provisioning attempt failed');
  const onClose = (cleanup: () => Promise<void>, name: string) => cleanups.push({ name, close: cleanup });
  let builtMetrics: GatewayMetrics | undefined;
  const metrics = () => (builtMetrics ??= new GatewayMetrics());
  const credentials = new Auth0CredentialTracker();
  const readinessChecks: ReadinessCheck[] = [];
  /** Builds a part once and closes it with the gateway. */
  const owned = <T>(name: string, build: () => Promise<T>, close: (part: T) => Promise<void>) =>
    memo(async () => {
      const part = await build();
      onClose(() => close(part), name);
      return part;
    });

  const databaseUrl = memo(() => resolveDatabaseUrl(env, logger, options.embeddedDatabase ?? 'refuse', (stop) => onClose(stop, 'embedded PostgreSQL')));
  const database = owned(
    'database',
    async (): Promise<Database> =>
      openDatabase(env, logger, (await databaseUrl()).url, { migrate: options.migrate ?? false, maxConnections: options.pool?.prisma ?? 10 }),
    ({ prisma }) => prisma.$disconnect(),
  );
  const pacer = memo(async () => createPacer(env, (await database()).prisma, logger, metrics));
  const identity = owned(
    'identity provider',
    () => connectIdentity(env, logger, { embeddedEmulator: options.embeddedEmulator, pacer, auth0Fetch: tuning.auth0Fetch, metrics, credentials }),
    (connected) => connected.close(),
  );
  const audit = memo(async () => new AuditTrail((await database()).prisma));
  const provisioningSwitch = owned(
    'provisioning switch',
    async () => openProvisioningSwitch(env, logger, (await database()).prisma, tuning.queuePrefix ?? ''),
    async (opened) => opened.close(),
  );
  const queue = owned(
    'queue',
    async () => startQueue(env, logger, (await database()).url, { queuePrefix: tuning.queuePrefix, maxConnections: options.pool?.queue }),
    (started) => started.stop(),
  );
  const provisioning = memo(async (): Promise<ProvisioningParts> => {
    const [{ prisma }, connected, trail, jobs, live, paced] = await Promise.all([database(), identity(), audit(), queue(), provisioningSwitch(), pacer()]);
    const deps = {
      prisma,
      identityProvider: connected.provider,
      audit: trail,
      queue: jobs,
      settings: provisioningSettings(env, live),
      onBackgroundError: logBackgroundError,
      provisioningObserver: provisioningObserver(metrics(), logger),
      // Unpaced (AUTH0_PACING=false) nothing tells: every create attempts in the request, as before.
      tenantBusy: () => paced?.busy('users:write') ?? false,
    };
    return { queue: jobs, deps };
  });

  let builtChangeFeed: ChangeFeed | undefined;
  const changeFeed = owned(
    'change feed',
    async () => (builtChangeFeed = createEmployeeChangeFeed({ connectionString: (await database()).url, logger })),
    (feed) => feed.close(),
  );
  const viewerEmployees = owned('viewer cache', async () => new ViewerEmployeeCache<Employee>(await changeFeed()), async (cache) => cache.close());
  const employeeCounts = owned('employee count cache', async () => new EmployeeCountCache(await changeFeed()), async (cache) => cache.close());

  const callerLimits = memo(async () => {
    const { prisma } = await database();
    return new CallerLimits(prisma, env.callerLimits, { refused: (operation) => metrics().callerRateLimited.inc({ operation }) });
  });
  const webhooks = memo(async () => openWebhooks(env, logger, (await database()).prisma, await queue(), metrics()));

  // Owned: closing waits for the SCIM request audit rows still being written, before the database closes.
  const services = owned('services (SCIM request audit rows)', async () => {
    const [{ prisma }, feed] = await Promise.all([database(), changeFeed()]);
    return bindServices({
      prisma,
      changeFeed: feed,
      identity,
      audit,
      queue,
      provisioning,
      provisioningSwitch,
      viewerEmployees,
      employeeCounts,
      callerLimits,
      webhooks: async () => (await webhooks()).endpoints,
      settings: {
        leaseMs: env.provisioning.leaseSeconds * 1000,
        verificationCooldownSeconds: env.provisioning.verificationCooldownSeconds,
        maxSubscriptionsPerCaller: env.subscriptions.maxPerCaller,
        onboardingEmail: env.provisioning.onboardingEmail,
        connection: env.auth0.connection,
        scimDeprovisionLimit: env.scim.deprovisionLimit,
        schedule: scheduleSettings(env),
      },
      onScimDeactivation: (outcome) => metrics().scimDeactivations.inc({ outcome: outcome.toLowerCase() }),
    });
  }, (bound) => bound.drainScimAudit());

  const workers = owned('provisioning workers', async () => {
    const [parts, bound, live] = await Promise.all([provisioning(), services(), provisioningSwitch()]);
    return startWorkers(env, logger, { provisioning: parts, services: bound, live, pollingIntervalSeconds: tuning.pollingIntervalSeconds ?? 2 });
  }, (stop) => stop());
  // Webhook deliveries go on whatever the kill switch says: it stops Auth0 calls, not the news of them.
  const webhookWorkers = owned('webhook delivery', async () => {
    const [parts, jobs, feed] = await Promise.all([webhooks(), queue(), changeFeed()]);
    return startWebhookDelivery(env, logger, parts, jobs, feed, tuning.pollingIntervalSeconds ?? 2);
  }, (stop) => stop());

  let opsRole: 'gateway' | 'worker' = 'gateway';
  const opsEndpoints = memo(async (): Promise<OpsEndpoints> => {
    const [{ prisma }, jobs, connected, live] = await Promise.all([database(), queue(), identity(), provisioningSwitch()]);
    return buildOpsEndpoints({ role: opsRole, prisma, queue: jobs, identity: connected, live, metrics: metrics(), credentials, readinessChecks, logger });
  });
  const ops = (role: 'gateway' | 'worker' = 'gateway') => {
    opsRole = role;
    return opsEndpoints();
  };

  const serveOps = memo(async (defaultPort?: number) => {
    const port = env.metrics.port ?? defaultPort;
    if (port === undefined) return undefined;
    const served = await startOpsServer(await opsEndpoints(), { host: env.server.host, port });
    onClose(served.close, 'ops server');
    logger.info({ port: served.port }, `metrics at http://${env.server.host === '0.0.0.0' ? 'localhost' : env.server.host}:${served.port}/metrics`);
    return served.port;
  });

  const app = memo(async () => {
    const [{ prisma }, connected, bound, endpoints] = await Promise.all([
      database(),
      identity(),
      services(),
      ops('gateway'),
      // Built before the first request: the provisioning parts and the caches behind `me` and totalCount.
      provisioning(),
      viewerEmployees(),
      employeeCounts(),
    ]);
    return buildApp(env, logger, {
      prisma,
      identity: connected,
      services: bound,
      ops: endpoints,
      metrics: metrics(),
      clockToleranceSeconds: tuning.clockToleranceSeconds,
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
    startWorkers: async () => void (await Promise.all([workers(), webhookWorkers()])),
    changeFeed,
    viewerEmployees,
    employeeCounts,
    closeStreams: async () => builtChangeFeed?.close(),
    services,
    app,
    metrics,
    readinessChecks,
    ops,
    serveOps,
    close: () =>
      (closing ??= closeWithin([...cleanups].reverse(), logger)),
  };
}
