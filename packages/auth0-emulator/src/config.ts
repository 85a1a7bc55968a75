// The emulator's run-time configuration: rate-limit preset, faults, search lag, token lifetime, log
// stream. One shape serves the programmatic options, `PUT /__emulator/config` and the CLI flags.
import { z } from 'zod';
import type { RateLimitPreset } from './rate-limit.ts';
import type { LogStreamSettings } from './log-stream.ts';
import { DEFAULT_DATABASE_PASSWORD_POLICY, type PasswordPolicy } from './password-policy.ts';

/**
 * Which requests a fault applies to. Each entry is a route template, optionally preceded by a method:
 * `"POST /api/v2/users"`, `"/api/v2/users/:id"` (any method) or `"/oauth/token"`. Absent = all
 * Management API routes and the token endpoint.
 */
export type RouteFilter = string[];

export interface LatencyFault {
  fixedMs: number;
  /** Uniformly distributed extra delay in [0, jitterMs). */
  jitterMs: number;
  routes?: RouteFilter;
}

export interface ErrorRateFault {
  /** Probability in [0, 1] that a request is answered with `status` before it reaches the handler. */
  rate: number;
  status: number;
  routes?: RouteFilter;
}

export interface OutageWindow {
  routes?: RouteFilter;
  /** Epoch ms; absent = already started. */
  fromEpochMs?: number;
  /** Epoch ms; absent = until the config changes. */
  untilEpochMs?: number;
  status: number;
}

/**
 * The duplicate trap: the write commits, then the client receives `status` (mode `status`) or a
 * destroyed socket (mode `drop`) instead of the success response.
 */
export interface CommitThenFailFault {
  mode: 'status' | 'drop';
  status: number;
  /** Fail only the next `count` successful matching writes. */
  count?: number;
  /** Fail each successful matching write with this probability. Neither count nor rate = every write. */
  rate?: number;
  routes: RouteFilter;
}

export interface EmulatorConfig {
  /** Rate-limit preset; `off` sends headers but never 429s. */
  preset: RateLimitPreset;
  /** Runs the preset's buckets this many times faster (a benchmark keeps the shape, not the wait). */
  timeScale: number;
  latency: LatencyFault | null;
  errorRate: ErrorRateFault | null;
  outages: OutageWindow[];
  commitThenFail: CommitThenFailFault | null;
  /** How long after a write `GET /api/v2/users` keeps returning the user's previous version. */
  searchLagMs: number;
  /** `expires_in` of Management API tokens from `/oauth/token`. */
  tokenLifetimeSec: number;
  logStream: LogStreamSettings | null;
  /** Password policy of the seeded `Username-Password-Authentication` connection. */
  passwordPolicy: PasswordPolicy;
  /** Longer request targets get 414 (Auth0 documents the 414, not the limit: this value is a guess). */
  maxUrlLength: number;
  /**
   * `POST /dbconnections/change_password` per IP and email: burst (default 10) refilled at 1 per
   * minute (scaled by `timeScale`), always on, whatever the preset.
   */
  changePasswordBurst: number;
}

export const DEFAULT_MANAGEMENT_WRITE_ROUTE = 'POST /api/v2/users';

export function defaultConfig(): EmulatorConfig {
  return {
    preset: 'off',
    timeScale: 1,
    latency: null,
    errorRate: null,
    outages: [],
    commitThenFail: null,
    // Auth0 documents the lag (https://auth0.com/docs/manage-users/user-search/list-and-search-users) but not its length;
    // observations range from sub-second to seconds. Half a second by default keeps read-after-search
    // bugs visible in every run.
    searchLagMs: 500,
    tokenLifetimeSec: 86_400,
    logStream: null,
    passwordPolicy: { ...DEFAULT_DATABASE_PASSWORD_POLICY },
    maxUrlLength: 8_192,
    // https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public:
    // change password, 10 burst / 1 per minute per IP and email.
    changePasswordBurst: 10,
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const status5xx = z.number().int().min(500).max(599);
const routeFilter = z.array(z.string().min(1)).min(1);

const patchSchema = z.strictObject({
  preset: z.enum(['off', 'free', 'essentials', 'enterprise']),
  timeScale: z.number().positive().max(100_000),
  latency: z
    .strictObject({
      fixedMs: z.number().min(0).max(120_000).default(0),
      jitterMs: z.number().min(0).max(120_000).default(0),
      routes: routeFilter.optional(),
    })
    .nullable(),
  errorRate: z
    .strictObject({ rate: z.number().min(0).max(1), status: status5xx.default(500), routes: routeFilter.optional() })
    .nullable(),
  outages: z.array(
    z.strictObject({
      routes: routeFilter.optional(),
      fromEpochMs: z.number().int().nonnegative().optional(),
      untilEpochMs: z.number().int().nonnegative().optional(),
      status: status5xx.default(503),
    }),
  ),
  commitThenFail: z
    .strictObject({
      mode: z.enum(['status', 'drop']),
      status: status5xx.default(503),
      count: z.number().int().positive().optional(),
      rate: z.number().min(0).max(1).optional(),
      routes: routeFilter.default([DEFAULT_MANAGEMENT_WRITE_ROUTE]),
    })
    .nullable(),
  searchLagMs: z.number().int().min(0).max(600_000),
  tokenLifetimeSec: z.number().int().min(1).max(2_592_000),
  logStream: z
    .strictObject({
      url: z.url({ protocol: /^https?$/ }),
      authorization: z.string().optional(),
      format: z.enum(['lines', 'array', 'object']).default('lines'),
      contentType: z.string().optional(),
    })
    .nullable(),
  passwordPolicy: z.strictObject({
    strength: z.enum(['none', 'low', 'fair', 'good', 'excellent']).optional(),
    minLength: z.number().int().min(1).max(128).optional(),
    dictionary: z.boolean().optional(),
    noPersonalInfo: z.boolean().optional(),
  }),
  maxUrlLength: z.number().int().min(256).max(1_000_000),
  changePasswordBurst: z.number().int().min(1).max(1000),
}).partial();

/**
 * What `PUT /__emulator/config`, `configure()` and `EmulatorOptions.config` accept: any subset of the
 * top-level keys; nested fields with a default (latency.jitterMs, errorRate.status, commitThenFail's
 * status and routes, logStream.format, passwordPolicy fields) may be left out.
 */
export type EmulatorConfigPatch = z.input<typeof patchSchema>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid emulator config: ${problems.join('; ')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

/**
 * Validates a patch and merges it over `current`, replacing each given top-level key wholesale
 * (nested fields left out take their defaults, not their previous values). `knownRoutes` are the
 * `METHOD /template` strings the server serves, so a typo in a fault's route filter is an error.
 */
export function mergeConfig(current: EmulatorConfig, input: unknown, knownRoutes: readonly string[]): EmulatorConfig {
  const parsed = patchSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`));
  }
  const patch = parsed.data;
  const problems: string[] = [];
  const checkRoutes = (where: string, routes: string[] | undefined) => {
    for (const route of routes ?? []) {
      if (!routeFilterIsKnown(route, knownRoutes)) problems.push(`${where}: unknown route "${route}" (use "METHOD /template" or "/template")`);
    }
  };
  checkRoutes('latency.routes', patch.latency?.routes);
  checkRoutes('errorRate.routes', patch.errorRate?.routes);
  patch.outages?.forEach((outage, index) => checkRoutes(`outages.${index}.routes`, outage.routes));
  checkRoutes('commitThenFail.routes', patch.commitThenFail?.routes);
  if (patch.commitThenFail?.count !== undefined && patch.commitThenFail.rate !== undefined) {
    problems.push('commitThenFail: give count or rate, not both');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const next: EmulatorConfig = { ...current };
  if (patch.preset !== undefined) next.preset = patch.preset;
  if (patch.timeScale !== undefined) next.timeScale = patch.timeScale;
  if (patch.latency !== undefined) next.latency = patch.latency;
  if (patch.errorRate !== undefined) next.errorRate = patch.errorRate;
  if (patch.outages !== undefined) next.outages = patch.outages;
  if (patch.commitThenFail !== undefined) next.commitThenFail = patch.commitThenFail;
  if (patch.searchLagMs !== undefined) next.searchLagMs = patch.searchLagMs;
  if (patch.tokenLifetimeSec !== undefined) next.tokenLifetimeSec = patch.tokenLifetimeSec;
  if (patch.logStream !== undefined) next.logStream = patch.logStream;
  if (patch.passwordPolicy !== undefined) {
    const policy = patch.passwordPolicy;
    next.passwordPolicy = {
      strength: policy.strength ?? DEFAULT_DATABASE_PASSWORD_POLICY.strength,
      minLength: policy.minLength ?? DEFAULT_DATABASE_PASSWORD_POLICY.minLength,
      dictionary: policy.dictionary ?? DEFAULT_DATABASE_PASSWORD_POLICY.dictionary,
      noPersonalInfo: policy.noPersonalInfo ?? DEFAULT_DATABASE_PASSWORD_POLICY.noPersonalInfo,
    };
  }
  if (patch.maxUrlLength !== undefined) next.maxUrlLength = patch.maxUrlLength;
  if (patch.changePasswordBurst !== undefined) next.changePasswordBurst = patch.changePasswordBurst;
  return next;
}

function routeFilterIsKnown(filter: string, knownRoutes: readonly string[]): boolean {
  const [first, second] = filter.trim().split(/\s+/);
  if (second === undefined) return knownRoutes.some((known) => known.endsWith(` ${first}`));
  if (!(METHODS as readonly string[]).includes(first ?? '')) return false;
  return knownRoutes.includes(`${first} ${second}`);
}

/** Whether a fault's route filter covers this request (`routes` absent = every faultable route). */
export function routeMatches(routes: RouteFilter | undefined, method: string, template: string): boolean {
  if (routes === undefined) return true;
  return routes.some((filter) => {
    const [first, second] = filter.trim().split(/\s+/);
    return second === undefined ? first === template : first === method && second === template;
  });
}
