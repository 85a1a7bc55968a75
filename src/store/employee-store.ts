// The SQL behind the Employee table's writes (and the reads that go with them): the create with its job,
// the per-employee lease, the Auth0 link and the status changes, the email claims, the sweeps, and the
// mapping of the database's refusals. Services call these by name (docs/design.md "Employee store").
// Plain Prisma reads stay where they are used.
import { Prisma, type Employee, type PrismaClient } from '../generated/prisma/client.ts';
import type { Auth0SyncStatus, EmployeeRole, ProvisioningFailureReason } from '../generated/prisma/enums.ts';
import { insertAuditRowsSql, type AuditRow } from '../services/audit-trail.ts';
import type { PlannedJobInsert } from '../services/provisioning-queue.ts';
import { EMPLOYEE_COLUMNS, EMPLOYEE_ROLE_LABELS, employeeFromRow } from './employee-row.ts';
import { withJobs } from './job-insert.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** A lease to take: how long it runs (by PostgreSQL's clock) and who takes it (diagnostics only). */
export interface LeaseTerms {
  seconds: number;
  owner: string;
}

/** The Auth0 account an employee row is linked to. */
export interface LinkedAccount {
  userId: string;
  createdAt: Date | string;
}

export interface NewEmployee {
  id: string;
  name: string;
  email: string;
  department: string;
  externalId: string | null;
  role: EmployeeRole;
  idempotency: { key: string; fingerprint: string } | null;
  /** From an identity provider (SCIM): its sign-in name, profile and groups. */
  directory?: { userName: string | null; profile: Prisma.InputJsonValue | null; groups: readonly string[] };
}

// ---- create ----

/**
 * A new PENDING employee, its audit rows, its jobs and (for the attempt that follows) its lease, in one
 * statement: one round trip, and nobody else can see the row before it commits, so the lease is free.
 * The unique indexes (email, idempotency key) are the arbiters: a pre-check would race with a concurrent create.
 */
export async function insertPendingEmployee(
  db: Db,
  employee: NewEmployee,
  along: { lease: LeaseTerms | null; audit: readonly AuditRow[]; jobs: PlannedJobInsert | null },
): Promise<Employee | 'email-taken' | 'user-name-taken'> {
  const { id, idempotency } = employee;
  const directory = employee.directory ?? { userName: null, profile: null, groups: [] };
  const profile = directory.profile === null ? null : JSON.stringify(directory.profile);
  const lease = along.lease ? Prisma.sql`${leaseUntil(along.lease, 'clock_timestamp()')}, ${along.lease.owner}` : Prisma.sql`NULL, NULL`;
  const inserted = Prisma.sql`employee AS (
        INSERT INTO "Employee" (id, name, email, department, "externalId", role, "authMethod", "auth0SyncStatus", "idempotencyKey",
                                "idempotencyFingerprint", "provisioningLeaseUntil", "provisioningLeaseOwner", "updatedAt",
                                "userName", "directoryProfile", "directoryGroups")
        VALUES (${id}::uuid, ${employee.name}, ${employee.email}, ${employee.department}, ${employee.externalId},
                ${EMPLOYEE_ROLE_LABELS[employee.role]}::"EmployeeRole", 'AUTH0', 'PENDING',
                ${idempotency?.key ?? null}, ${idempotency?.fingerprint ?? null}, ${lease}, now(),
                ${directory.userName}::citext, ${profile}::jsonb, ${[...directory.groups]}::text[])
        RETURNING ${EMPLOYEE_COLUMNS})`;
  const audit = Prisma.sql`audit AS (${insertAuditRowsSql(along.audit)})`;
  try {
    const [row] = await db.$queryRaw<Record<string, unknown>[]>(
      withJobs(along.jobs, [inserted, audit], (jobsWritten) => Prisma.sql`SELECT * FROM employee WHERE ${jobsWritten}`),
    );
    return employeeFromRow(row!);
  } catch (error) {
    if (directory.userName !== null && isUniqueViolationOn(error, 'userName')) return 'user-name-taken';
    if (isUniqueViolation(error)) return 'email-taken';
    throw error;
  }
}

// ---- the per-employee lease ----

/**
 * Takes the lease when it is free (and, with `onlyPending`, the employee PENDING), reading the row in the
 * same statement: the updated row when taken, else the row as it is. No such employee: P2025, as Prisma's update.
 */
export async function takeLease(db: Db, employeeId: string, lease: LeaseTerms, onlyPending: boolean): Promise<{ employee: Employee; taken: boolean }> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    WITH taken AS (
      UPDATE "Employee"
         SET "provisioningLeaseUntil" = ${leaseUntil(lease)}, "provisioningLeaseOwner" = ${lease.owner}
       WHERE id = ${employeeId}::uuid
         AND (${!onlyPending} OR "auth0SyncStatus" = 'PENDING')
         AND ("provisioningLeaseUntil" IS NULL OR "provisioningLeaseUntil" < now())
      RETURNING ${EMPLOYEE_COLUMNS})
    SELECT taken.*, true AS "leaseTaken" FROM taken
    UNION ALL
    SELECT ${EMPLOYEE_COLUMNS}, false AS "leaseTaken" FROM "Employee" WHERE id = ${employeeId}::uuid AND NOT EXISTS (SELECT 1 FROM taken)`;
  if (!row) throw new Prisma.PrismaClientKnownRequestError(`No Employee ${employeeId}`, { code: 'P2025', clientVersion: Prisma.prismaVersion.client });
  const { leaseTaken, ...columns } = row;
  return { employee: employeeFromRow(columns), taken: leaseTaken === true };
}

/** The leases of those employees that are PENDING, linked to their Auth0 user and free; returns them. */
export async function takeLinkedPendingLeases(db: Db, employeeIds: readonly string[], lease: LeaseTerms): Promise<Employee[]> {
  if (employeeIds.length === 0) return [];
  const taken = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Employee"
       SET "provisioningLeaseUntil" = ${leaseUntil(lease)}, "provisioningLeaseOwner" = ${lease.owner}
     WHERE id = ANY(${[...employeeIds]}::uuid[])
       AND "auth0SyncStatus" = 'PENDING' AND "auth0UserId" IS NOT NULL
       AND ("provisioningLeaseUntil" IS NULL OR "provisioningLeaseUntil" < now())
 RETURNING id::text`;
  if (taken.length === 0) return [];
  return db.employee.findMany({ where: { id: { in: taken.map((row) => row.id) } } });
}

/** Extends a lease this owner still holds. */
export async function renewLease(db: Db, employeeId: string, lease: LeaseTerms): Promise<void> {
  await db.$executeRaw`
    UPDATE "Employee" SET "provisioningLeaseUntil" = ${leaseUntil(lease)}
     WHERE id = ${employeeId}::uuid AND "provisioningLeaseOwner" = ${lease.owner}`;
}

/** Gives back the leases this owner holds on those employees. */
export async function releaseLeases(db: Db, employeeIds: readonly string[], owner: string): Promise<void> {
  if (employeeIds.length === 0) return;
  await db.employee.updateMany({
    where: { id: { in: [...employeeIds] }, provisioningLeaseOwner: owner },
    data: { provisioningLeaseUntil: null, provisioningLeaseOwner: null },
  });
}

function leaseUntil(lease: LeaseTerms, clock: 'now()' | 'clock_timestamp()' = 'now()'): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(clock)} + make_interval(secs => ${lease.seconds}::float8)`;
}

// ---- the Auth0 account and the provisioning status ----

/** Remembers the employee's Auth0 user, with the audit rows of the calls that found it and any jobs it owes, in one statement. */
export async function linkAuth0User(
  db: Db,
  employeeId: string,
  account: LinkedAccount,
  along: { audit: readonly AuditRow[]; jobs: PlannedJobInsert | null },
): Promise<void> {
  const audit = along.audit.length > 0 ? [Prisma.sql`audit AS (${insertAuditRowsSql(along.audit)})`] : [];
  await db.$executeRaw(
    withJobs(along.jobs, audit, (jobsWritten) => Prisma.sql`
    UPDATE "Employee" SET "auth0UserId" = ${account.userId}, "auth0AccountCreatedAt" = ${account.createdAt}::timestamptz, "updatedAt" = now()
     WHERE id = ${employeeId}::uuid AND ${jobsWritten}`),
  );
}

const CREATED = {
  auth0SyncStatus: 'CREATED',
  auth0SyncError: null,
  auth0SyncFailureReason: null,
  provisioningLeaseUntil: null,
  provisioningLeaseOwner: null,
} as const;

/**
 * CREATED (clearing the lease) with its audit rows, in one statement, only while nothing is owed to Auth0
 * since `before` was read: the role is still `before.role` and no profile change is pending. Null otherwise.
 */
export async function markCreatedIfNothingOwed(db: Db, before: Employee, account: LinkedAccount, audit: readonly AuditRow[]): Promise<Employee | null> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>`
    WITH synced AS (
      UPDATE "Employee"
         SET "auth0UserId" = ${account.userId}, "auth0AccountCreatedAt" = ${account.createdAt}::timestamptz,
             "auth0SyncStatus" = 'CREATED', "auth0SyncError" = NULL, "auth0SyncFailureReason" = NULL,
             "auth0Role" = role, "provisioningLeaseUntil" = NULL, "provisioningLeaseOwner" = NULL, "updatedAt" = now()
       WHERE id = ${before.id}::uuid
         AND role = ${EMPLOYEE_ROLE_LABELS[before.role]}::"EmployeeRole"
         AND "accountRevision" <= "auth0AccountRevision"
      RETURNING ${EMPLOYEE_COLUMNS}),
    audit AS (${insertAuditRowsSql(audit, Prisma.sql`EXISTS (SELECT 1 FROM synced)`)})
    SELECT * FROM synced`;
  return row ? employeeFromRow(row) : null;
}

/** CREATED (clearing the lease) whatever changed meanwhile; the Auth0 role is the one the attempt assigned. */
export async function markCreated(db: Db, before: Employee, account: LinkedAccount): Promise<Employee> {
  return db.employee.update({
    where: { id: before.id },
    data: { ...CREATED, auth0UserId: account.userId, auth0AccountCreatedAt: account.createdAt, auth0Role: before.role },
  });
}

/** CREATED for those still PENDING, whose Auth0 users were all given `role` (the role batch); returns them. */
export async function markManyCreated(db: Db, employeeIds: readonly string[], role: EmployeeRole): Promise<Employee[]> {
  return db.employee.updateManyAndReturn({
    where: { id: { in: [...employeeIds] }, auth0SyncStatus: 'PENDING' },
    data: { ...CREATED, auth0Role: role },
  });
}

/**
 * FAILED with a typed reason, only from PENDING: an employee another worker settled meanwhile (CREATED,
 * VERIFIED) is never turned back into FAILED by a late, stale failure. Returns the row and whether it changed.
 */
export async function markFailedIfPending(
  db: Db,
  employeeId: string,
  reason: ProvisioningFailureReason,
  detail: string,
): Promise<{ employee: Employee; changed: boolean }> {
  const { count } = await db.employee.updateMany({
    where: { id: employeeId, auth0SyncStatus: 'PENDING' },
    data: { auth0SyncStatus: 'FAILED', auth0SyncError: detail, auth0SyncFailureReason: reason, provisioningLeaseUntil: null, provisioningLeaseOwner: null },
  });
  return { employee: await db.employee.findUniqueOrThrow({ where: { id: employeeId } }), changed: count > 0 };
}

/** A PENDING employee waits on the gateway's rejected credentials: the reason in sight, the status unchanged. */
export async function holdForCredentials(db: Db, employeeId: string, detail: string): Promise<void> {
  await db.employee.updateMany({
    where: { id: employeeId, auth0SyncStatus: 'PENDING' },
    data: { auth0SyncError: detail, auth0SyncFailureReason: 'AUTH0_CREDENTIALS_REJECTED' },
  });
}

/** CREATED -> VERIFIED (by id or by Auth0 user id); returns the row when it changed. */
export async function markVerifiedIfCreated(db: Db, target: { employeeId: string } | { auth0UserId: string }): Promise<Employee | null> {
  const where = 'employeeId' in target ? { id: target.employeeId } : { auth0UserId: target.auth0UserId };
  const { count } = await db.employee.updateMany({ where: { ...where, auth0SyncStatus: 'CREATED' }, data: { auth0SyncStatus: 'VERIFIED' } });
  return count === 0 ? null : db.employee.findUniqueOrThrow({ where });
}

// ---- the onboarding emails ----

/**
 * Claims the first invitation of a linked, unsettled account (the claim is taken before the call, so two
 * senders never send two); returns the address read with the claim, or null when it is not this caller's.
 */
export async function claimFirstInvitation(db: Db, employeeId: string, scheduleNow: Date): Promise<string | null> {
  // A deferred invitation is claimed only once its moment (by the schedule's clock) has come.
  const [claimed] = await db.$queryRaw<{ email: string }[]>`
    UPDATE "Employee" SET "invitationSentAt" = now(), "verificationEmailSentAt" = now(), "invitationScheduledAt" = NULL
     WHERE id = ${employeeId}::uuid AND "invitationSentAt" IS NULL AND "auth0UserId" IS NOT NULL
       AND "auth0SyncStatus" IN ('PENDING', 'CREATED')
       AND ("invitationScheduledAt" IS NULL OR "invitationScheduledAt" <= ${scheduleNow}::timestamptz)
 RETURNING email`;
  return claimed?.email ?? null;
}

/**
 * Claims a resend once `spacingSeconds` have passed since the last one, atomically (two clicks in the same
 * second send one email). An invitation also takes the first-invitation claim. Returns whether it is claimed.
 */
export async function claimEmailResend(db: Db, employeeId: string, options: { spacingSeconds: number; invite: boolean }): Promise<boolean> {
  const claimed = await db.$executeRaw`
    UPDATE "Employee" SET "verificationEmailSentAt" = now(),
           "invitationSentAt" = CASE WHEN ${options.invite} THEN COALESCE("invitationSentAt", now()) ELSE "invitationSentAt" END,
           "invitationScheduledAt" = CASE WHEN ${options.invite} THEN NULL ELSE "invitationScheduledAt" END
     WHERE id = ${employeeId}::uuid
       AND ("verificationEmailSentAt" IS NULL
            OR "verificationEmailSentAt" <= now() - make_interval(secs => ${options.spacingSeconds}::float8))`;
  return claimed > 0;
}

/** Sets when the emails were last sent: a claim given back (the call failed) or an email sent outside a claim. */
export async function setEmailsSentAt(
  db: Db,
  employeeId: string,
  sentAt: Partial<Pick<Employee, 'verificationEmailSentAt' | 'invitationSentAt'>>,
): Promise<void> {
  await db.employee.update({ where: { id: employeeId }, data: sentAt });
}

// ---- profile, role and account changes ----

/**
 * Changes the employee only while they still hold `role`, the role the caller's reach was judged on: a
 * concurrent promotion makes it throw P2025 (isRoleChangedMeanwhile), which rolls a transaction back.
 */
export async function updateFromRole(db: Db, employeeId: string, role: EmployeeRole, data: Prisma.EmployeeUpdateInput): Promise<Employee> {
  return db.employee.update({ where: { id: employeeId, role }, data });
}

/** Keeps the current name in previousNames before a rename to `name`, from the row as it is (two racing renames both keep theirs). */
export async function appendPreviousName(db: Db, employeeId: string, name: string): Promise<void> {
  await db.$executeRaw`UPDATE "Employee" SET "previousNames" = array_append(coalesce("previousNames", ARRAY[]::text[]), name) WHERE id = ${employeeId}::uuid AND name <> ${name}`;
}

/** Records the role Auth0 now holds; returns the row as it is now. */
export async function recordAuth0Role(db: Db, employeeId: string, role: EmployeeRole | null): Promise<Employee> {
  return db.employee.update({ where: { id: employeeId }, data: { auth0Role: role } });
}

/** Records what Auth0 now holds for the account and the revision it brought; the revision only moves forward. */
export async function recordAccountSynced(db: Db, employeeId: string, facts: Prisma.EmployeeUpdateInput, revision: number): Promise<void> {
  await db.employee.update({ where: { id: employeeId }, data: facts });
  await db.$executeRaw`UPDATE "Employee" SET "auth0AccountRevision" = GREATEST("auth0AccountRevision", ${revision}) WHERE id = ${employeeId}::uuid`;
}

/** Sets the status while the row is still at `revision` (no newer change landed); returns whether it did. */
export async function setStatusAtRevision(db: Db, employeeId: string, revision: number, status: Auth0SyncStatus): Promise<boolean> {
  const { count } = await db.employee.updateMany({ where: { id: employeeId, accountRevision: revision }, data: { auth0SyncStatus: status } });
  return count === 1;
}

/** Keeps Auth0's refusal of an account update in sight (auth0SyncError); returns the row. */
export async function recordAccountRejection(db: Db, employeeId: string, detail: string): Promise<Employee> {
  return db.employee.update({ where: { id: employeeId }, data: { auth0SyncError: detail } });
}

// ---- the sweep ----

/** PENDING employees unchanged for `quietSeconds`, oldest first. */
export async function quietPendingIds(db: Db, sweep: { quietSeconds: number; batchSize: number }): Promise<string[]> {
  const rows = await db.employee.findMany({
    where: { auth0SyncStatus: 'PENDING', updatedAt: { lt: new Date(Date.now() - sweep.quietSeconds * 1000) } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: sweep.batchSize,
  });
  return rows.map((row) => row.id);
}

/** Employees in Auth0 whose Auth0 role is not their role. */
export async function roleOutOfStepIds(db: Db, sweep: { batchSize: number }): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "Employee"
     WHERE "auth0SyncStatus" IN ('CREATED', 'VERIFIED') AND "auth0UserId" IS NOT NULL
       AND "auth0Role" IS DISTINCT FROM role
     LIMIT ${sweep.batchSize}::int`;
  return rows.map((row) => row.id);
}

/**
 * Employees whose account changes Auth0 has not caught up with, unchanged for `quietSeconds`; a sync Auth0
 * refused leaves auth0SyncError set and waits for the next change instead.
 */
export async function accountBehindIds(db: Db, sweep: { quietSeconds: number; batchSize: number }): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "Employee"
     WHERE "accountRevision" > "auth0AccountRevision" AND "auth0UserId" IS NOT NULL
       AND "auth0SyncError" IS NULL AND "updatedAt" < now() - make_interval(secs => ${sweep.quietSeconds}::float8)
     LIMIT ${sweep.batchSize}::int`;
  return rows.map((row) => row.id);
}

// ---- the database's refusals ----

/** A unique index refused the row: P2002 from a model query, or the driver's UniqueConstraintViolation from a raw one. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}

// ---- imports ----

/** One import row to store: a new employee, or one adopting an existing Auth0 account (`adoptedUserId`). */
export interface ImportedEmployee {
  name: string;
  email: string;
  department: string;
  externalId: string | null;
  role: EmployeeRole;
  adoptedUserId?: string;
  startDate?: Date | null;
  endDate?: Date | null;
  invitationScheduledAt?: Date | null;
}

/**
 * The chunk's rows in one statement; a row stored meanwhile (another import, createEmployee) is skipped.
 * Adopted rows are linked at once, marked as not the gateway's, and owe one account sync (the metadata).
 */
export function insertImportedEmployees(db: Db, batchId: string, rows: readonly ImportedEmployee[]): Promise<Pick<Employee, 'id' | 'email'>[]> {
  const linkedAt = new Date();
  return db.employee.createManyAndReturn({
    data: rows.map(({ adoptedUserId, ...row }) => ({
      ...row,
      authMethod: 'AUTH0' as const,
      auth0SyncStatus: 'PENDING' as const,
      importBatchId: batchId,
      ...(adoptedUserId ? { auth0UserId: adoptedUserId, auth0LinkedAt: linkedAt, accountRevision: 1 } : {}),
    })),
    skipDuplicates: true,
    select: { id: true, email: true },
  });
}

/** A unique violation on this column (the error names it; its shape differs between query paths, so it is read as text). */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  return isUniqueViolation(error) && JSON.stringify((error as { meta?: unknown }).meta ?? {}).includes(column);
}

/** No row matched updateFromRole's role condition (P2025): the role changed since the reach was judged. */
export function isRoleChangedMeanwhile(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
