// importEmployees: up to 1000 rows per call, each row through the same durable path as createEmployee
// (employee row, audit event and provisioning job in one transaction), so a crash never loses a stored
// row's account and never duplicates one. Rows are checked first (import-rows.ts); stored rows are
// written in chunks, each one transaction. Running the same file again is safe (ALREADY_EXISTS, by
// external id or email). No bounded wait: the queue's workers provision the batch, paced, with roles in
// batches. Progress: importBatchProgress.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Auth0SyncStatus } from '../generated/prisma/enums.ts';
import { matchExistingAccounts, type AdoptionMatch } from './account-adoption.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { auth0RoleName, DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import { auditRefusal } from './employee-reach.ts';
import { deferredInvitation, endDateDeactivation, invitationJobOptions, setScheduledDeactivation } from './employee-schedule.ts';
import { Auth0UnavailableError } from './errors.ts';
import { IdentityError, type IdentityDirectory } from './identity-provider.ts';
import { checkImportRows, storedIdOf, type ImportRowInput, type ImportRowOutcome, type NewRow } from './import-rows.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';
import * as employees from '../store/employee-store.ts';
import * as onboarding from '../store/employee-onboarding.ts';

export type { ImportRowInput, ImportRowOutcome, ImportRowOutcomeKind } from './import-rows.ts';

/** Rows, their audit events and their jobs are stored here; the queue's workers make the Auth0 calls. */
export interface EmployeeImportDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  queue: ProvisioningQueue;
  /** Only for adoptExistingAccounts: the batched search by email. */
  identityProvider?: Pick<IdentityDirectory, 'searchUsersByEmails'>;
  /** The connection accounts are adopted from (AUTH0_CONNECTION), and whether unused adopted accounts get the invitation. */
  settings: Pick<ProvisioningSettings, 'onboardingEmail' | 'schedule'> & { connection: string };
}

export const MAX_IMPORT_ROWS = 1000;
const CHUNK_SIZE = 100;
/** The first chunk is smaller, so the queue's workers start on it while the rest are stored. */
const FIRST_CHUNK_SIZE = 20;

export interface ImportOptions {
  dryRun: boolean;
  /** Day one: a row without an employee takes over the one unclaimed Auth0 account with its email (account-adoption.ts). */
  adoptExistingAccounts?: boolean;
}

export interface ImportResult {
  batchId: string | null;
  dryRun: boolean;
  total: number;
  created: number;
  adopted: number;
  alreadyExists: number;
  conflicts: number;
  invalid: number;
  rows: ImportRowOutcome[];
}

type AdoptedRow = NewRow & { user: { userId: string; inUse: boolean } };

export async function importEmployees(
  deps: EmployeeImportDeps,
  actor: Actor,
  input: readonly ImportRowInput[],
  options: ImportOptions,
): Promise<ImportResult | Auth0UnavailableError> {
  if (input.length > MAX_IMPORT_ROWS) throw new RangeError(`at most ${MAX_IMPORT_ROWS} rows per import`);
  const { outcomes, fresh, outOfReach } = await checkImportRows(deps.prisma, actor, input);

  // Adoption reads Auth0 before anything is stored: an outage leaves the whole import undone.
  let matches = new Map<string, AdoptionMatch>();
  if (options.adoptExistingAccounts && fresh.length > 0) {
    if (!deps.identityProvider) throw new Error('adoptExistingAccounts needs the identity provider');
    try {
      matches = await matchExistingAccounts(deps.identityProvider, fresh.map((entry) => entry.data.email), deps.settings.connection);
    } catch (error) {
      if (error instanceof IdentityError) return new Auth0UnavailableError(error.message);
      throw error;
    }
  }
  const toCreate: NewRow[] = [];
  const toAdopt: AdoptedRow[] = [];
  for (const entry of fresh) {
    const match = matches.get(entry.data.email) ?? { kind: 'none' };
    if (match.kind === 'conflict') {
      entry.outcome.outcome = 'CONFLICT';
      entry.outcome.reasons = [match.reason];
    } else if (match.kind === 'adopt') {
      entry.outcome.outcome = options.dryRun ? 'WOULD_ADOPT' : 'ADOPTED';
      entry.outcome.auth0UserId = match.user.userId;
      toAdopt.push({ ...entry, user: { userId: match.user.userId, inUse: match.inUse } });
    } else {
      entry.outcome.outcome = options.dryRun ? 'WOULD_CREATE' : 'CREATED';
      toCreate.push(entry);
    }
  }

  let batchId: string | null = null;
  if (!options.dryRun) {
    for (const employee of outOfReach) {
      await auditRefusal(deps, actor, employee, `importEmployees: the employee holds ${auth0RoleName(employee.role)}, outside the caller's reach`);
    }
    const batch = await deps.prisma.importBatch.create({
      data: { actorId: actor.id, total: input.length, created: 0, alreadyExists: 0, invalid: 0, rows: [] },
    });
    batchId = batch.id;
    await storeInChunks(deps, toCreate, (chunk) => storeChunk(deps, actor, batch.id, chunk));
    await storeInChunks(deps, toAdopt, (chunk) => storeAdoptedChunk(deps, actor, batch.id, chunk));
  }
  const count = (...kinds: ImportRowOutcome['outcome'][]) => outcomes.filter((o) => kinds.includes(o.outcome)).length;
  const result: ImportResult = {
    batchId,
    dryRun: options.dryRun,
    total: input.length,
    created: count('CREATED', 'WOULD_CREATE'),
    adopted: count('ADOPTED', 'WOULD_ADOPT'),
    alreadyExists: count('ALREADY_EXISTS'),
    conflicts: count('CONFLICT'),
    invalid: count('INVALID'),
    rows: outcomes,
  };
  if (batchId) {
    await deps.prisma.importBatch.update({
      where: { id: batchId },
      data: {
        created: result.created,
        adopted: result.adopted,
        alreadyExists: result.alreadyExists,
        conflicts: result.conflicts,
        invalid: result.invalid,
        rows: outcomes as unknown as object[],
      },
    });
  }
  return result;
}

/** Stores rows chunk by chunk; a row someone else stored meanwhile becomes ALREADY_EXISTS. */
async function storeInChunks<T extends NewRow>(
  deps: Pick<EmployeeImportDeps, 'prisma'>,
  rows: readonly T[],
  store: (chunk: readonly T[]) => Promise<Map<string, string>>,
): Promise<void> {
  for (let start = 0; start < rows.length; ) {
    const chunk = rows.slice(start, start + (start === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE));
    start += chunk.length;
    const stored = await store(chunk);
    for (const { outcome, data } of chunk) {
      const id = stored.get(data.email);
      if (id) {
        outcome.employeeId = id;
        continue;
      }
      outcome.outcome = 'ALREADY_EXISTS';
      outcome.auth0UserId = null;
      outcome.employeeId = await storedIdOf(deps.prisma, data.email);
    }
  }
}

const imported = (deps: EmployeeImportDeps, row: CreateEmployeeInput, adoptedUserId?: string): employees.ImportedEmployee => ({
  name: row.name,
  email: row.email,
  department: row.department,
  externalId: row.externalId ?? null,
  role: row.role ?? DEFAULT_EMPLOYEE_ROLE,
  ...(adoptedUserId ? { adoptedUserId } : {}),
  ...(row.startDate || row.endDate ? { startDate: row.startDate ?? null, endDate: row.endDate ?? null, ...deferredInvitation(row.startDate ?? null, deps.settings) } : {}),
});

/** The chunk's end dates, each a scheduled deactivation, in the chunk's transaction. */
async function scheduleEndDates(tx: Prisma.TransactionClient, deps: EmployeeImportDeps, actor: Actor, rows: readonly NewRow[], stored: readonly { id: string; email: string }[]): Promise<void> {
  const idOf = new Map(stored.map((employee) => [employee.email, employee.id]));
  for (const { data } of rows) {
    const id = idOf.get(data.email);
    if (!id || !data.endDate) continue;
    const employee = { id, auth0UserId: null, scheduledDeactivationAt: null };
    await setScheduledDeactivation(tx, deps, actor, employee, endDateDeactivation(data.endDate, actor, deps.settings), 'importEmployees');
  }
}

/** One transaction of three statements: the rows not stored yet, their audit events and their provisioning jobs. */
async function storeChunk(deps: EmployeeImportDeps, actor: Actor, batchId: string, rows: readonly NewRow[]): Promise<Map<string, string>> {
  const created = await deps.prisma.$transaction(
    async (tx) => {
      const stored = await employees.insertImportedEmployees(tx, batchId, rows.map((row) => imported(deps, row.data)));
      // Three statements per chunk, not two per row: the audit rows and the jobs go in one insert each.
      const ids = stored.map((employee) => employee.id);
      await deps.audit.employeesCreated(tx, actor, ids);
      await deps.queue.enqueueMany(tx, 'provision-employee', ids);
      await scheduleEndDates(tx, deps, actor, rows, stored);
      return stored;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return new Map(created.map((employee) => [employee.email, employee.id]));
}

/**
 * Adopted rows are stored linked to their account and marked as not the gateway's (auth0LinkedAt), with
 * the jobs that finish the adoption: the role (role batches, as for new users), the metadata (account
 * sync), and the invitation only for an account nobody has used yet.
 */
async function storeAdoptedChunk(deps: EmployeeImportDeps, actor: Actor, batchId: string, rows: readonly AdoptedRow[]): Promise<Map<string, string>> {
  const userOf = new Map(rows.map((row) => [row.data.email, row.user]));
  const adopted = await deps.prisma.$transaction(
    async (tx) => {
      const stored = await employees.insertImportedEmployees(tx, batchId, rows.map((row) => imported(deps, row.data, row.user.userId)));
      const ids = stored.map((employee) => employee.id);
      await deps.audit.employeesCreated(tx, actor, ids);
      await deps.audit.accountsAdopted(
        tx,
        actor,
        stored.map((employee) => {
          const user = userOf.get(employee.email)!;
          return { employeeId: employee.id, auth0UserId: user.userId, detail: `adopted an existing Auth0 account (${user.inUse ? 'in use: no onboarding email' : 'never used: invitation'})` };
        }),
      );
      await deps.queue.enqueueMany(tx, 'provision-employee', ids);
      await deps.queue.enqueueMany(tx, 'sync-employee-account', ids);
      if (deps.settings.onboardingEmail === 'invite') {
        const invited = stored.filter((employee) => !userOf.get(employee.email)!.inUse);
        const deferred = new Map(rows.map((row) => [row.data.email, deferredInvitation(row.data.startDate ?? null, deps.settings)]));
        await deps.queue.enqueueMany(tx, 'send-invitation', invited.filter((employee) => !deferred.get(employee.email)?.invitationScheduledAt).map((employee) => employee.id));
        for (const employee of invited) {
          const at = deferred.get(employee.email)?.invitationScheduledAt;
          if (at) await deps.queue.enqueue(tx, 'send-invitation', employee.id, invitationJobOptions({ invitationScheduledAt: at }, deps.settings));
        }
        await onboarding.scheduleInvitations(tx, invited.map((employee) => employee.id));
      }
      await scheduleEndDates(tx, deps, actor, rows, stored);
      return stored;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return new Map(adopted.map((employee) => [employee.email, employee.id]));
}

export interface ImportBatchProgress {
  id: string;
  createdAt: Date;
  total: number;
  created: number;
  adopted: number;
  alreadyExists: number;
  conflicts: number;
  invalid: number;
  rows: ImportRowOutcome[];
  /** The batch's new employees by Auth0 sync status. */
  pending: number;
  provisioned: number;
  failed: number;
  /** No new employee of the batch is PENDING any more. */
  finished: boolean;
}

/**
 * Who reads a batch: a caller sees it when they created it or administer provisioning, and anyone else
 * gets the answer of an unknown batch (null), so batch ids cannot be probed; `process` is the import CLI.
 */
export type ImportBatchReader = Pick<Actor, 'id' | 'permissions'> | 'process';

export async function importBatchProgress(
  deps: Pick<EmployeeImportDeps, 'prisma'>,
  batchId: string,
  reader: ImportBatchReader,
): Promise<ImportBatchProgress | null> {
  const seesAll = reader === 'process' || reader.permissions?.has('manage:provisioning') === true;
  const batch = await deps.prisma.importBatch.findFirst({ where: { id: batchId, ...(seesAll ? {} : { actorId: reader.id }) } });
  if (!batch) return null;
  const groups = await deps.prisma.employee.groupBy({ by: ['auth0SyncStatus'], where: { importBatchId: batchId }, _count: { _all: true } });
  const count = (...statuses: Auth0SyncStatus[]) =>
    groups.filter((group) => statuses.includes(group.auth0SyncStatus)).reduce((sum, group) => sum + group._count._all, 0);
  const pending = count('PENDING');
  return {
    id: batch.id,
    createdAt: batch.createdAt,
    total: batch.total,
    created: batch.created,
    adopted: batch.adopted,
    alreadyExists: batch.alreadyExists,
    conflicts: batch.conflicts,
    invalid: batch.invalid,
    rows: batch.rows as unknown as ImportRowOutcome[],
    pending,
    provisioned: count('CREATED', 'VERIFIED'),
    failed: count('FAILED'),
    finished: pending === 0,
  };
}

/**
 * How far the queue got with these employees (an import's rows, new or already stored): a rerun of an
 * interrupted import follows the rows the first run stored as well as its own.
 */
export async function employeesProgress(
  deps: Pick<EmployeeImportDeps, 'prisma'>,
  employeeIds: readonly string[],
): Promise<{ pending: number; provisioned: number; failed: number }> {
  const totals = { pending: 0, provisioned: 0, failed: 0 };
  for (let start = 0; start < employeeIds.length; start += MAX_IMPORT_ROWS) {
    const ids = employeeIds.slice(start, start + MAX_IMPORT_ROWS);
    const groups = await deps.prisma.employee.groupBy({ by: ['auth0SyncStatus'], where: { id: { in: ids } }, _count: { _all: true } });
    for (const group of groups) {
      const kind = group.auth0SyncStatus === 'PENDING' ? 'pending' : group.auth0SyncStatus === 'FAILED' ? 'failed' : 'provisioned';
      totals[kind] += group._count._all;
    }
  }
  return totals;
}
