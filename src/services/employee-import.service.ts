// importEmployees: up to 1000 rows per call, each row through the same durable path as createEmployee
// (employee row, audit event and provisioning job in one transaction), so a crash never loses a stored
// row's account and never duplicates one. Rows are checked first (the createEmployee rules, duplicates
// inside the file, emails already stored); stored rows are written in chunks, each chunk one transaction.
// Running the same file again is safe: every stored email answers ALREADY_EXISTS.
//
// No bounded wait here: the queue's workers provision the batch, paced to the Auth0 budget and with
// roles given in batches (one POST /roles/{id}/users per role and batch). Progress: importBatchProgress.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import type { Auth0SyncStatus } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { auth0RoleName, createEmployeeInputSchema, DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import { auditRefusal, mayGrantOnCreate, mayReach } from './employee-reach.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';

/** Rows, their audit events and their jobs are stored here; the queue's workers make the Auth0 calls. */
export interface EmployeeImportDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  queue: ProvisioningQueue;
}

export const MAX_IMPORT_ROWS = 1000;
const CHUNK_SIZE = 100;
/** The first chunk is smaller, so the queue's workers start on it while the rest are stored. */
const FIRST_CHUNK_SIZE = 20;

export interface ImportRowInput {
  name: string;
  email: string;
  department: string;
  role?: string | null;
  /** Where the row starts in its file (the CSV import); duplicates are then reported by line. */
  line?: number;
}

export type ImportRowOutcomeKind = 'CREATED' | 'WOULD_CREATE' | 'ALREADY_EXISTS' | 'INVALID';

export interface ImportRowOutcome {
  /** 1-based position in the input. */
  row: number;
  /** The row's line in its file, when it came from one (the CSV import). */
  line?: number;
  email: string;
  outcome: ImportRowOutcomeKind;
  reasons: string[];
  employeeId: string | null;
}

export interface ImportResult {
  batchId: string | null;
  dryRun: boolean;
  total: number;
  created: number;
  alreadyExists: number;
  invalid: number;
  rows: ImportRowOutcome[];
}

export async function importEmployees(
  deps: EmployeeImportDeps,
  actor: Actor,
  input: readonly ImportRowInput[],
  options: { dryRun: boolean },
): Promise<ImportResult> {
  if (input.length > MAX_IMPORT_ROWS) throw new RangeError(`at most ${MAX_IMPORT_ROWS} rows per import`);
  const outcomes: ImportRowOutcome[] = [];
  const valid: { outcome: ImportRowOutcome; data: CreateEmployeeInput }[] = [];
  const firstRowOf = new Map<string, string>();
  input.forEach((raw, index) => {
    const row = index + 1;
    const parsed = createEmployeeInputSchema.safeParse(raw);
    const outcome: ImportRowOutcome = {
      row,
      ...(raw.line !== undefined ? { line: raw.line } : {}),
      email: String(raw.email ?? '').trim().toLowerCase(),
      outcome: 'INVALID',
      reasons: [],
      employeeId: null,
    };
    outcomes.push(outcome);
    if (!parsed.success) {
      outcome.reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`);
      return;
    }
    // createEmployee's grant rules (assignRole's): a refused role stores nothing and calls no Auth0.
    const role = parsed.data.role ?? DEFAULT_EMPLOYEE_ROLE;
    if (!mayGrantOnCreate(actor.permissions ?? new Set(), role)) {
      outcome.reasons = [`role: you may not grant the role ${auth0RoleName(role)}`];
      return;
    }
    const earlier = firstRowOf.get(parsed.data.email);
    if (earlier !== undefined) {
      outcome.reasons = [`email: duplicate of ${earlier} in this import`];
      return;
    }
    firstRowOf.set(parsed.data.email, raw.line !== undefined ? `line ${raw.line}` : `row ${row}`);
    valid.push({ outcome, data: parsed.data });
  });

  const existing = await existingEmployees(deps, valid.map((entry) => entry.data.email));
  const outOfReach: Pick<Employee, 'id' | 'auth0UserId' | 'role'>[] = [];
  const toCreate = valid.filter(({ outcome, data }) => {
    const employee = existing.get(data.email);
    if (employee === undefined) {
      outcome.outcome = options.dryRun ? 'WOULD_CREATE' : 'CREATED';
      return true;
    }
    // A row naming an employee the caller may not act on is refused like any other door (employee-reach.ts).
    if (!mayReach(actor.permissions ?? new Set(), employee.role)) {
      outcome.reasons = [`email: belongs to an employee who holds ${auth0RoleName(employee.role)}, outside your reach`];
      outOfReach.push(employee);
      return false;
    }
    outcome.outcome = 'ALREADY_EXISTS';
    outcome.employeeId = employee.id;
    return false;
  });
  if (!options.dryRun) {
    for (const employee of outOfReach) {
      await auditRefusal(deps, actor, employee, `importEmployees: the employee holds ${auth0RoleName(employee.role)}, outside the caller's reach`);
    }
  }

  let batchId: string | null = null;
  if (!options.dryRun) {
    const batch = await deps.prisma.importBatch.create({
      data: { actorId: actor.id, total: input.length, created: 0, alreadyExists: 0, invalid: 0, rows: [] },
    });
    batchId = batch.id;
    for (let start = 0; start < toCreate.length; ) {
      const chunk = toCreate.slice(start, start + (start === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE));
      start += chunk.length;
      const stored = await storeChunk(deps, actor, batch.id, chunk.map((entry) => entry.data));
      for (const { outcome, data } of chunk) {
        const id = stored.get(data.email);
        if (id) {
          outcome.employeeId = id;
          continue;
        }
        // Stored by someone else between the check and the insert.
        outcome.outcome = 'ALREADY_EXISTS';
        outcome.employeeId = (await existingEmployees(deps, [data.email])).get(data.email)?.id ?? null;
      }
    }
  }
  const result: ImportResult = {
    batchId,
    dryRun: options.dryRun,
    total: input.length,
    created: outcomes.filter((o) => o.outcome === 'CREATED' || o.outcome === 'WOULD_CREATE').length,
    alreadyExists: outcomes.filter((o) => o.outcome === 'ALREADY_EXISTS').length,
    invalid: outcomes.filter((o) => o.outcome === 'INVALID').length,
    rows: outcomes,
  };
  if (batchId) {
    await deps.prisma.importBatch.update({
      where: { id: batchId },
      data: {
        created: result.created,
        alreadyExists: result.alreadyExists,
        invalid: result.invalid,
        rows: outcomes as unknown as object[],
      },
    });
  }
  return result;
}

type ExistingEmployee = Pick<Employee, 'id' | 'email' | 'role' | 'auth0UserId'>;

async function existingEmployees(deps: Pick<EmployeeImportDeps, 'prisma'>, emails: readonly string[]): Promise<Map<string, ExistingEmployee>> {
  if (emails.length === 0) return new Map();
  const rows = await deps.prisma.employee.findMany({
    where: { email: { in: [...emails] } },
    select: { id: true, email: true, role: true, auth0UserId: true },
  });
  return new Map(rows.map((row) => [row.email, row]));
}

/** One transaction of three statements: the rows not stored yet, their audit events and their provisioning jobs. */
async function storeChunk(
  deps: EmployeeImportDeps,
  actor: Actor,
  batchId: string,
  rows: readonly CreateEmployeeInput[],
): Promise<Map<string, string>> {
  const created = await deps.prisma.$transaction(
    async (tx) => {
      // skipDuplicates: a row stored concurrently (another import, createEmployee) is left alone.
      const employees: Pick<Employee, 'id' | 'email'>[] = await tx.employee.createManyAndReturn({
        data: rows.map((row) => ({
          name: row.name,
          email: row.email,
          department: row.department,
          role: row.role ?? DEFAULT_EMPLOYEE_ROLE,
          authMethod: 'AUTH0' as const,
          auth0SyncStatus: 'PENDING' as const,
          importBatchId: batchId,
        })),
        skipDuplicates: true,
        select: { id: true, email: true },
      });
      // Three statements per chunk, not two per row: the audit rows and the jobs go in one insert each.
      const ids = employees.map((employee) => employee.id);
      await deps.audit.employeesCreated(tx, actor, ids);
      await deps.queue.enqueueMany(tx, 'provision-employee', ids);
      return employees;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return new Map(created.map((employee) => [employee.email, employee.id]));
}

export interface ImportBatchProgress {
  id: string;
  createdAt: Date;
  total: number;
  created: number;
  alreadyExists: number;
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
    alreadyExists: batch.alreadyExists,
    invalid: batch.invalid,
    rows: batch.rows as unknown as ImportRowOutcome[],
    pending,
    provisioned: count('CREATED', 'VERIFIED'),
    failed: count('FAILED'),
    finished: pending === 0,
  };
}
