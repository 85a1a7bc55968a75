// The use cases, bound once to this process's dependencies. GraphQL (through the context), the log-stream
// webhook, the queue workers and every CLI call these; none builds its own (docs/design.md, "Bound once").
// A use case resolves the parts it uses on its first call, so a CLI that only reads the database never
// connects to Auth0 or starts the queue.
import type { ViewerEmployeeCache } from '../live/viewer-employee-cache.ts';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Employee, Prisma } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from '../services/audit-trail.ts';
import type { CallerLimits, CallerOperation } from '../services/caller-limits.ts';
import type { EmployeeCountCache } from '../live/employee-count-cache.ts';
import {
  employeesProgress,
  importBatchProgress,
  importEmployees,
  type ImportBatchReader,
  type ImportOptions,
  type ImportRowInput,
} from '../services/employee-import.service.ts';
import type { CreateEmployeeInput, UpdateEmployeeInput } from '../services/employee-input.ts';
import { deactivateEmployee, reactivateEmployee, updateEmployee } from '../services/employee-lifecycle.service.ts';
import {
  directoryEmployee,
  findSamePerson,
  listDirectoryEmployees,
  rehire,
  removeFromDirectory,
  setDirectoryGroups,
  type DirectoryLifecycle,
} from '../services/directory.service.ts';
import { createEmployee, type CreateEmployeeOptions } from '../services/employee-provisioning.service.ts';
import { assignRole, syncEmployeeRole } from '../services/employee-role.service.ts';
import { syncEmployeeAccount } from '../services/employee-account-sync.ts';
import type { IdentityDirectory, IdentityGrant, IdentityProvider, IdentityUserRemoval, AccountMetadataShape } from '../services/identity-provider.ts';
import { backfillMetadata, type BackfillItem, type BackfillOptions } from '../services/metadata-backfill.service.ts';
import { podfactoryMatchReport } from '../services/podfactory-match.service.ts';
import type { RosterEntry } from '../services/podfactory.ts';
import { linkAuth0User, retryProvisioning } from '../services/provisioning-admin.service.ts';
import type { ProvisioningQueue } from '../services/provisioning-queue.ts';
import { assignNewUserRoles } from '../services/provisioning/new-user-role-batch.ts';
import { provisionEmployee, type ProvisionOptions } from '../services/provisioning/provisioning-attempt.ts';
import { markFailed } from '../services/provisioning/provisioning-outcome.ts';
import type { ProvisioningSwitch } from '../services/provisioning/provisioning-switch.ts';
import { reconciliationReport, type ReconciliationOptions } from '../services/reconciliation.service.ts';
import { previewRollback, runRollback, type RollbackRunOptions } from '../services/rollback-run.ts';
import type { RollbackSelection } from '../services/rollback.service.ts';
import { runScheduledDeactivation } from '../services/scheduled-deactivation.service.ts';
import { markInvitationFailed, type InvitationFailure, type InvitationTarget } from '../services/invitation-status.ts';
import { checkVerifiedEmails, markVerified, resendVerification, sendInvitation } from '../services/verification.service.ts';
import type { ChangeFeed } from '../live/employee-change-feed.ts';
import type { ScheduleSettings } from '../services/effective-dates.ts';
import { createLiveStatus, type StreamCaller } from '../live/live-status.ts';
import type { ProvisioningDeps } from './provisioning.ts';
import { ScheduleNotAllowedError } from '../services/errors.ts';
import { createScimTokenService } from '../services/scim-tokens.ts';
import { createDeprovisionGuard, type DeprovisionLimit, type DeprovisionOutcome } from '../services/deprovision-guard.ts';
import type { WebhookDeliveryStatus } from '../generated/prisma/enums.ts';
import * as webhookEndpoints from '../outgoing-webhooks/webhook-endpoints.service.ts';

// What the CLIs need besides the calls: limits, defaults and result types (a CLI never imports services/).
export { MAX_IMPORT_ROWS, type ImportResult } from '../services/employee-import.service.ts';
export { MAX_ROSTER_ENTRIES } from '../services/podfactory-match.service.ts';
export { DEFAULT_UNVERIFIED_DAYS } from '../services/reconciliation.service.ts';
export type { RollbackSelection } from '../services/rollback.service.ts';
export type { RemainingEstimate, RollbackRunResult } from '../services/rollback-run.ts';
export type { CallerOperation } from '../services/caller-limits.ts';

/** What the use cases run on; the gateway builds each part once, on first use. */
export interface ServiceParts {
  prisma: PrismaClient;
  /** Employee changes for the subscription streams (connects on the first subscription). */
  changeFeed: ChangeFeed;
  identity(): Promise<{ provider: IdentityProvider & IdentityDirectory & AccountMetadataShape & IdentityUserRemoval & IdentityGrant }>;
  audit(): Promise<AuditTrail>;
  queue(): Promise<ProvisioningQueue>;
  provisioning(): Promise<{ deps: ProvisioningDeps }>;
  provisioningSwitch(): Promise<ProvisioningSwitch>;
  viewerEmployees(): Promise<ViewerEmployeeCache<Employee>>;
  employeeCounts(): Promise<EmployeeCountCache>;
  /** Per-caller shares of Auth0-bound changes, counted in PostgreSQL. */
  callerLimits(): Promise<CallerLimits>;
  webhooks(): Promise<Omit<webhookEndpoints.WebhookEndpointDeps, 'audit'>>;
  settings: {
    leaseMs: number;
    verificationCooldownSeconds: number;
    maxSubscriptionsPerCaller: number;
    /** Whether an adopted account nobody used gets the invitation; the connection accounts are adopted from. */
    onboardingEmail: 'invite' | 'verify';
    connection: string;
    /** SCIM_DEPROVISION_LIMIT (null: no limit). */
    scimDeprovisionLimit: DeprovisionLimit;
    /** Effective dates on imported rows. */
    schedule?: ScheduleSettings;
  };
  /** Told each decision of the mass-deprovisioning guard (the metrics). */
  onScimDeactivation?: (outcome: DeprovisionOutcome) => void;
}

/** What Pothos asks `me` to load: relations (include) or a narrowed selection (select). */
export interface EmployeeQuery {
  include?: Prisma.EmployeeInclude;
  select?: Prisma.EmployeeSelect;
}

export type Services = ReturnType<typeof bindServices>;

export function bindServices(parts: ServiceParts) {
  const { prisma, settings } = parts;
  const provisioning = async () => (await parts.provisioning()).deps;
  const stored = async () => ({ prisma, audit: await parts.audit(), queue: await parts.queue() });
  const directory = async () => (await parts.identity()).provider;
  const webhooks = async () => ({ ...(await parts.webhooks()), audit: await parts.audit() });
  const rollback = async () => {
    const [audit, provider, provisioningSwitch] = await Promise.all([parts.audit(), directory(), parts.provisioningSwitch()]);
    return { prisma, audit, directory: provider, removal: provider, grant: provider, provisioningSwitch };
  };
  const live = createLiveStatus({
    changeFeed: parts.changeFeed,
    readEmployee: (employeeId) => prisma.employee.findUnique({ where: { id: employeeId } }),
    readImportBatch: (caller, batchId) => importBatchProgress({ prisma }, batchId, caller),
    maxSubscriptionsPerCaller: settings.maxSubscriptionsPerCaller,
  });

  const deactivate = async (actor: Actor, employeeId: string, reason: string, effectiveAt?: Date | null) =>
    deactivateEmployee(await provisioning(), actor, employeeId, reason, effectiveAt ?? null);
  // The SCIM door's parts (src/scim/): who a bearer token is, and deactivations through the guard.
  // SCIM request audit rows on their way (written after the answer is sent).
  const scimAuditWrites = new Set<Promise<void>>();
  const scimTokens = createScimTokenService({ prisma, audit: parts.audit });
  const deprovisionGuard = createDeprovisionGuard({
    prisma,
    audit: parts.audit,
    // Deactivation now: only a future effectiveAt can answer ScheduleNotAllowedError, and none is given.
    deactivateEmployee: async (actor, employeeId, reason) => {
      const result = await deactivate(actor, employeeId, reason);
      if (result instanceof ScheduleNotAllowedError) throw result;
      return result;
    },
    limit: settings.scimDeprovisionLimit,
    ...(parts.onScimDeactivation ? { onDecision: parts.onScimDeactivation } : {}),
  });
  // What the identity provider's changes go through: the same services as GraphQL's.
  const directoryLifecycle: DirectoryLifecycle = {
    updateEmployee: async (actor, employeeId, input) => updateEmployee(await provisioning(), actor, employeeId, input),
    reactivateEmployee: async (actor, employeeId) => reactivateEmployee(await provisioning(), actor, employeeId),
    // Through the mass-deprovisioning guard (SCIM_DEPROVISION_LIMIT): the change may be held.
    deactivate: (actor, employeeId, reason) => deprovisionGuard.deactivate(actor, employeeId, reason),
    assignRole: async (actor, employeeId, role) => assignRole(await provisioning(), actor, employeeId, role),
  };
  const directoryStore = async () => ({ prisma, audit: await parts.audit() });

  return {
    scimTokens,
    deprovisionGuard,
    // Doors (GraphQL, SCIM) call this after authorization and before the change: RateLimitedError when the caller's share is spent.
    callerLimits: {
      consume: async (callerKey: string, operation: CallerOperation, count = 1) => (await parts.callerLimits()).consume(callerKey, operation, count),
    },
    createEmployee: async (actor: Actor, input: CreateEmployeeInput, options?: CreateEmployeeOptions) =>
      createEmployee(await provisioning(), actor, input, options),
    updateEmployee: async (actor: Actor, employeeId: string, input: UpdateEmployeeInput) => updateEmployee(await provisioning(), actor, employeeId, input),
    deactivateEmployee: deactivate,
    reactivateEmployee: async (actor: Actor, employeeId: string) => reactivateEmployee(await provisioning(), actor, employeeId),
    assignRole: async (actor: Actor, employeeId: string, role: EmployeeRole) => assignRole(await provisioning(), actor, employeeId, role),
    resendVerification: async (actor: Actor, employeeId: string) =>
      resendVerification({ ...(await provisioning()), cooldownSeconds: settings.verificationCooldownSeconds }, actor, employeeId),
    retryProvisioning: async (actor: Actor, employeeId: string) => retryProvisioning(await provisioning(), actor, employeeId),
    linkAuth0User: async (actor: Actor, employeeId: string, auth0UserId: string) => linkAuth0User(await provisioning(), actor, employeeId, auth0UserId),
    markVerified: async (actor: Actor, target: { employeeId: string } | { auth0UserId: string }) =>
      markVerified({ prisma, audit: await parts.audit() }, actor, target),
    markInvitationFailed: async (actor: Actor, target: InvitationTarget, failure: InvitationFailure) =>
      markInvitationFailed({ prisma, audit: await parts.audit() }, actor, target, failure),

    // Auth0 is connected only to adopt existing accounts: a plain import stores rows and jobs alone.
    importEmployees: async (actor: Actor, rows: readonly ImportRowInput[], options: ImportOptions) =>
      importEmployees(
        {
          ...(await stored()),
          ...(options.adoptExistingAccounts ? { identityProvider: await directory() } : {}),
          settings: { onboardingEmail: settings.onboardingEmail, connection: settings.connection, ...(settings.schedule ? { schedule: settings.schedule } : {}) },
        },
        actor,
        rows,
        options,
      ),
    importBatchProgress: (reader: ImportBatchReader, batchId: string) => importBatchProgress({ prisma }, batchId, reader),
    employeesProgress: (employeeIds: readonly string[]) => employeesProgress({ prisma }, employeeIds),
    backfillMetadata: async (actor: Actor, options: BackfillOptions) =>
      backfillMetadata({ prisma, audit: await parts.audit(), identityProvider: await directory(), leaseMs: settings.leaseMs }, actor, options),

    reconciliationReport: async (options: ReconciliationOptions) => reconciliationReport({ prisma, identityDirectory: await directory() }, options),
    podfactoryMatchReport: (roster: readonly RosterEntry[]) => podfactoryMatchReport({ prisma }, roster),
    previewRollback: async (selection: RollbackSelection) => previewRollback(await rollback(), selection),
    runRollback: async (actor: Actor, options: RollbackRunOptions) => runRollback(await rollback(), actor, options),

    // The plain row comes from the cache; a selection of relations reads through.
    viewerEmployee: async (auth0UserId: string, query: EmployeeQuery): Promise<Employee | null> => {
      const plain = query.select === undefined && Object.keys(query.include ?? {}).length === 0;
      if (!plain) return prisma.employee.findUnique({ ...query, where: { auth0UserId } });
      return (await parts.viewerEmployees()).get(auth0UserId, () => prisma.employee.findUnique({ where: { auth0UserId } }));
    },
    countEmployees: async (where: Prisma.EmployeeWhereInput): Promise<number> =>
      (await parts.employeeCounts()).count(where, () => prisma.employee.count({ where })),
    // Streams open synchronously: too many per caller is refused before the response starts.
    watchEmployee: (caller: StreamCaller, employeeId: string) => live.watchEmployee(caller, employeeId),
    watchImportBatch: (caller: StreamCaller, batchId: string) => live.watchImportBatch(caller, batchId),
    // Read fresh, so the answer right after a change made through another gateway is already current.
    provisioningStatus: async () => (await parts.provisioningSwitch()).refresh(),
    setProvisioningEnabled: async (actor: Actor, enabled: boolean, reason: string) =>
      (await parts.provisioningSwitch()).set(await parts.audit(), actor, enabled, reason),

    // The identity provider's door (SCIM): src/services/directory.service.ts.
    /** Writes a SCIM request's audit row; the door does not hold its answer for it, close() waits for it (drainScimAudit). */
    auditScimRequest: (actor: Actor, request: { detail: string; httpStatus: number; durationMs: number; employeeId: string | null }) => {
      const write = (async () => (await parts.audit()).scimRequest(prisma, actor, request))().finally(() => scimAuditWrites.delete(write));
      scimAuditWrites.add(write);
      return write;
    },
    /** Waits for the SCIM request audit rows still being written (shutdown, before the database closes). */
    drainScimAudit: async () => {
      await Promise.allSettled([...scimAuditWrites]);
    },
    withdrawHeldDeactivations: (actor: Actor, employeeId: string) => deprovisionGuard.withdraw(actor, employeeId),
    directoryEmployee: (employeeId: string) => directoryEmployee({ prisma }, employeeId),
    listDirectoryEmployees: (where: Prisma.EmployeeWhereInput, page: { skip: number; take: number }) => listDirectoryEmployees({ prisma }, where, page),
    findSamePerson: (person: { userName: string; externalId: string | null; email: string }) => findSamePerson({ prisma }, person),
    deactivateFromDirectory: (actor: Actor, employeeId: string, reason: string) => directoryLifecycle.deactivate(actor, employeeId, reason),
    removeFromDirectory: async (actor: Actor, employeeId: string) => removeFromDirectory(await directoryStore(), directoryLifecycle, actor, employeeId),
    rehire: async (actor: Actor, employee: Employee, input: UpdateEmployeeInput & { userName: string }, active: boolean) =>
      rehire(await directoryStore(), directoryLifecycle, actor, employee, input, active),
    setDirectoryGroups: async (actor: Actor, employee: Employee, groups: readonly EmployeeRole[]) =>
      setDirectoryGroups(await directoryStore(), directoryLifecycle, actor, employee, groups),
    // Outgoing webhooks (admins: manage:provisioning).
    createWebhookEndpoint: async (actor: Actor, input: webhookEndpoints.WebhookEndpointInput) =>
      webhookEndpoints.createWebhookEndpoint(await webhooks(), actor, input),
    updateWebhookEndpoint: async (actor: Actor, id: string, input: Partial<webhookEndpoints.WebhookEndpointInput> & { enabled?: boolean }) =>
      webhookEndpoints.updateWebhookEndpoint(await webhooks(), actor, id, input),
    deleteWebhookEndpoint: async (actor: Actor, id: string) => webhookEndpoints.deleteWebhookEndpoint(await webhooks(), actor, id),
    rotateWebhookSecret: async (actor: Actor, id: string) => webhookEndpoints.rotateWebhookSecret(await webhooks(), actor, id),
    webhookEndpoints: () => webhookEndpoints.webhookEndpoints({ prisma }),
    webhookDeliveries: async (endpointId: string, status: WebhookDeliveryStatus | null, limit: number) =>
      webhookEndpoints.webhookDeliveries(await webhooks(), endpointId, status, limit),
    redeliverWebhookEvents: async (actor: Actor, endpointId: string, from: Date) =>
      webhookEndpoints.redeliverWebhookEvents(await webhooks(), actor, endpointId, from),

    // The queue workers' steps (src/jobs/provisioning-workers.ts).
    provisionEmployee: async (actor: Actor, employeeId: string, options?: ProvisionOptions) => provisionEmployee(await provisioning(), actor, employeeId, options),
    markFailed: async (actor: Actor, employeeId: string, reason: 'RETRIES_EXHAUSTED', detail: string) =>
      markFailed(await provisioning(), actor, employeeId, reason, detail),
    syncEmployeeRole: async (actor: Actor, employeeId: string) => syncEmployeeRole(await provisioning(), actor, employeeId),
    syncEmployeeAccount: async (actor: Actor, employeeId: string) => syncEmployeeAccount(await provisioning(), actor, employeeId),
    assignNewUserRoles: async (actor: Actor, employeeIds: readonly string[]) => assignNewUserRoles(await provisioning(), actor, employeeIds),
    sendInvitation: async (actor: Actor, employeeId: string, options?: { finalAttempt?: boolean }) => sendInvitation(await provisioning(), actor, employeeId, options),
    checkVerifiedEmails: async (actor: Actor) => checkVerifiedEmails(await provisioning(), actor),
    runScheduledDeactivation: async (jobId: string, employeeId: string) => runScheduledDeactivation(await provisioning(), jobId, employeeId),
  };
}
