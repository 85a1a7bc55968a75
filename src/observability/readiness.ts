// /ready: whether this process can do its work now. A list of named checks, each answering ok or a
// reason; the process is ready when every check is ok. The composition root builds the list (database,
// queue, Auth0 credentials, caller-token keys); another part of the gateway adds its own check by
// appending to it.
import { readdir } from 'node:fs/promises';
import type { PrismaClient } from '../db/prisma-client.ts';
import { defaultMigrationsDir } from '../db/migrations.ts';
import type { Auth0CredentialState } from '../auth0/auth0-credential-state.ts';
import type { Logger } from '../logger.ts';
import type { IdentityDirectory, IdentityGrant } from '../services/identity-provider.ts';
import type { Auth0CredentialTracker } from './auth0-http-observer.ts';

export interface CheckResult {
  ok: boolean;
  /** Why not (or, when ok, something an operator should see); never a secret. */
  detail?: string;
}

export interface ReadinessCheck {
  name: string;
  check: () => Promise<CheckResult>;
}

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  checks: Record<string, CheckResult>;
  /** `<check>: <detail>` of every failing check. */
  reasons: string[];
}

const CHECK_TIMEOUT_MS = 3_000;

export async function runReadinessChecks(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const result = await withTimeout(check(), CHECK_TIMEOUT_MS).catch(
        (error: unknown): CheckResult => ({ ok: false, detail: error instanceof TimeoutError ? 'no answer within 3 s' : 'check failed' }),
      );
      return [name, result] as const;
    }),
  );
  const reasons = results.filter(([, result]) => !result.ok).map(([name, result]) => `${name}: ${result.detail ?? 'not ok'}`);
  return { status: reasons.length === 0 ? 'ready' : 'not ready', checks: Object.fromEntries(results), reasons };
}

/** PostgreSQL answers, and every migration this build ships is applied. */
export function databaseCheck(prisma: PrismaClient, migrationsDir = defaultMigrationsDir): ReadinessCheck {
  let shipped: Promise<string[]> | undefined;
  return {
    name: 'database',
    async check() {
      shipped ??= readdir(migrationsDir, { withFileTypes: true }).then((entries) =>
        entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
      );
      let applied: { migration_name: string }[];
      try {
        applied = await prisma.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        return { ok: false, detail: `PostgreSQL does not answer or is not migrated${typeof code === 'string' ? ` (${code})` : ''}` };
      }
      const done = new Set(applied.map((row) => row.migration_name));
      const missing = (await shipped).filter((name) => !done.has(name));
      return missing.length === 0 ? { ok: true } : { ok: false, detail: `migrations not applied: ${missing.join(', ')}` };
    },
  };
}

/** The job queue is started (and not stopping). */
export function queueCheck(queue: { running: boolean }): ReadinessCheck {
  return {
    name: 'queue',
    check: async () => (queue.running ? { ok: true } : { ok: false, detail: 'the job queue is stopped' }),
  };
}

/**
 * The Auth0 side, probed at start and again (at most every 30 s) while it fails: a Management API call
 * (which makes the SDK fetch a client-credentials token) and the caller-token JWKS.
 */
export class Auth0Probe {
  #management: CheckResult | undefined;
  #roles: CheckResult | undefined;
  #scopes: CheckResult | undefined;
  #jwks: CheckResult | undefined;
  #running: Promise<void> | undefined;
  #lastRun = 0;

  constructor(
    private readonly options: {
      directory: Pick<IdentityDirectory, 'listRoles'>;
      /** The RBAC roles the gateway assigns: each must exist in Auth0 (read from the probe's role list). */
      requiredRoles?: readonly string[];
      /** With `requiredScopes`: the scopes the application's grant must include (read from its token). */
      grant?: IdentityGrant;
      requiredScopes?: readonly string[];
      credentials: Auth0CredentialTracker;
      /** The adapter's view: a Management API 401 that a fresh token did not cure (rotated secret, revoked grant). */
      credentialState?: Pick<Auth0CredentialState, 'rejected'>;
      /** false: make no Management API call (the kill switch is off); the credentials are then not checked. */
      probeManagementApi?: () => boolean;
      /** Unset: no caller-token keys to check (a worker verifies no callers). */
      jwksUrl?: string;
      logger: Logger;
      /** A human label of the target (tenant or emulator), safe to log. */
      label: string;
    },
  ) {}

  /** Probes both now (once at a time); logs a clear error for each that fails. */
  run(): Promise<void> {
    this.#running ??= this.#probe().finally(() => {
      this.#running = undefined;
      this.#lastRun = Date.now();
    });
    return this.#running;
  }

  async #probe(): Promise<void> {
    const { logger, label } = this.options;
    const [management, jwks] = await Promise.all([this.#probeManagement(), this.#probeJwks()]);
    if (!management.ok) {
      logger.error({ identityProvider: label, cause: management.detail }, `Auth0 Management API is not usable: ${management.detail}. Employees stay PENDING until it is fixed.`);
    } else if (this.#management && !this.#management.ok) {
      logger.info({ identityProvider: label }, 'Auth0 Management API usable again');
    }
    if (!jwks.ok) {
      logger.error({ jwksUrl: this.options.jwksUrl, cause: jwks.detail }, `caller-token keys (JWKS) cannot be fetched: ${jwks.detail}. Callers with tokens are refused until it is fixed.`);
    }
    this.#management = management;
    this.#jwks = jwks;
  }

  async #probeManagement(): Promise<CheckResult> {
    if (this.options.probeManagementApi?.() === false) {
      this.#roles = this.#scopes = { ok: true, detail: 'not checked: provisioning is switched off' };
      return { ok: true, detail: 'not checked: provisioning is switched off' };
    }
    this.#roles = this.#scopes = { ok: true, detail: 'not checked: the Management API is not usable' };
    try {
      const roles = new Set((await this.options.directory.listRoles()).map((role) => role.name));
      const missingRoles = (this.options.requiredRoles ?? []).filter((name) => !roles.has(name));
      this.#roles = missingRoles.length === 0 ? { ok: true } : { ok: false, detail: `roles missing in Auth0: ${missingRoles.join(', ')} (create them in the tenant)` };
      this.#scopes = await this.#probeScopes();
      return { ok: true };
    } catch (error) {
      const credentials = this.options.credentials.current;
      if (credentials.state !== 'accepted' && credentials.state !== 'unknown') return { ok: false, detail: credentials.detail };
      return { ok: false, detail: error instanceof Error ? error.message : 'unexpected error' };
    }
  }

  async #probeScopes(): Promise<CheckResult> {
    const { grant, requiredScopes = [] } = this.options;
    const granted = grant ? await grant.grantedScopes() : null;
    if (granted === null) return { ok: true, detail: 'not checked' };
    const missing = requiredScopes.filter((scope) => !granted.includes(scope));
    return missing.length === 0 ? { ok: true } : { ok: false, detail: `Management API scopes not granted: ${missing.join(', ')}` };
  }

  async #probeJwks(): Promise<CheckResult> {
    if (!this.options.jwksUrl) return { ok: true };
    try {
      const response = await fetch(this.options.jwksUrl, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) return { ok: false, detail: `${this.options.jwksUrl} answered ${response.status}` };
      const body = (await response.json().catch(() => null)) as { keys?: unknown } | null;
      if (!Array.isArray(body?.keys) || body.keys.length === 0) return { ok: false, detail: `${this.options.jwksUrl} holds no keys` };
      return { ok: true };
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      return { ok: false, detail: `${this.options.jwksUrl} unreachable${typeof code === 'string' ? ` (${code})` : ''}` };
    }
  }

  /** Re-probes when the last result failed and is older than 30 s (or none exists yet). */
  async #fresh(): Promise<void> {
    const failing = !this.#management?.ok || !this.#jwks?.ok || !this.#roles?.ok || !this.#scopes?.ok;
    if (this.#running || this.#management === undefined || (failing && Date.now() - this.#lastRun > 30_000)) await this.run();
  }

  /** Auth0 accepted the credentials at the last token fetch (any fetch, the SDK's own refreshes included). */
  readonly credentialsCheck: ReadinessCheck = {
    name: 'auth0',
    check: async () => {
      await this.#fresh();
      const credentials = this.options.credentials.current;
      // The token endpoint's own answer names the cause best; a 401 from the Management API with a token
      // it just issued is a revoked grant (or a secret rotated since the token).
      if (credentials.state !== 'accepted' && credentials.state !== 'unknown') return { ok: false, detail: credentials.detail };
      if (this.options.credentialState?.rejected) {
        return { ok: false, detail: 'Auth0 rejects the gateway credentials even with a fresh token (rotated AUTH0_CLIENT_SECRET or revoked client grant?)' };
      }
      if (credentials.state === 'accepted') return { ok: true };
      return this.#management ?? { ok: false, detail: 'no Management API token fetched yet' };
    },
  };

  /** The four roles exist in Auth0 (at the last probe): assigning a missing one fails every provisioning. */
  readonly rolesCheck: ReadinessCheck = {
    name: 'auth0Roles',
    check: async () => {
      await this.#fresh();
      return this.#roles ?? { ok: false, detail: 'not probed yet' };
    },
  };

  /** The application's token carries every scope the gateway calls with (at the last probe). */
  readonly scopesCheck: ReadinessCheck = {
    name: 'auth0Scopes',
    check: async () => {
      await this.#fresh();
      return this.#scopes ?? { ok: false, detail: 'not probed yet' };
    },
  };

  /** The caller-token keys could be fetched at the last probe. */
  readonly jwksCheck: ReadinessCheck = {
    name: 'callerTokenKeys',
    check: async () => {
      await this.#fresh();
      return this.#jwks ?? { ok: false, detail: 'not probed yet' };
    },
  };
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
