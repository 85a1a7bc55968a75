// The checks an import row goes through before anything is stored: createEmployee's rules and grant
// rules, duplicates inside the input (email and external id), then the employees already stored — by
// external id first (a re-sent person), then by email — and the caller's reach over them.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import type { Actor } from './audit-trail.ts';
import { auth0RoleName, createEmployeeInputSchema, DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import { mayGrantOnCreate, mayReach } from './employee-reach.ts';
import { refuseDates, refuseSchedule } from './employee-schedule.ts';

export interface ImportRowInput {
  name: string;
  email: string;
  department: string;
  role?: string | null;
  externalId?: string | null;
  /** YYYY-MM-DD (COMPANY_TIME_ZONE): the first working day, and the last (its end deactivates). */
  startDate?: string | null;
  endDate?: string | null;
  /** Where the row starts in its file (the CSV import); duplicates are then reported by line. */
  line?: number;
}

export type ImportRowOutcomeKind = 'CREATED' | 'WOULD_CREATE' | 'ADOPTED' | 'WOULD_ADOPT' | 'ALREADY_EXISTS' | 'CONFLICT' | 'INVALID';

export interface ImportRowOutcome {
  /** 1-based position in the input. */
  row: number;
  /** The row's line in its file, when it came from one (the CSV import). */
  line?: number;
  email: string;
  outcome: ImportRowOutcomeKind;
  reasons: string[];
  employeeId: string | null;
  /** The Auth0 account an ADOPTED (or WOULD_ADOPT) row takes over. */
  auth0UserId?: string | null;
}

export interface NewRow {
  outcome: ImportRowOutcome;
  data: CreateEmployeeInput;
}

export type StoredEmployee = Pick<Employee, 'id' | 'email' | 'role' | 'auth0UserId' | 'externalId'>;

export interface CheckedRows {
  outcomes: ImportRowOutcome[];
  /** Rows no stored employee matches: to create (or adopt). */
  fresh: NewRow[];
  /** Stored employees the caller may not act on, named by a row (audited as refusals). */
  outOfReach: StoredEmployee[];
}

export async function checkImportRows(prisma: PrismaClient, actor: Actor, input: readonly ImportRowInput[]): Promise<CheckedRows> {
  const outcomes: ImportRowOutcome[] = [];
  const valid: NewRow[] = [];
  const firstOf = new Map<string, string>();
  input.forEach((raw, index) => {
    const outcome: ImportRowOutcome = {
      row: index + 1,
      ...(raw.line !== undefined ? { line: raw.line } : {}),
      email: String(raw.email ?? '').trim().toLowerCase(),
      outcome: 'INVALID',
      reasons: [],
      employeeId: null,
    };
    outcomes.push(outcome);
    const parsed = createEmployeeInputSchema.safeParse(raw);
    if (!parsed.success) {
      outcome.reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`);
      return;
    }
    // createEmployee's grant rules (assignRole's): a refused role stores nothing and calls no Auth0.
    const role = parsed.data.role ?? DEFAULT_EMPLOYEE_ROLE;
    if (!mayGrantOnCreate(actor, role)) {
      outcome.reasons = [`role: you may not grant the role ${auth0RoleName(role)}`];
      return;
    }
    const { startDate = null, endDate = null } = parsed.data;
    const badDates = refuseDates(startDate, endDate) ?? (endDate ? refuseSchedule(actor, role) : null);
    if (badDates) {
      outcome.reasons = [`endDate: ${badDates.message}`];
      return;
    }
    const here = raw.line !== undefined ? `line ${raw.line}` : `row ${index + 1}`;
    const keys = [`email: ${parsed.data.email}`, ...(parsed.data.externalId ? [`external_id: ${parsed.data.externalId}`] : [])];
    const duplicate = keys.find((key) => firstOf.has(key));
    if (duplicate) {
      outcome.reasons = [`${duplicate.split(':')[0]}: duplicate of ${firstOf.get(duplicate)} in this import`];
      return;
    }
    for (const key of keys) firstOf.set(key, here);
    valid.push({ outcome, data: parsed.data });
  });

  const stored = await storedEmployees(prisma, valid.map((entry) => entry.data));
  const fresh: NewRow[] = [];
  const outOfReach: StoredEmployee[] = [];
  for (const entry of valid) {
    const match = matchStored(entry.data, stored);
    if (match.kind === 'none') {
      fresh.push(entry);
      continue;
    }
    if (match.kind === 'conflict') {
      entry.outcome.outcome = 'CONFLICT';
      entry.outcome.reasons = [match.reason];
      continue;
    }
    // A row naming an employee the caller may not act on is refused like any other door (employee-reach.ts).
    if (!mayReach(actor, match.employee.role)) {
      entry.outcome.reasons = [`email: belongs to an employee who holds ${auth0RoleName(match.employee.role)}, outside your reach`];
      outOfReach.push(match.employee);
      continue;
    }
    entry.outcome.outcome = 'ALREADY_EXISTS';
    entry.outcome.employeeId = match.employee.id;
  }
  return { outcomes, fresh, outOfReach };
}

type StoredMatch = { kind: 'none' } | { kind: 'stored'; employee: StoredEmployee } | { kind: 'conflict'; reason: string };

/** By external id first (the source system's identity), then by email; disagreeing ids are a conflict. */
function matchStored(data: CreateEmployeeInput, stored: { byEmail: Map<string, StoredEmployee>; byExternalId: Map<string, StoredEmployee> }): StoredMatch {
  const byEmail = stored.byEmail.get(data.email);
  const byExternalId = data.externalId ? stored.byExternalId.get(data.externalId) : undefined;
  if (byExternalId) {
    if (byEmail && byEmail.id !== byExternalId.id) {
      return { kind: 'conflict', reason: `external_id: belongs to another employee than the one with this email` };
    }
    return { kind: 'stored', employee: byExternalId };
  }
  if (!byEmail) return { kind: 'none' };
  if (data.externalId && byEmail.externalId && byEmail.externalId !== data.externalId) {
    return { kind: 'conflict', reason: `external_id: the employee with this email has another external id (${byEmail.externalId})` };
  }
  return { kind: 'stored', employee: byEmail };
}

async function storedEmployees(prisma: PrismaClient, rows: readonly CreateEmployeeInput[]) {
  const emails = rows.map((row) => row.email);
  const externalIds = rows.flatMap((row) => (row.externalId ? [row.externalId] : []));
  const found =
    rows.length === 0
      ? []
      : await prisma.employee.findMany({
          where: { OR: [{ email: { in: emails } }, ...(externalIds.length > 0 ? [{ externalId: { in: externalIds } }] : [])] },
          select: { id: true, email: true, role: true, auth0UserId: true, externalId: true },
        });
  return {
    byEmail: new Map(found.map((employee) => [employee.email, employee] as const)),
    byExternalId: new Map(found.flatMap((employee) => (employee.externalId ? [[employee.externalId, employee] as const] : []))),
  };
}

export async function storedIdOf(prisma: PrismaClient, email: string): Promise<string | null> {
  return (await prisma.employee.findUnique({ where: { email }, select: { id: true } }))?.id ?? null;
}
