// createEmployee: store the employee and its provisioning job in one transaction, then try to give them
// an Auth0 account within a bounded wait. Whatever that attempt does not finish, the durable queue does:
// transient failures retry with backoff, permanent ones leave FAILED with a typed reason.
//
// Exactly one Auth0 user per employee rests on three things: a per-employee lease (two processes never
// work on one employee at once), the Auth0 user id stored as soon as it is known (a later attempt never
// creates again), and the 409 path (a POST whose earlier attempt committed is recognised by
// app_metadata.employee_id and linked, never duplicated).
import { createHash } from 'node:crypto';
import { Prisma, type Employee, type PrismaClient } from '../generated/prisma/client.ts';
import type { ProvisioningFailureReason } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { EmailAlreadyUsedError, IdempotencyKeyConflictError } from './errors.ts';
import { auth0RoleName, DEFAULT_EMPLOYEE_ROLE, type CreateEmployeeInput } from './employee-input.ts';
import { IdentityError, type IdentityProvider, type IdentityUser } from './identity-provider.ts';
import type { ProvisioningQueue } from './provisioning-queue.ts';

export interface ProvisioningSettings {
  /** Kill switch: false stores employees PENDING and calls Auth0 for nothing; the queue drains later. */
  enabled: boolean;
  /** How long createEmployee waits for Auth0 before answering PENDING. */
  waitMs: number;
  /** How long one process may hold an employee's lease before another may take over. */
  leaseMs: number;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = { enabled: true, waitMs: 2000, leaseMs: 120_000 };

export interface ProvisioningDeps {
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
  queue: ProvisioningQueue;
  settings: ProvisioningSettings;
  /** Names this process in leases (diagnostics only). */
  instanceId?: string;
  /** Where background failures of a bounded attempt are reported. */
  onBackgroundError?: (error: unknown) => void;
}

export interface CreateEmployeeOptions {
  idempotencyKey?: string | null;
}

export async function createEmployee(
  deps: ProvisioningDeps,
  actor: Actor,
  input: CreateEmployeeInput,
  options: CreateEmployeeOptions = {},
): Promise<Employee | EmailAlreadyUsedError | IdempotencyKeyConflictError> {
  const idempotency = options.idempotencyKey ? { key: options.idempotencyKey, fingerprint: fingerprintOf(input) } : null;
  if (idempotency) {
    const earlier = await replay(deps, idempotency);
    if (earlier) return earlier;
  }
  const stored = await storeNewEmployee(deps, actor, input, idempotency);
  if (stored === 'email-taken') {
    // A concurrent request with the same key may have won the insert.
    const earlier = idempotency ? await replay(deps, idempotency) : null;
    return earlier ?? new EmailAlreadyUsedError(input.email);
  }
  if (!deps.settings.enabled) return stored;
  return withinBound(deps, stored.id, provisionEmployee(deps, actor, stored.id));
}

/** The same key returns the first request's employee as it is now; another input with it is a conflict. */
async function replay(
  deps: ProvisioningDeps,
  idempotency: { key: string; fingerprint: string },
): Promise<Employee | IdempotencyKeyConflictError | null> {
  const earlier = await deps.prisma.employee.findUnique({ where: { idempotencyKey: idempotency.key } });
  if (!earlier) return null;
  return earlier.idempotencyFingerprint === idempotency.fingerprint ? earlier : new IdempotencyKeyConflictError(idempotency.key);
}

function fingerprintOf(input: CreateEmployeeInput): string {
  const canonical = JSON.stringify([input.name, input.email, input.department, input.role ?? DEFAULT_EMPLOYEE_ROLE]);
  return createHash('sha256').update(canonical).digest('hex');
}

async function storeNewEmployee(
  deps: ProvisioningDeps,
  actor: Actor,
  input: CreateEmployeeInput,
  idempotency: { key: string; fingerprint: string } | null,
): Promise<Employee | 'email-taken'> {
  try {
    return await deps.prisma.$transaction(async (tx) => {
      const employee = await tx.employee.create({
        data: {
          name: input.name,
          email: input.email,
          department: input.department,
          role: input.role ?? DEFAULT_EMPLOYEE_ROLE,
          authMethod: 'AUTH0',
          auth0SyncStatus: 'PENDING',
          idempotencyKey: idempotency?.key ?? null,
          idempotencyFingerprint: idempotency?.fingerprint ?? null,
        },
      });
      await deps.audit.employeeCreated(tx, actor, employee.id);
      // The job starts after the bounded attempt below has had its chance; if that attempt finishes, the
      // job finds the employee CREATED and does nothing.
      await deps.queue.enqueue(tx, 'provision-employee', employee.id, {
        delaySeconds: deps.settings.enabled ? Math.ceil(deps.settings.waitMs / 1000) + 1 : 0,
      });
      return employee;
    });
  } catch (error) {
    // The unique indexes are the arbiters: a pre-check would race with a concurrent create.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'email-taken';
    throw error;
  }
}

/**
 * Answers with the attempt's result if it settles within the bound, otherwise with the row as it is
 * (PENDING); the attempt goes on in the background and the queue finishes whatever it leaves.
 */
export async function withinBound(deps: ProvisioningDeps, employeeId: string, attempt: Promise<AttemptOutcome>): Promise<Employee> {
  const guarded = attempt.catch((error: unknown) => {
    deps.onBackgroundError?.(error);
    return null;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deps.settings.waitMs);
  });
  const first = await Promise.race([guarded, timeout]);
  clearTimeout(timer);
  if (first !== 'timeout' && first !== null && first.kind === 'settled') return first.employee;
  return deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
}

export type AttemptOutcome =
  /** CREATED, VERIFIED, FAILED (typed reason) or DISABLED: nothing left for the queue. */
  | { kind: 'settled'; employee: Employee }
  /** Auth0 failed transiently; the employee stays PENDING for the next attempt. */
  | { kind: 'transient'; reason: string }
  /** Another process holds the employee's lease. */
  | { kind: 'busy' }
  /** The Auth0 user exists; its role is queued for a batched assignment (assign-new-user-role). */
  | { kind: 'role-queued' };

export interface ProvisionOptions {
  /**
   * Queue the role for a batched `POST /roles/{id}/users` instead of assigning it here: the queue's
   * workers do this (bulk work), createEmployee's bounded attempt does not (it answers CREATED at once).
   */
  batchRole?: boolean;
}

/**
 * One provisioning attempt for a PENDING employee: create (or recognise) the Auth0 user, assign the
 * role, mark CREATED. Safe to call from several processes at once and any number of times.
 */
export async function provisionEmployee(
  deps: ProvisioningDeps,
  actor: Actor,
  employeeId: string,
  options: ProvisionOptions = {},
): Promise<AttemptOutcome> {
  const lease = await acquireLease(deps, employeeId, { onlyPending: true });
  if (lease.kind === 'busy') return { kind: 'busy' };
  if (lease.kind === 'not-pending') return { kind: 'settled', employee: lease.employee };
  const { employee } = lease;
  try {
    const user = employee.auth0UserId
      ? userOf(employee)
      : await linkAccount(deps, employee.id, await createOrRecogniseUser(deps, actor, employee));
    if (options.batchRole) {
      // The account is linked (a rerun never creates it again); the batch worker assigns the role and marks CREATED.
      await deps.queue.enqueue(null, 'assign-new-user-role', employee.id);
      return { kind: 'role-queued' };
    }
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_ASSIGN_ROLES', employeeId: employee.id, auth0UserId: user.userId, successStatus: 204 },
      () => deps.identityProvider.assignRoles(user.userId, [auth0RoleName(employee.role)]),
    );
    return { kind: 'settled', employee: await markSynced(deps, actor, employee, user) };
  } catch (error) {
    if (error instanceof EmailTakenInAuth0) {
      return { kind: 'settled', employee: await markFailed(deps, actor, employee.id, 'EMAIL_TAKEN_IN_AUTH0', error.message) };
    }
    if (error instanceof IdentityError && error.kind !== 'transient') {
      return { kind: 'settled', employee: await markFailed(deps, actor, employee.id, 'AUTH0_REJECTED', error.message) };
    }
    if (error instanceof IdentityError) return { kind: 'transient', reason: error.message };
    throw error;
  } finally {
    await releaseLease(deps, employeeId);
  }
}

/** The typed outcome of a 409 whose Auth0 user belongs to someone else. */
export class EmailTakenInAuth0 extends Error {
  constructor(email: string) {
    super(`EmailTakenInAuth0: an Auth0 user with ${email} exists and does not belong to this employee`);
    this.name = 'EmailTakenInAuth0';
  }
}

async function createOrRecogniseUser(deps: ProvisioningDeps, actor: Actor, employee: Employee): Promise<IdentityUser> {
  try {
    return await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_CREATE_USER', employeeId: employee.id, successStatus: 201 },
      () =>
        deps.identityProvider.createUser({ email: employee.email, name: employee.name, employeeId: employee.id }),
      (user) => user.userId,
    );
  } catch (error) {
    if (!(error instanceof IdentityError) || error.kind !== 'already-exists') throw error;
  }
  // 409 means "maybe mine": the SDK retries POSTs, so a first attempt that committed comes back as a
  // conflict. users-by-email is immediately consistent; app_metadata.employee_id says whose it is.
  const existing = await deps.audit.identityCall(
    actor,
    { action: 'AUTH0_FIND_USERS_BY_EMAIL', employeeId: employee.id, successStatus: 200 },
    () => deps.identityProvider.findUsersByEmail(employee.email),
    (users) => users.find((user) => user.appMetadata.employee_id === employee.id)?.userId ?? null,
  );
  const mine = existing.find((user) => user.appMetadata.employee_id === employee.id);
  if (!mine) throw new EmailTakenInAuth0(employee.email);
  return mine;
}

/** Remembers the account before anything else can fail, so a later attempt never creates it again. */
async function linkAccount(deps: ProvisioningDeps, employeeId: string, user: IdentityUser): Promise<IdentityUser> {
  await deps.prisma.employee.update({
    where: { id: employeeId },
    data: { auth0UserId: user.userId, auth0AccountCreatedAt: user.createdAt },
  });
  return user;
}

/**
 * Role batching: gives the role to every listed employee that has its Auth0 user but is still PENDING,
 * with one `POST /roles/{id}/users` per role (up to the batch's size), then marks them CREATED. Employees
 * leased elsewhere or already settled are skipped. A rejected batch (e.g. one user deleted meanwhile)
 * falls back to one call per user, so one bad user cannot hold the others back.
 */
export async function assignNewUserRoles(
  deps: ProvisioningDeps,
  actor: Actor,
  employeeIds: readonly string[],
): Promise<{ transient: string | null }> {
  const leased: Employee[] = [];
  for (const id of new Set(employeeIds)) {
    const lease = await acquireLease(deps, id, { onlyPending: true }).catch(() => ({ kind: 'busy' }) as const);
    if (lease.kind !== 'leased') continue;
    const { employee } = lease;
    if (!employee.auth0UserId) {
      // Not created yet (a rerun of provision-employee will queue it again).
      await releaseLease(deps, id);
      continue;
    }
    leased.push(employee);
  }
  let transient: string | null = null;
  try {
    const byRole = new Map<string, Employee[]>();
    for (const employee of leased) {
      const role = auth0RoleName(employee.role);
      byRole.set(role, [...(byRole.get(role) ?? []), employee]);
    }
    for (const [role, group] of byRole) {
      const targets = group.map((employee) => ({
        action: 'AUTH0_ASSIGN_ROLES' as const,
        employeeId: employee.id,
        auth0UserId: employee.auth0UserId,
        successStatus: 200,
      }));
      try {
        await deps.audit.identityCallForMany(actor, targets, () =>
          deps.identityProvider.assignRoleToUsers(role, group.map((employee) => employee.auth0UserId!)),
        );
        for (const employee of group) await markSynced(deps, actor, employee, userOf(employee));
      } catch (error) {
        if (!(error instanceof IdentityError)) throw error;
        if (error.kind === 'transient') {
          transient = error.message;
          continue;
        }
        for (const employee of group) {
          try {
            await deps.audit.identityCall(
              actor,
              { action: 'AUTH0_ASSIGN_ROLES', employeeId: employee.id, auth0UserId: employee.auth0UserId, successStatus: 204 },
              () => deps.identityProvider.assignRoles(employee.auth0UserId!, [role]),
            );
            await markSynced(deps, actor, employee, userOf(employee));
          } catch (single) {
            if (single instanceof IdentityError && single.kind === 'transient') transient = single.message;
            else if (single instanceof IdentityError) await markFailed(deps, actor, employee.id, 'AUTH0_REJECTED', single.message);
            else throw single;
          }
        }
      }
    }
  } finally {
    for (const employee of leased) await releaseLease(deps, employee.id);
  }
  return { transient };
}

function userOf(employee: Employee): Pick<IdentityUser, 'userId' | 'createdAt'> {
  return { userId: employee.auth0UserId!, createdAt: employee.auth0AccountCreatedAt ?? new Date() };
}

async function markSynced(
  deps: ProvisioningDeps,
  actor: Actor,
  before: Employee,
  user: Pick<IdentityUser, 'userId' | 'createdAt'>,
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    const employee = await tx.employee.update({
      where: { id: before.id },
      data: {
        auth0UserId: user.userId,
        auth0AccountCreatedAt: user.createdAt,
        auth0SyncStatus: 'CREATED',
        auth0SyncError: null,
        auth0SyncFailureReason: null,
        auth0Role: before.role,
        provisioningLeaseUntil: null,
        provisioningLeaseOwner: null,
      },
    });
    await deps.audit.syncStatusChanged(tx, actor, { employeeId: before.id, auth0UserId: user.userId, to: 'CREATED' });
    // A role change that arrived while the account was being created is still owed to Auth0.
    if (employee.role !== before.role) await deps.queue.enqueue(tx, 'sync-employee-role', employee.id);
    return employee;
  });
}

export async function markFailed(
  deps: Pick<ProvisioningDeps, 'prisma' | 'audit'>,
  actor: Actor,
  employeeId: string,
  reason: ProvisioningFailureReason,
  detail: string,
): Promise<Employee> {
  return deps.prisma.$transaction(async (tx) => {
    // Only a PENDING employee can fail: one that another worker settled meanwhile (CREATED, VERIFIED)
    // must never be turned back into FAILED by a late, stale failure.
    const { count } = await tx.employee.updateMany({
      where: { id: employeeId, auth0SyncStatus: 'PENDING' },
      data: {
        auth0SyncStatus: 'FAILED',
        auth0SyncError: detail,
        auth0SyncFailureReason: reason,
        provisioningLeaseUntil: null,
        provisioningLeaseOwner: null,
      },
    });
    const employee = await tx.employee.findUniqueOrThrow({ where: { id: employeeId } });
    if (count === 0) return employee;
    await deps.audit.syncStatusChanged(tx, actor, {
      employeeId,
      auth0UserId: employee.auth0UserId,
      to: 'FAILED',
      detail,
    });
    return employee;
  });
}

/**
 * The per-employee lock: a lease row-update decided by PostgreSQL's clock, so it works across processes
 * without holding a connection or a transaction open during Auth0 calls. A process that dies holding it
 * blocks the employee only until the lease runs out.
 */
export type Lease =
  | { kind: 'leased'; employee: Employee }
  | { kind: 'busy' }
  /** Only with `onlyPending`: the employee as read, so the caller need not read it again. */
  | { kind: 'not-pending'; employee: Employee };

export async function acquireLease(
  deps: Pick<ProvisioningDeps, 'prisma' | 'settings' | 'instanceId'>,
  employeeId: string,
  options: { onlyPending: boolean },
): Promise<Lease> {
  const owner = ownerOf(deps);
  const taken = await deps.prisma.$executeRaw`
    UPDATE "Employee"
       SET "provisioningLeaseUntil" = now() + make_interval(secs => ${deps.settings.leaseMs / 1000}::float8),
           "provisioningLeaseOwner" = ${owner}
     WHERE id = ${employeeId}::uuid
       AND (${!options.onlyPending} OR "auth0SyncStatus" = 'PENDING')
       AND ("provisioningLeaseUntil" IS NULL OR "provisioningLeaseUntil" < now())`;
  const employee = await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
  if (taken === 1) return { kind: 'leased', employee };
  if (options.onlyPending && employee.auth0SyncStatus !== 'PENDING') return { kind: 'not-pending', employee };
  return { kind: 'busy' };
}

export async function releaseLease(deps: Pick<ProvisioningDeps, 'prisma' | 'instanceId'>, employeeId: string): Promise<void> {
  await deps.prisma.employee.updateMany({
    where: { id: employeeId, provisioningLeaseOwner: ownerOf(deps) },
    data: { provisioningLeaseUntil: null, provisioningLeaseOwner: null },
  });
}

const PROCESS_INSTANCE = `pid-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

function ownerOf(deps: Pick<ProvisioningDeps, 'instanceId'>): string {
  return deps.instanceId ?? PROCESS_INSTANCE;
}
