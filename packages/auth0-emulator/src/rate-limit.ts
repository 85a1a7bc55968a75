// Auth0's rate limits as token buckets
// (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy; the presets follow
// https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations):
// burst = bucket size, sustained = refill rate; per-second buckets refill every millisecond, per-minute
// buckets every second. A request is checked against every bucket that applies (API-global first, then
// the endpoint's own); it passes only when each holds a token, and then takes one from each.
//
// Tokens are kept as integer "units" (one token = one refill step's worth times the steps per interval)
// so that 500 per minute refilled in 1-second steps never drifts through floating-point sums.

export type RateLimitPreset = 'off' | 'free' | 'essentials' | 'enterprise';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetEpochSec: number;
  bucket: string;
}

export interface BucketSpec {
  name: string;
  /** Burst: the most tokens the bucket holds. */
  capacity: number;
  /** Sustained rate: tokens added per interval. */
  sustained: number;
  per: 'second' | 'minute';
}

const TOKEN_ENDPOINT = '/oauth/token';
const MANAGEMENT_PREFIX = '/api/v2';

// With limits off the emulator still sends the three headers, because clients (the auth0 SDK's retry
// delay, our own backoff) read them on every response and must not see them appear and disappear
// with the preset. The limit is large and constant so nothing ever waits on it.
export const UNLIMITED = 1_000_000;

const bucket = (name: string, capacity: number, sustained: number, per: BucketSpec['per']): BucketSpec => ({
  name,
  capacity,
  sustained,
  per,
});

// Free: Management API global 2 burst / 2 per s; Authentication API global 300 / 300 per minute and
// "Get Token" 30 / 30 per s. /oauth/token draws from both Authentication API buckets, as the policy
// says requests are checked against the API-global bucket and then the endpoint's; so the sustained
// token rate is 5 per second even though the endpoint row says 30.
const FREE = {
  management: bucket('management-global', 2, 2, 'second'),
  authentication: bucket('authentication-global', 300, 300, 'minute'),
  token: bucket('token-endpoint', 30, 30, 'second'),
};

// Essentials / Professional have no Management API global row, only per-endpoint groups, and only an
// Authentication API global 25 / 25 per s (no separate token-endpoint row).
// Unconfirmed choices: every route under /api/v2/users (including /users-by-email and
// /users/:id/roles) belongs to the users groups by method; roles, jobs and tickets count as
// "all other endpoints combined"; PUT counts as a write like POST and PATCH.
const ESSENTIALS = {
  usersRead: bucket('users-read', 40, 500, 'minute'),
  usersWrite: bucket('users-write', 20, 200, 'minute'),
  usersDelete: bucket('users-delete', 20, 200, 'minute'),
  other: bucket('management-other', 10, 150, 'minute'),
  authentication: bucket('authentication-global', 25, 25, 'second'),
};

// Enterprise (public cloud, production): 50 burst / 16 per s global; Authentication API 100 per s
// (burst 100 is a guess: the table gives only the rate).
const ENTERPRISE = {
  management: bucket('management-global', 50, 16, 'second'),
  authentication: bucket('authentication-global', 100, 100, 'second'),
};

/** The buckets a request draws from, global first. Empty: not rate limited at all. */
export function bucketsFor(preset: RateLimitPreset, method: string, route: string): BucketSpec[] {
  if (preset === 'off') return [];
  const isToken = route === TOKEN_ENDPOINT;
  const isManagement = route === MANAGEMENT_PREFIX || route.startsWith(`${MANAGEMENT_PREFIX}/`);
  // The control API, JWKS and discovery documents are emulator plumbing or cached public documents;
  // limiting them would only make tests flaky.
  if (!isToken && !isManagement) return [];
  switch (preset) {
    case 'free':
      return isToken ? [FREE.authentication, FREE.token] : [FREE.management];
    case 'enterprise':
      return [isToken ? ENTERPRISE.authentication : ENTERPRISE.management];
    case 'essentials': {
      if (isToken) return [ESSENTIALS.authentication];
      if (!route.startsWith(`${MANAGEMENT_PREFIX}/users`)) return [ESSENTIALS.other];
      const verb = method.toUpperCase();
      if (verb === 'GET' || verb === 'HEAD') return [ESSENTIALS.usersRead];
      if (verb === 'DELETE') return [ESSENTIALS.usersDelete];
      return [ESSENTIALS.usersWrite];
    }
  }
}

interface BucketState {
  spec: BucketSpec;
  /** Refill step in real milliseconds (already divided by the time scale). */
  stepMs: number;
  /** One token, in units: the number of refill steps per interval. */
  unitsPerToken: number;
  capacityUnits: number;
  units: number;
  /** Time of the last whole refill step (ms). */
  last: number;
}

export class RateLimiter {
  private preset: RateLimitPreset;
  private timeScale: number;
  private readonly now: () => number;
  private buckets = new Map<string, BucketState>();

  constructor(opts: { preset: RateLimitPreset; timeScale?: number; now?: () => number }) {
    this.preset = opts.preset;
    this.timeScale = validTimeScale(opts.timeScale ?? 1);
    this.now = opts.now ?? Date.now;
  }

  configure(opts: { preset?: RateLimitPreset; timeScale?: number }): void {
    if (opts.preset !== undefined && opts.preset !== this.preset) {
      // A new plan starts with full buckets, like a tenant that has not been called yet.
      this.preset = opts.preset;
      this.buckets.clear();
    }
    if (opts.timeScale !== undefined) {
      const scale = validTimeScale(opts.timeScale);
      if (scale !== this.timeScale) {
        // Tokens earned so far were earned at the old speed; only later refills run at the new one.
        const now = this.now();
        for (const state of this.buckets.values()) {
          refill(state, now);
          state.stepMs = baseStepMs(state.spec) / scale;
          state.last = now;
        }
        this.timeScale = scale;
      }
    }
  }

  consume(method: string, route: string): RateLimitDecision {
    const now = this.now();
    const specs = bucketsFor(this.preset, method, route);
    if (specs.length === 0) return unlimitedDecision(now, this.preset === 'off' ? 'off' : 'unlimited');

    const states = specs.map((spec) => this.state(spec, now));
    for (const state of states) refill(state, now);
    const allowed = states.every((state) => state.units >= state.unitsPerToken);
    if (allowed) {
      for (const state of states) state.units -= state.unitsPerToken;
    }

    let chosen: RateLimitDecision | null = null;
    for (const state of states) {
      const decision = describe(state, allowed);
      if (chosen === null || moreConstraining(decision, chosen)) chosen = decision;
    }
    return chosen!;
  }

  reset(): void {
    this.buckets.clear();
  }

  /** Every bucket touched since the last reset, as it stands now (for the control API and tests). */
  snapshot(): RateLimitDecision[] {
    const now = this.now();
    return [...this.buckets.values()].map((state) => {
      refill(state, now);
      return describe(state, state.units >= state.unitsPerToken);
    });
  }

  private state(spec: BucketSpec, now: number): BucketState {
    let state = this.buckets.get(spec.name);
    if (!state) {
      const unitsPerToken = spec.per === 'second' ? 1000 : 60;
      state = {
        spec,
        stepMs: baseStepMs(spec) / this.timeScale,
        unitsPerToken,
        capacityUnits: spec.capacity * unitsPerToken,
        units: spec.capacity * unitsPerToken,
        last: now,
      };
      this.buckets.set(spec.name, state);
    }
    return state;
  }
}

/** The three headers Auth0 sends on rate-limited APIs (https://auth0.com/docs/api/authentication/user-profile/get-user-info). */
export function rateLimitHeaders(d: RateLimitDecision): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(d.limit),
    'X-RateLimit-Remaining': String(d.remaining),
    'X-RateLimit-Reset': String(d.resetEpochSec),
  };
}

/**
 * The 429 body: Management API style for /api/v2 (the "Global limit" wording is the one captured
 * verbatim; the wording for endpoint buckets is unconfirmed, so they reuse the documented generic
 * sentence), Authentication API style for /oauth/token.
 */
export function rateLimitedBody(d: RateLimitDecision, api: 'management' | 'authentication'): Record<string, unknown> {
  const generic = 'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.';
  if (api === 'authentication') return { error: 'too_many_requests', error_description: generic };
  return {
    statusCode: 429,
    error: 'Too Many Requests',
    message: d.bucket === 'management-global' ? 'Global limit has been reached' : generic,
    errorCode: 'too_many_requests',
  };
}

function baseStepMs(spec: BucketSpec): number {
  return spec.per === 'second' ? 1 : 1000;
}

function validTimeScale(scale: number): number {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`timeScale must be a positive number, got ${scale}`);
  return scale;
}

function refill(state: BucketState, now: number): void {
  // A full bucket starts its refill clock when its first token leaves, not at some earlier moment.
  if (state.units >= state.capacityUnits) {
    state.last = now;
    return;
  }
  // The epsilon keeps 5 ms / 0.01 ms from flooring to 499 steps under a fractional time scale.
  const steps = Math.floor((now - state.last) / state.stepMs + 1e-9);
  if (steps <= 0) return;
  state.units = Math.min(state.capacityUnits, state.units + steps * state.spec.sustained);
  state.last = state.units >= state.capacityUnits ? now : state.last + steps * state.stepMs;
}

function describe(state: BucketState, allowed: boolean): RateLimitDecision {
  const missing = state.capacityUnits - state.units;
  const fullAtMs = missing <= 0 ? state.last : state.last + Math.ceil(missing / state.spec.sustained) * state.stepMs;
  return {
    allowed,
    limit: state.spec.capacity,
    remaining: Math.floor(state.units / state.unitsPerToken),
    // X-RateLimit-Reset is when the bucket is full again, not when the next token arrives (observed:
    // https://github.com/auth0/node-auth0/pull/538).
    resetEpochSec: Math.ceil(fullAtMs / 1000),
    bucket: state.spec.name,
  };
}

function moreConstraining(a: RateLimitDecision, b: RateLimitDecision): boolean {
  if (a.remaining !== b.remaining) return a.remaining < b.remaining;
  return a.resetEpochSec > b.resetEpochSec;
}

function unlimitedDecision(now: number, bucketName: string): RateLimitDecision {
  return {
    allowed: true,
    limit: UNLIMITED,
    remaining: UNLIMITED,
    resetEpochSec: Math.ceil(now / 1000),
    bucket: bucketName,
  };
}
