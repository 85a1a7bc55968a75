// The one place that reads process.env. Every problem is collected and reported at once so an operator
// fixes a broken deployment in one pass instead of one restart per variable.
import { readAssertionKey, type Auth0Target } from './env-auth0-target.ts';
import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional());
const optionalBoolean = z.preprocess(
  emptyAsUndefined,
  z.enum(['true', 'false'], { message: 'must be true or false' }).transform((value) => value === 'true').optional(),
);
const limit = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).default(fallback));
const port = (fallback: number) => z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(fallback));

const rawEnvSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyAsUndefined, z.enum(['development', 'production', 'test']).default('development')),
    HOST: optionalString,
    PORT: port(4000),
    METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
    LOG_LEVEL: z.preprocess(
      emptyAsUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    LOG_FORMAT: z.preprocess(emptyAsUndefined, z.enum(['auto', 'json', 'pretty']).default('auto')),
    DATABASE_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
        .optional(),
    ),
    DATABASE_PREPARED_STATEMENTS: optionalBoolean,
    EMBEDDED_POSTGRES_PORT: port(54329),
    EMBEDDED_POSTGRES_DIR: z.preprocess(emptyAsUndefined, z.string().default('.data/postgres')),
    AUTH0_DOMAIN: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a bare host such as your-tenant.eu.auth0.com (no scheme, no path)')
        .optional(),
    ),
    AUTH0_CLIENT_ID: optionalString,
    AUTH0_CLIENT_SECRET: optionalString,
    AUTH0_CLIENT_ASSERTION_KEY_FILE: optionalString,
    AUTH0_CLIENT_ASSERTION_ALG: z.preprocess(emptyAsUndefined, z.enum(['RS256', 'RS384', 'PS256']).default('RS256')),
    AUTH0_EMULATOR_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    AUTH0_EMULATOR_PORT: port(4010),
    AUTH0_EMULATOR_STATE_FILE: z.preprocess(emptyAsUndefined, z.string().default('.data/auth0-emulator.json')),
    AUTH0_CONNECTION: z.preprocess(emptyAsUndefined, z.string().default('Username-Password-Authentication')),
    AUTH0_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(120).default(10)),
    AUTH0_MAX_RETRIES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(2)),
    AUTH0_PACING: optionalBoolean,
    AUTH0_USER_CACHE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(3600).default(0)),
    PODFACTORY_EMAIL_METADATA: optionalBoolean,
    AUTH_ISSUER: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    AUTH_AUDIENCE: optionalString,
    AUTH_JWKS_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
    GRAPHIQL_ENABLED: optionalBoolean,
    GRAPHQL_INTROSPECTION: optionalBoolean,
    GRAPHQL_MAX_DEPTH: limit(12),
    GRAPHQL_MAX_COST: limit(5000),
    GRAPHQL_MAX_ALIASES: limit(20),
    GRAPHQL_MAX_TOKENS: limit(2000),
    GRAPHQL_MAX_DIRECTIVES: limit(20),
    REQUEST_BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(100_000)),
    IMPORT_REQUEST_BODY_LIMIT_BYTES: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1024).default(2_000_000)),
    PERSISTED_OPERATIONS_FILE: optionalString,
    CORS_ORIGINS: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .transform((value) => value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
        .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be origins such as https://console.example.com (scheme and host, no path), separated by commas')))
        .optional(),
    ),
    CORS_ALLOW_CREDENTIALS: optionalBoolean,
    AUTH0_PROVISIONING_ENABLED: optionalBoolean,
    PROVISIONING_WAIT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(60_000).default(2000)),
    PROVISIONING_WORKERS: optionalBoolean,
    PROVISIONING_CONCURRENCY: limit(4),
    PROVISIONING_RETRY_LIMIT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(100).default(10)),
    PROVISIONING_RETRY_DELAY_SECONDS: limit(2),
    PROVISIONING_RETRY_DELAY_MAX_SECONDS: limit(600),
    PROVISIONING_QUEUE_SCHEMA: z.preprocess(emptyAsUndefined, z.string().regex(/^[a-z_][a-z0-9_]{0,50}$/, 'must be a lower-case SQL identifier').default('pgboss')),
    PROVISIONING_SWEEP_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(60)),
    PROVISIONING_LEASE_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(3600).default(30)),
    PROVISIONING_HEARTBEAT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(10).max(3600).default(20)),
    PROVISIONING_JOB_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(2).max(3600).default(300)),
    ROLE_BATCH_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(100)),
    ROLE_BATCH_WINDOW_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(120_000).default(20_000)),
    VERIFICATION_COOLDOWN_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(300)),
    VERIFICATION_CHECK_INTERVAL_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(900)),
    AUTH0_LOG_STREAM_AUTHORIZATION: optionalString,
    CONSOLE_ENABLED: optionalBoolean,
    SUBSCRIPTIONS_PER_CALLER: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(1000).default(10)),
    CALLER_LIMIT_POINTS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(1_000_000).default(1200)),
    CALLER_LIMIT_WINDOW_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(86_400).default(3600)),
    ONBOARDING_EMAIL: z.preprocess(
      emptyAsUndefined,
      z.enum(['invite', 'verify'], { message: 'must be invite or verify' }).default('invite'),
    ),
    SCIM_DEPROVISION_LIMIT: z.preprocess(emptyAsUndefined, z.string().default('10 and 5% per 1h').transform(parseDeprovisionLimit)),
    COMPANY_TIME_ZONE: z.preprocess(
      emptyAsUndefined,
      z.string().trim().refine(knownTimeZone, 'must be an IANA time zone name such as Europe/Berlin or America/Chicago').default('UTC'),
    ),
    INVITE_DAYS_BEFORE_START: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(365).default(3)),
    SCHEDULE_CLOCK_OFFSET_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().int().default(0)),
    WEBHOOK_ALLOW_PRIVATE_URLS: optionalBoolean,
    WEBHOOK_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional()),
    WEBHOOK_RETRY_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(24 * 7).default(24)),
    WEBHOOK_RETRY_DELAY_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(3600).default(5)),
    WEBHOOK_RETRY_DELAY_MAX_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(24 * 3600).default(3600)),
    WEBHOOK_TIMEOUT_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(60).default(10)),
    WEBHOOK_SWEEP_SECONDS: z.preprocess(emptyAsUndefined, z.coerce.number().positive().max(3600).default(5)),
    WEBHOOK_SECRET_OVERLAP_HOURS: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).max(24 * 30).default(24)),
  });

/** Every variable the gateway reads (.env.example and README "Configuration" list each; a test checks). */
export const SETTING_NAMES: readonly string[] = Object.keys(rawEnvSchema.shape);

function knownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The variables as validated (defaults applied, strings coerced); `Env` is the nested view of them. */
type RawEnv = z.infer<typeof rawEnvSchema>;

/**
 * SCIM_DEPROVISION_LIMIT: `<count>`, `<percent>%` or `<count> and <percent>%`, then `per <n>m|h` (default
 * 1h); `off` for none. A SCIM deactivation is held when the window's, itself included, exceed every part.
 */
function parseDeprovisionLimit(value: string, context: z.core.$RefinementCtx<string>) {
  const text = value.trim().toLowerCase();
  if (text === 'off') return null;
  const match = /^(?:(\d+)(?:\s+and\s+(\d+(?:\.\d+)?)%)?|(\d+(?:\.\d+)?)%)(?:\s+per\s+(\d+)\s*(m|h))?$/.exec(text);
  const windowSeconds = match ? Number(match[4] ?? 1) * (match[5] === 'm' ? 60 : 3600) : 0;
  if (!match || windowSeconds === 0) {
    context.addIssue({ code: 'custom', message: "must be like '10 and 5% per 1h', '25 per 30m', '2%' or 'off'" });
    return z.NEVER;
  }
  const percent = match[2] ?? match[3];
  return { count: match[1] === undefined ? null : Number(match[1]), percent: percent === undefined ? null : Number(percent), windowSeconds };
}

/** The validated configuration: what `nested` builds from the variables, typed by it. */
export type Env = ReturnType<typeof nested>;

export type OnboardingEmail = RawEnv['ONBOARDING_EMAIL'];

// Checked on the raw values, apart from the schema, so they are reported together with field errors.
function combinationProblems(source: Record<string, string | undefined>): string[] {
  const has = (name: string) => (source[name] ?? '').trim() !== '';
  const problems: string[] = [];
  if (has('AUTH0_CLIENT_SECRET') && has('AUTH0_CLIENT_ASSERTION_KEY_FILE')) {
    problems.push('AUTH0_CLIENT_ASSERTION_KEY_FILE: cannot be combined with AUTH0_CLIENT_SECRET: the application authenticates with one or the other');
  }
  if (has('AUTH0_CLIENT_ASSERTION_KEY_FILE')) {
    const key = readAssertionKey(source.AUTH0_CLIENT_ASSERTION_KEY_FILE!.trim());
    if ('problem' in key) problems.push(`AUTH0_CLIENT_ASSERTION_KEY_FILE: ${key.problem}`);
  }
  if (has('AUTH0_DOMAIN')) {
    if (!has('AUTH0_CLIENT_ID')) problems.push('AUTH0_CLIENT_ID: required when AUTH0_DOMAIN is set');
    if (!has('AUTH0_CLIENT_SECRET') && !has('AUTH0_CLIENT_ASSERTION_KEY_FILE')) {
      problems.push('AUTH0_CLIENT_SECRET: required when AUTH0_DOMAIN is set, unless AUTH0_CLIENT_ASSERTION_KEY_FILE names a private key (private_key_jwt)');
    }
    if (!has('AUTH_AUDIENCE')) {
      problems.push('AUTH_AUDIENCE: required when AUTH0_DOMAIN is set (the identifier of the gateway API in Auth0)');
    }
    if (has('AUTH0_EMULATOR_URL')) {
      problems.push('AUTH0_EMULATOR_URL: cannot be combined with AUTH0_DOMAIN: choose a real tenant or the emulator');
    }
  }
  if ((source.NODE_ENV ?? '') === 'production') {
    if (!has('AUTH0_DOMAIN')) problems.push('AUTH0_DOMAIN: required in production (the emulator is for development and tests)');
    if (!has('DATABASE_URL')) problems.push('DATABASE_URL: required in production (the embedded database is for development)');
    if (!has('AUTH_AUDIENCE')) problems.push('AUTH_AUDIENCE: required in production (the identifier of the gateway API in Auth0)');
    if (has('SCHEDULE_CLOCK_OFFSET_SECONDS') && Number(source.SCHEDULE_CLOCK_OFFSET_SECONDS) !== 0) {
      problems.push('SCHEDULE_CLOCK_OFFSET_SECONDS: not allowed in production (it moves the clock of dated deactivations; for tests)');
    }
  }
  return problems;
}

export type { Auth0Credentials, Auth0Target, ClientAssertionKey } from './env-auth0-target.ts';

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = rawEnvSchema.safeParse(source);
  // Messages name the variable but never echo its value: a mistyped secret must not reach the logs.
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`)),
    ...combinationProblems(source),
  ];
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  return nested(parsed.data);
}

/** The camel-case, nested view the code uses; the field comments describe each setting. */
function nested(raw: RawEnv) {
  const realTenant = auth0Target(raw).kind === 'tenant';
  return {
    nodeEnv: raw.NODE_ENV,
    /**
     * NODE_ENV=development against the emulator: GraphiQL's pre-filled manager token and error details
     * (stacks) in responses. A real tenant never gets them, whatever NODE_ENV says (it may be unset).
     */
    localDevelopment: raw.NODE_ENV === 'development' && !realTenant,
    // Outside production (a developer's machine, GraphiQL, perhaps its token) listen on loopback only,
    // unless HOST says otherwise; a production gateway listens on every interface by default.
    server: { host: raw.HOST ?? (raw.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'), port: raw.PORT },
    /**
     * Front-end origins allowed to call cross-origin (only they get CORS headers). Default: none in
     * production; in development the gateway's own origins (GraphiQL, the console).
     */
    cors: {
      origins: raw.CORS_ORIGINS ?? (raw.NODE_ENV === 'production' ? [] : [`http://localhost:${raw.PORT}`, `http://127.0.0.1:${raw.PORT}`]),
      // Callers authenticate with a bearer token, not cookies: credentialed CORS is only for a front end that needs it.
      allowCredentials: raw.CORS_ALLOW_CREDENTIALS ?? false,
    },
    /**
     * Where /metrics is served: unset = on the gateway's own port (and on 9464 by `npm run worker`);
     * set = only on this port (all processes), so it need not be exposed with the API.
     */
    metrics: { port: raw.METRICS_PORT },
    /** `auto`: readable lines on a terminal in development, JSON otherwise (src/logger.ts, logFormat). */
    log: { level: raw.LOG_LEVEL, format: raw.LOG_FORMAT },
    database: {
      url: raw.DATABASE_URL,
      /** Name the gateway's statements so each connection parses them once (off behind a transaction-mode pooler). */
      preparedStatements: raw.DATABASE_PREPARED_STATEMENTS ?? true,
      embedded: { port: raw.EMBEDDED_POSTGRES_PORT, dataDir: raw.EMBEDDED_POSTGRES_DIR },
    },
    auth0: {
      target: auth0Target(raw),
      connection: raw.AUTH0_CONNECTION,
      timeoutSeconds: raw.AUTH0_TIMEOUT_SECONDS,
      maxRetries: raw.AUTH0_MAX_RETRIES,
      /** Cross-request cache of live Auth0 profiles and roles (Employee.auth0User); 0 = off, the default. */
      userCacheSeconds: raw.AUTH0_USER_CACHE_SECONDS,
      /** Metadata Option B: new Auth0 users also get PodFactory's email variants in app_metadata. */
      podfactoryEmailMetadata: raw.PODFACTORY_EMAIL_METADATA ?? false,
      /** Pace Management API calls from the rate-limit headers, shared through PostgreSQL (default on). */
      pacing: raw.AUTH0_PACING ?? true,
    },
    /** Open subscriptions (SSE streams) one caller may hold on one gateway process. */
    subscriptions: { maxPerCaller: raw.SUBSCRIPTIONS_PER_CALLER },
    /** Auth0-bound changes (creations, import rows, resends, updates) one caller may start per window, in every process together; 0 = no limit. */
    callerLimits: { points: raw.CALLER_LIMIT_POINTS, windowSeconds: raw.CALLER_LIMIT_WINDOW_SECONDS },
    /** Serve the built manager console at /console (default: outside production). */
    // The console carries the development token with the emulator; a real tenant's is opt-in.
    console: { enabled: raw.CONSOLE_ENABLED ?? (raw.NODE_ENV !== 'production' && !realTenant) },
    /** Caller tokens. Unset values are filled from the Auth0 target (the emulator is its own issuer). */
    callerAuth: { issuer: raw.AUTH_ISSUER, audience: raw.AUTH_AUDIENCE, jwksUrl: raw.AUTH_JWKS_URL },
    graphql: {
      // Off in production unless explicitly enabled: schema discovery helps attackers more than users there.
      graphiql: raw.GRAPHIQL_ENABLED ?? raw.NODE_ENV !== 'production',
      introspection: raw.GRAPHQL_INTROSPECTION ?? raw.NODE_ENV !== 'production',
      maxDepth: raw.GRAPHQL_MAX_DEPTH,
      maxCost: raw.GRAPHQL_MAX_COST,
      maxAliases: raw.GRAPHQL_MAX_ALIASES,
      maxTokens: raw.GRAPHQL_MAX_TOKENS,
      maxDirectives: raw.GRAPHQL_MAX_DIRECTIVES,
      requestBodyLimitBytes: raw.REQUEST_BODY_LIMIT_BYTES,
      /**
       * The body limit of a request whose only operation is importEmployees: 1000 rows of the longest valid
       * values (200-character names, 254-byte emails, 100-character departments, UTF-8) fit in 2 MB.
       */
      importRequestBodyLimitBytes: Math.max(raw.IMPORT_REQUEST_BODY_LIMIT_BYTES, raw.REQUEST_BODY_LIMIT_BYTES),
      /** JSON map of hash -> document (codegen's persisted-documents.json); when set, only those run. */
      persistedOperationsFile: raw.PERSISTED_OPERATIONS_FILE,
    },
    provisioning: {
      /**
       * The kill switch's value at first start only (when its PostgreSQL row does not exist yet); after that
       * the row decides (setProvisioningEnabled, services/provisioning/provisioning-switch.ts).
       */
      enabled: raw.AUTH0_PROVISIONING_ENABLED ?? true,
      /** How long createEmployee waits for Auth0 before answering PENDING. */
      waitMs: raw.PROVISIONING_WAIT_MS,
      /** Run queue workers in this process (false: only `npm run worker` processes work the queue). */
      workers: raw.PROVISIONING_WORKERS ?? true,
      concurrency: raw.PROVISIONING_CONCURRENCY,
      retryLimit: raw.PROVISIONING_RETRY_LIMIT,
      retryDelaySeconds: raw.PROVISIONING_RETRY_DELAY_SECONDS,
      retryDelayMaxSeconds: raw.PROVISIONING_RETRY_DELAY_MAX_SECONDS,
      /** PostgreSQL schema of the pg-boss tables. */
      queueSchema: raw.PROVISIONING_QUEUE_SCHEMA,
      /** How often PENDING employees without a job are re-queued (0 = never). */
      sweepSeconds: raw.PROVISIONING_SWEEP_SECONDS,
      verificationCooldownSeconds: raw.VERIFICATION_COOLDOWN_SECONDS,
      /** How often CREATED employees are checked for email_verified in Auth0 (0 = never). */
      verificationCheckIntervalSeconds: raw.VERIFICATION_CHECK_INTERVAL_SECONDS,
      /** How long a process may hold an employee's lease (a killed process blocks it this long at most). */
      leaseSeconds: raw.PROVISIONING_LEASE_SECONDS,
      /** A job running longer (or held by a killed process) is retried after this long. */
      jobTimeoutSeconds: raw.PROVISIONING_JOB_TIMEOUT_SECONDS,
      /** A job whose worker stopped sending heartbeats (its process died) is retried after this long (>= 10). */
      heartbeatSeconds: raw.PROVISIONING_HEARTBEAT_SECONDS,
      /** Most new users given one role in one POST /roles/{id}/users. */
      roleBatchSize: raw.ROLE_BATCH_SIZE,
      /**
       * How long a role batch waits to fill while more new users are being created (at most 10 s, under the
       * jobs' heartbeat); a lone hire's batch goes out at once.
       */
      roleBatchWindowMs: raw.ROLE_BATCH_WINDOW_MS,
      /** The Authorization value Auth0's log stream sends to POST /webhooks/auth0; unset disables the webhook. */
      logStreamAuthorization: raw.AUTH0_LOG_STREAM_AUTHORIZATION,
      /**
       * The first email a new employee gets: `invite` (default) has Auth0 email a link to set their first
       * password (which verifies the address); `verify` only a verification email.
       */
      onboardingEmail: raw.ONBOARDING_EMAIL,
    },
    /** The mass-deprovisioning guard's limit on SCIM deactivations (null: off); docs/runbook.md "Held SCIM deactivations". */
    scim: { deprovisionLimit: raw.SCIM_DEPROVISION_LIMIT },
    /** Effective dates (docs/design.md "Effective dates"). */
    schedule: {
      /** The IANA time zone start and end dates are in (default UTC). */
      timeZone: raw.COMPANY_TIME_ZONE,
      /** The first invitation goes this many days before the start date, at the start of that day. */
      inviteDaysBeforeStart: raw.INVITE_DAYS_BEFORE_START,
      /** Test only (refused in production): the schedule's clock runs this many seconds ahead of real time. */
      clockOffsetSeconds: raw.SCHEDULE_CLOCK_OFFSET_SECONDS,
    },
    /** Outgoing events (src/outgoing-webhooks/). */
    webhooks: {
      /** Accept receivers on loopback, private and link-local addresses (default: outside production). */
      allowPrivateUrls: raw.WEBHOOK_ALLOW_PRIVATE_URLS ?? raw.NODE_ENV !== 'production',
      /**
       * Encrypts the signing secrets at rest; outside production a fixed development key stands in. In
       * production without it, createWebhookEndpoint is refused (nothing else needs it).
       */
      secretKey: raw.WEBHOOK_SECRET_KEY ?? (raw.NODE_ENV === 'production' ? undefined : DEVELOPMENT_WEBHOOK_KEY),
      /** A delivery is retried with backoff for this long after it was queued, then marked FAILED. */
      retryHours: raw.WEBHOOK_RETRY_HOURS,
      retryDelaySeconds: raw.WEBHOOK_RETRY_DELAY_SECONDS,
      retryDelayMaxSeconds: raw.WEBHOOK_RETRY_DELAY_MAX_SECONDS,
      /** One request's bound (connect to last byte). */
      timeoutSeconds: raw.WEBHOOK_TIMEOUT_SECONDS,
      /** How often each worker looks for deliveries nobody is sending (the backstop of the wake-ups). */
      sweepSeconds: raw.WEBHOOK_SWEEP_SECONDS,
      /** How long the old secret keeps signing after rotateWebhookSecret. */
      secretOverlapHours: raw.WEBHOOK_SECRET_OVERLAP_HOURS,
    },
  };
}

/** Development and tests only: production never falls back to it. */
const DEVELOPMENT_WEBHOOK_KEY = 'development-only-webhook-secret-key-not-for-production';

function auth0Target(raw: RawEnv): Auth0Target {
  const key = raw.AUTH0_CLIENT_ASSERTION_KEY_FILE ? readAssertionKey(raw.AUTH0_CLIENT_ASSERTION_KEY_FILE) : undefined;
  const clientAssertion = key && 'pem' in key ? { signingKey: key.pem, alg: raw.AUTH0_CLIENT_ASSERTION_ALG } : undefined;
  if (raw.AUTH0_DOMAIN && raw.AUTH0_CLIENT_ID && (raw.AUTH0_CLIENT_SECRET || clientAssertion)) {
    const tenant = { kind: 'tenant' as const, domain: raw.AUTH0_DOMAIN, clientId: raw.AUTH0_CLIENT_ID };
    return clientAssertion ? { ...tenant, clientAssertion } : { ...tenant, clientSecret: raw.AUTH0_CLIENT_SECRET! };
  }
  const credentials = { clientId: raw.AUTH0_CLIENT_ID, clientSecret: raw.AUTH0_CLIENT_SECRET, ...(clientAssertion ? { clientAssertion } : {}) };
  if (raw.AUTH0_EMULATOR_URL) {
    return { kind: 'external-emulator', url: raw.AUTH0_EMULATOR_URL.replace(/\/+$/, ''), ...credentials };
  }
  return { kind: 'embedded-emulator', port: raw.AUTH0_EMULATOR_PORT, stateFile: raw.AUTH0_EMULATOR_STATE_FILE, ...credentials };
}

/** A developer's .env (see .env.example) fills in what the shell did not set; it is optional. */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** For entry points (server, worker, CLIs): .env, then validation; on problems print them all and exit 2. */
export function loadEnvOrExit(): Env {
  loadDotEnv();
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}
