// Per-request context built from long-lived dependencies. PrismaClient is kept out of the Context
// type (Pothos warns that it slows type-checking): the context carries an opaque DbHandle and the
// prisma plugin reaches the client through prismaOf().
import { createGraphQLError } from 'graphql-yoga';
import { InvalidCallerTokenError, type CallerTokenVerifier } from './auth/caller-token.ts';
import type { PrismaClient } from './db/prisma-client.ts';
import type { AuditTrail, Actor } from './services/audit-trail.ts';
import { createEmployee, type CreateEmployeeOptions } from './services/employee-provisioning.service.ts';
import type { ProvisioningSettings } from './services/provisioning/provisioning-settings.ts';
import type { ProvisioningObserver } from './services/provisioning/provisioning-observer.ts';
import type { ProvisioningSwitch } from './services/provisioning/provisioning-switch.ts';
import { assignRole } from './services/employee-role.service.ts';
import { deactivateEmployee, reactivateEmployee, updateEmployee } from './services/employee-lifecycle.service.ts';
import { linkAuth0User, retryProvisioning } from './services/provisioning-admin.service.ts';
import { resendVerification } from './services/verification.service.ts';
import { importBatchProgress, importEmployees, type ImportOptions, type ImportRowInput } from './services/employee-import.service.ts';
import type { CreateEmployeeInput, UpdateEmployeeInput } from './services/employee-input.ts';
import type { IdentityDirectory, IdentityProvider } from './services/identity-provider.ts';
import { Auth0ReadState, createLoaders, type Loaders } from './loaders/auth0-users.loader.ts';
import { reconciliationReport, type ReconciliationOptions } from './services/reconciliation.service.ts';
import { podfactoryMatchReport } from './services/podfactory-match.service.ts';
import type { RosterEntry } from './services/podfactory.ts';
import type { ProvisioningQueue } from './services/provisioning-queue.ts';
import type { EmployeeRole } from './generated/prisma/enums.ts';
import type { ChangeFeed } from './live/employee-change-feed.ts';
import type { ViewerEmployeeCache } from './live/viewer-employee-cache.ts';
import type { EmployeeCountCache } from './live/employee-count-cache.ts';
import type { Employee, Prisma } from './generated/prisma/client.ts';
import { createLiveStatus, type StreamCaller } from './live/live-status.ts';
import { ErrorCode } from './graphql-error-codes.ts';

export interface AppDeps {
  prisma: PrismaClient;
  /** Writes (provisioning) and reads (loaders, reports) of the same Auth0 tenant. */
  identityProvider: IdentityProvider & IdentityDirectory;
  /** Process-wide Auth0 read state (optional short cache, role catalogue); default: no cache. */
  auth0ReadState?: Auth0ReadState;
  audit: AuditTrail;
  verifyCallerToken: CallerTokenVerifier;
  /** The durable provisioning queue (pg-boss); jobs are written in the same transaction as their employee. */
  queue: ProvisioningQueue;
  provisioning: ProvisioningSettings & { verificationCooldownSeconds: number };
  /** The live kill switch (provisioningStatus, setProvisioningEnabled). */
  provisioningSwitch: Pick<ProvisioningSwitch, 'refresh' | 'set'>;
  /** Where a bounded attempt that goes on after the mutation answered reports an unexpected failure. */
  onBackgroundError: (error: unknown) => void;
  /** Metrics and logs of provisioning attempts (none in tests that do not look). */
  provisioningObserver?: ProvisioningObserver;
  /** Employee changes from PostgreSQL (LISTEN/NOTIFY) for subscriptions; without it they are refused. */
  changeFeed?: ChangeFeed;
  /** Open subscriptions one caller may hold in this process (default 10). */
  maxSubscriptionsPerCaller?: number;
  /** Callers' own employee rows for `me`, kept exact by the change feed; without it `me` always reads. */
  viewerEmployees?: ViewerEmployeeCache<Employee>;
  /** Employee counts per filter for `employees { totalCount }`, kept exact by the change feed; without it every totalCount counts. */
  employeeCounts?: EmployeeCountCache;
}

/** What Pothos asks `me` to load: relations (include) or a narrowed selection (select). */
export interface EmployeeQuery {
  include?: Prisma.EmployeeInclude;
  select?: Prisma.EmployeeSelect;
}

/** Who is calling: from a verified access token, or anonymous (no Authorization header). */
export interface Viewer {
  sub: string | null;
  permissions: ReadonlySet<string>;
  /** When the caller's token expires (ms since the epoch); null for anonymous callers. */
  expiresAt: number | null;
}

const ANONYMOUS: Viewer = { sub: null, permissions: new Set(), expiresAt: null };

/** Opaque holder: a class with a private field is compared nominally, so the client's type stays out of Context. */
export class DbHandle {
  readonly #prisma: PrismaClient;
  constructor(prisma: PrismaClient) {
    this.#prisma = prisma;
  }
  static unwrap(handle: DbHandle): PrismaClient {
    return handle.#prisma;
  }
}

export interface Context {
  db: DbHandle;
  viewer: Viewer;
  requestId: string;
  /** Recorded on every audit event the request causes. */
  actor: Actor;
  services: ReturnType<typeof bindServices>;
  /** Per-request DataLoaders (batched Auth0 reads). */
  loaders: Loaders;
}

function bindServices(deps: AppDeps) {
  const provisioning = { ...deps, settings: deps.provisioning, onBackgroundError: deps.onBackgroundError };
  const live = deps.changeFeed
    ? createLiveStatus({
        changeFeed: deps.changeFeed,
        readEmployee: (employeeId) => deps.prisma.employee.findUnique({ where: { id: employeeId } }),
        readImportBatch: (caller, batchId) => importBatchProgress(deps, batchId, caller),
        ...(deps.maxSubscriptionsPerCaller ? { maxSubscriptionsPerCaller: deps.maxSubscriptionsPerCaller } : {}),
      })
    : undefined;
  const liveOrRefuse = () => {
    if (!live) throw new Error('Subscriptions are not available in this process (no change feed)');
    return live;
  };
  return {
    createEmployee: (actor: Actor, input: CreateEmployeeInput, options?: CreateEmployeeOptions) =>
      createEmployee(provisioning, actor, input, options),
    assignRole: (actor: Actor, employeeId: string, role: EmployeeRole) => assignRole(provisioning, actor, employeeId, role),
    resendVerification: (actor: Actor, employeeId: string) =>
      resendVerification({ ...provisioning, cooldownSeconds: deps.provisioning.verificationCooldownSeconds }, actor, employeeId),
    retryProvisioning: (actor: Actor, employeeId: string) => retryProvisioning(provisioning, actor, employeeId),
    linkAuth0User: (actor: Actor, employeeId: string, auth0UserId: string) => linkAuth0User(provisioning, actor, employeeId, auth0UserId),
    reconciliationReport: (options: ReconciliationOptions) =>
      reconciliationReport({ prisma: deps.prisma, identityDirectory: deps.identityProvider }, options),
    podfactoryMatchReport: (roster: readonly RosterEntry[]) => podfactoryMatchReport(deps, roster),
    importEmployees: (actor: Actor, rows: readonly ImportRowInput[], options: ImportOptions) =>
      importEmployees(provisioning, actor, rows, options),
    importBatchProgress: (reader: Actor, batchId: string) => importBatchProgress(deps, batchId, reader),
    watchEmployee: (caller: StreamCaller, employeeId: string) => liveOrRefuse().watchEmployee(caller, employeeId),
    watchImportBatch: (caller: StreamCaller, batchId: string) => liveOrRefuse().watchImportBatch(caller, batchId),
    updateEmployee: (actor: Actor, employeeId: string, input: UpdateEmployeeInput) => updateEmployee(provisioning, actor, employeeId, input),
    deactivateEmployee: (actor: Actor, employeeId: string, reason: string) => deactivateEmployee(provisioning, actor, employeeId, reason),
    reactivateEmployee: (actor: Actor, employeeId: string) => reactivateEmployee(provisioning, actor, employeeId),
    // The plain row comes from the cache; a selection of relations reads through, as before.
    viewerEmployee: (auth0UserId: string, query: EmployeeQuery): Promise<Employee | null> => {
      const cache = deps.viewerEmployees;
      const plain = query.select === undefined && Object.keys(query.include ?? {}).length === 0;
      if (!cache || !plain) return deps.prisma.employee.findUnique({ ...query, where: { auth0UserId } });
      return cache.get(auth0UserId, () => deps.prisma.employee.findUnique({ where: { auth0UserId } }));
    },
    countEmployees: (where: Prisma.EmployeeWhereInput): Promise<number> => {
      const read = () => deps.prisma.employee.count({ where });
      return deps.employeeCounts ? deps.employeeCounts.count(where, read) : read();
    },
    // Read fresh, so the answer right after a change made through another gateway is already current.
    provisioningStatus: () => deps.provisioningSwitch.refresh(),
    setProvisioningEnabled: (actor: Actor, enabled: boolean, reason: string) => deps.provisioningSwitch.set(deps.audit, actor, enabled, reason),
  };
}

export function prismaOf(context: Context): PrismaClient {
  return DbHandle.unwrap(context.db);
}

export function createContextFactory(deps: AppDeps) {
  const services = bindServices(deps);
  const db = new DbHandle(deps.prisma);
  const auth0State = deps.auth0ReadState ?? new Auth0ReadState();
  return async ({ request }: { request: Request }): Promise<Context> => {
    const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    const viewer = await viewerFrom(request.headers.get('authorization'), deps.verifyCallerToken);
    return {
      db,
      viewer,
      requestId,
      actor: { id: viewer.sub ?? 'anonymous', correlationId: requestId, permissions: viewer.permissions },
      services,
      loaders: createLoaders({ identityDirectory: deps.identityProvider, auth0State }),
    };
  };
}

async function viewerFrom(authorization: string | null, verify: CallerTokenVerifier): Promise<Viewer> {
  if (authorization === null) return ANONYMOUS;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
  try {
    const caller = await verify(match[1]!);
    return { sub: caller.sub, permissions: new Set(caller.permissions), expiresAt: caller.expiresAt };
  } catch (error) {
    if (error instanceof InvalidCallerTokenError) throw unauthenticated(error.message);
    throw error;
  }
}

function unauthenticated(message: string) {
  return createGraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
    },
  });
}
