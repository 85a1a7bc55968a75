// The plan's complete rollback: block or delete every Auth0 user the system created (within a selection)
// and unlink their employees, resumably (docs/runbook.md; the use case is rollback-run.ts). Auth0 decides
// what is the system's (`app_metadata.created_by`), completed by the employees' stored links; an account
// the gateway did not create (linked by hand or adopted: `Employee.auth0LinkedAt`, `app_metadata.linked_at`)
// is only unlinked, never blocked or deleted. Why, and how a run resumes without changing a user twice:
// docs/design.md "Rollback: Auth0 decides what is ours".
//
// Resumable: a run (RollbackRun) lists its users (RollbackUser) before touching any. A user goes
// IN_PROGRESS just before its Auth0 call and DONE together with its employee's unlinking and audit rows;
// one left IN_PROGRESS by a killed process is read from Auth0 first.
import type { PrismaClient } from '../db/prisma-client.ts';
import { Prisma, type RollbackMode, type RollbackUser } from '../generated/prisma/client.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import { scanUsersCreatedBySystem } from './auth0-user-reads.ts';
import { auth0RoleName } from './employee-input.ts';
import * as links from '../store/employee-links.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { isUuid } from './uuid.ts';
import {
  CREATED_BY_SYSTEM,
  IdentityError,
  type IdentityDirectory,
  type IdentityUserProfile,
  type IdentityUserRemoval,
} from './identity-provider.ts';

/** A user whose call keeps failing transiently is given up (FAILED) after this many attempts in one run. */
const MAX_ATTEMPTS = 5;

export interface RollbackSelection {
  mode: RollbackMode;
  /** Users created at or after this instant; null: any time. */
  createdAfter: Date | null;
  /** Users whose employee is in this department; null: every user the system created. */
  department: string | null;
}

export interface RollbackCandidate {
  auth0UserId: string;
  email: string;
  employeeId: string | null;
  department: string | null;
  blocked: boolean;
  createdAt: Date;
  /** Not the gateway's account (linked by hand): unlinked, never blocked or deleted. */
  unlinkOnly: boolean;
}

export interface RollbackPlan {
  candidates: RollbackCandidate[];
  /** Employees linked to a candidate: these go back to PENDING. */
  linkedEmployees: number;
  /** Linked users neither created by the system nor marked as linked by hand (unknown origin): left alone. */
  linkedNotCreatedBySystem: number;
  /** Employees linked to a user that no longer exists: left alone (the reconciliation report lists them). */
  linkedUserMissing: number;
}

export interface RollbackDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  directory: Pick<IdentityDirectory, 'listUsersCreatedBySystem' | 'getUserProfile'>;
  removal: IdentityUserRemoval;
}

const isOurs = (user: IdentityUserProfile) => user.appMetadata.created_by === CREATED_BY_SYSTEM;
const GATEWAY_ROLE_NAMES = Object.values(EmployeeRole).map(auth0RoleName);

/** Every user the rollback would handle, with the employee each is linked to. Reads only. */
export async function planRollback(deps: Pick<RollbackDeps, 'prisma' | 'directory'>, selection: RollbackSelection): Promise<RollbackPlan> {
  const found = (await scanUsersCreatedBySystem(deps.directory, selection.createdAfter ? { from: selection.createdAfter } : {})).filter(isOurs);
  const metadataIds = [...new Set(found.map((user) => user.appMetadata.employee_id).filter((id): id is string => typeof id === 'string' && isUuid(id)))];
  const employees = await deps.prisma.employee.findMany({
    where: { OR: [{ auth0UserId: { not: null }, ...(selection.department ? { department: selection.department } : {}) }, { id: { in: metadataIds } }] },
    select: { id: true, department: true, auth0UserId: true, auth0AccountCreatedAt: true, auth0LinkedAt: true },
  });
  const byUserId = new Map(employees.flatMap((employee) => (employee.auth0UserId ? [[employee.auth0UserId, employee] as const] : [])));
  const byId = new Map(employees.map((employee) => [employee.id, employee] as const));

  const candidates = new Map<string, RollbackCandidate>();
  const consider = (user: IdentityUserProfile) => {
    const metadataId = user.appMetadata.employee_id;
    const employee = byUserId.get(user.userId) ?? (typeof metadataId === 'string' ? byId.get(metadataId) : undefined);
    if (selection.department && employee?.department !== selection.department) return;
    const linkedByHand = (employee?.auth0UserId === user.userId && employee.auth0LinkedAt !== null) || typeof user.appMetadata.linked_at === 'string';
    candidates.set(user.userId, {
      unlinkOnly: linkedByHand,
      auth0UserId: user.userId,
      email: user.email,
      employeeId: employee?.id ?? null,
      department: employee?.department ?? null,
      blocked: user.blocked,
      createdAt: user.createdAt,
    });
  };
  for (const user of found) consider(user);
  const foundIds = new Set(found.map((user) => user.userId));

  // Linked users the search did not return (index lag, or not ours): confirmed one by one.
  let linkedNotCreatedBySystem = 0;
  let linkedUserMissing = 0;
  const inSelection = (employee: (typeof employees)[number]) =>
    employee.auth0UserId !== null &&
    (!selection.department || employee.department === selection.department) &&
    (!selection.createdAfter || employee.auth0LinkedAt !== null || !employee.auth0AccountCreatedAt || employee.auth0AccountCreatedAt >= selection.createdAfter);
  for (const employee of employees.filter(inSelection)) {
    if (candidates.has(employee.auth0UserId!)) continue;
    if (foundIds.has(employee.auth0UserId!)) continue;
    const user = await deps.directory.getUserProfile(employee.auth0UserId!);
    if (!user) linkedUserMissing += 1;
    else if (employee.auth0LinkedAt !== null) {
      // Linked by hand: selected by when it was linked (the account itself is older than the gateway's work).
      if (!selection.createdAfter || employee.auth0LinkedAt >= selection.createdAfter) consider(user);
    } else if (!isOurs(user)) linkedNotCreatedBySystem += 1;
    else if (!selection.createdAfter || user.createdAt >= selection.createdAfter) consider(user);
  }
  const list = [...candidates.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.auth0UserId.localeCompare(b.auth0UserId));
  return {
    candidates: list,
    linkedEmployees: list.filter((candidate) => candidate.employeeId && byUserId.get(candidate.auth0UserId)?.id === candidate.employeeId).length,
    linkedNotCreatedBySystem,
    linkedUserMissing,
  };
}

export interface RollbackRunState {
  id: string;
  resumed: boolean;
  total: number;
  done: number;
  failed: number;
  pending: number;
}

/**
 * The unfinished run with this selection (a rerun continues it), or a new one, with the planned users it
 * does not list yet. FAILED users are tried again.
 */
export async function startOrResumeRun(
  deps: Pick<RollbackDeps, 'prisma' | 'audit'>,
  actor: Actor,
  selection: RollbackSelection,
  plan: RollbackPlan,
): Promise<RollbackRunState> {
  const existing = await deps.prisma.rollbackRun.findFirst({
    where: { finishedAt: null, mode: selection.mode, createdAfter: selection.createdAfter, department: selection.department },
    orderBy: { createdAt: 'desc' },
  });
  const run = existing ?? (await deps.prisma.rollbackRun.create({ data: { actor: actor.id, ...selection } }));
  await addToRun(deps.prisma, run.id, plan);
  // Tried again, reading each from Auth0 first: a failed call may have been carried out all the same.
  await deps.prisma.rollbackUser.updateMany({ where: { runId: run.id, state: 'FAILED' }, data: { state: 'IN_PROGRESS', attempts: 0 } });
  const state = await runState(deps.prisma, run.id, existing !== null);
  await deps.audit.rollbackEvent(deps.prisma, { ...actor, correlationId: `rollback:${run.id}` }, {
    action: 'ROLLBACK_RUN',
    employeeId: null,
    detail: `${existing ? 'resumed' : 'started'}: ${describeSelection(selection)}; ${state.total} users, ${state.done} done`,
  });
  return state;
}

/** Adds the planned users the run does not list yet (found by a later scan); returns how many. */
export async function addToRun(prisma: PrismaClient, runId: string, plan: RollbackPlan): Promise<number> {
  const { count } = await prisma.rollbackUser.createMany({
    data: plan.candidates.map((candidate) => ({
      runId,
      auth0UserId: candidate.auth0UserId,
      employeeId: candidate.employeeId,
      email: candidate.email,
      blockedWhenPlanned: candidate.blocked,
      unlinkOnly: candidate.unlinkOnly,
    })),
    skipDuplicates: true,
  });
  return count;
}

export async function runState(prisma: PrismaClient, runId: string, resumed = false): Promise<RollbackRunState> {
  const counts = await prisma.rollbackUser.groupBy({ by: ['state'], where: { runId }, _count: { _all: true } });
  const count = (state: string) => counts.find((row) => row.state === state)?._count._all ?? 0;
  const done = count('DONE');
  const failed = count('FAILED');
  const total = counts.reduce((sum, row) => sum + row._count._all, 0);
  return { id: runId, resumed, total, done, failed, pending: total - done - failed };
}

export interface ExecuteOptions {
  /** Users handled at once; the shared pacer spaces the calls to the tenant's limits. */
  concurrency?: number;
  onProgress?: (state: RollbackRunState) => void;
  /** Aborted: start no further user; the users under way finish (an interrupted operator command). */
  signal?: AbortSignal;
}

/** Handles every user of the run not DONE yet; returns the counts. */
export async function executeRun(deps: RollbackDeps, actor: Actor, runId: string, options: ExecuteOptions = {}): Promise<RollbackRunState> {
  const run = await deps.prisma.rollbackRun.findUniqueOrThrow({ where: { id: runId } });
  const runActor: Actor = { ...actor, correlationId: `rollback:${runId}` };
  const concurrency = options.concurrency ?? 4;
  while (!options.signal?.aborted) {
    // IN_PROGRESS first: users a killed run may have changed already.
    const batch = await deps.prisma.rollbackUser.findMany({
      where: { runId, state: { in: ['IN_PROGRESS', 'PENDING'] } },
      orderBy: [{ state: 'desc' }, { auth0UserId: 'asc' }],
      take: 100,
    });
    if (batch.length === 0) break;
    let next = 0;
    let transient = false;
    const worker = async () => {
      while (next < batch.length && !options.signal?.aborted) {
        const user = batch[next++]!;
        if ((await handleUser(deps, runActor, run.mode, user)) === 'retry') transient = true;
        options.onProgress?.(await runState(deps.prisma, runId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, worker));
    // Auth0 kept failing (the SDK already retried): give it a moment before the next round.
    if (transient) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  return runState(deps.prisma, runId);
}

/** Ends the run (when no user failed, a rerun then starts afresh) and audits how it ended. */
export async function finishRun(deps: Pick<RollbackDeps, 'prisma' | 'audit'>, actor: Actor, runId: string): Promise<RollbackRunState> {
  const state = await runState(deps.prisma, runId);
  if (state.failed === 0 && state.pending === 0) {
    await deps.prisma.rollbackRun.update({ where: { id: runId }, data: { finishedAt: new Date() } });
  }
  await deps.audit.rollbackEvent(deps.prisma, { ...actor, correlationId: `rollback:${runId}` }, {
    action: 'ROLLBACK_RUN',
    employeeId: null,
    outcome: state.failed === 0 ? 'SUCCESS' : 'FAILURE',
    detail: state.failed === 0 ? `finished: ${state.done} users` : `stopped: ${state.done} done, ${state.failed} failed (rerun to retry them)`,
  });
  return state;
}

async function handleUser(deps: RollbackDeps, actor: Actor, mode: RollbackMode, user: RollbackUser): Promise<'done' | 'retry' | 'failed'> {
  const { prisma } = deps;
  const action = user.unlinkOnly ? 'AUTH0_UNLINK_USER' : mode === 'BLOCK' ? 'AUTH0_BLOCK_USER' : 'AUTH0_DELETE_USER';
  const key = { runId_auth0UserId: { runId: user.runId, auth0UserId: user.auth0UserId } };
  try {
    // Unlinking is idempotent (metadata keys cleared, roles removed): a resumed run simply does it again.
    if (!user.unlinkOnly && user.state === 'IN_PROGRESS') {
      // A run was interrupted around this user's call: see what Auth0 holds before calling again.
      const current = await deps.directory.getUserProfile(user.auth0UserId);
      if (!current) return await finish(deps, actor, mode, user, mode === 'DELETE' ? 'deleted (found gone when resuming)' : 'user no longer exists');
      if (mode === 'BLOCK' && current.blocked) return await finish(deps, actor, mode, user, 'blocked (found blocked when resuming)');
    } else if (!user.unlinkOnly && mode === 'BLOCK' && user.blockedWhenPlanned) {
      return await finish(deps, actor, mode, user, 'already blocked: no call');
    }
    await prisma.rollbackUser.update({ where: key, data: { state: 'IN_PROGRESS', attempts: { increment: 1 } } });
    const started = performance.now();
    try {
      if (user.unlinkOnly) await deps.removal.unlinkUser(user.auth0UserId, GATEWAY_ROLE_NAMES);
      else if (mode === 'BLOCK') await deps.removal.blockUser(user.auth0UserId);
      else await deps.removal.deleteUser(user.auth0UserId);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      if (error.kind === 'not-found') return await finish(deps, actor, mode, user, 'user no longer exists (404)');
      await deps.audit.rollbackEvent(prisma, actor, {
        action,
        employeeId: user.employeeId,
        auth0UserId: user.auth0UserId,
        outcome: 'FAILURE',
        httpStatus: error.httpStatus,
        auth0ErrorCode: error.errorCode,
        detail: error.message,
        durationMs: Math.round(performance.now() - started),
        attempt: user.attempts + 1,
      });
      // A timeout or 5xx may have been carried out all the same: the next attempt reads the user first (IN_PROGRESS).
      const giveUp = error.kind !== 'transient' || user.attempts + 1 >= MAX_ATTEMPTS;
      await prisma.rollbackUser.update({ where: key, data: { state: giveUp ? 'FAILED' : 'IN_PROGRESS', detail: error.message } });
      return giveUp ? 'failed' : 'retry';
    }
    return await finish(deps, actor, mode, user, user.unlinkOnly ? 'unlinked (not created by the gateway: left in place)' : mode === 'BLOCK' ? 'blocked' : 'deleted', {
      httpStatus: mode === 'BLOCK' || user.unlinkOnly ? 200 : 204,
      durationMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    // Reading the user on resume failed: counted like a failed call, so an Auth0 outage ends the run.
    if (error instanceof IdentityError) {
      const giveUp = error.kind !== 'transient' || user.attempts + 1 >= MAX_ATTEMPTS;
      await prisma.rollbackUser.update({
        where: key,
        data: { attempts: { increment: 1 }, detail: error.message, ...(giveUp ? { state: 'FAILED' as const } : {}) },
      });
      return giveUp ? 'failed' : 'retry';
    }
    // The database or an unexpected failure: this user stays as it is (IN_PROGRESS is checked on resume).
    throw error;
  }
}

/** Records the user handled: the call's audit row, the employee unlinked (audited, old id kept), the user DONE; one transaction. */
async function finish(
  deps: RollbackDeps,
  actor: Actor,
  mode: RollbackMode,
  user: RollbackUser,
  detail: string,
  call?: { httpStatus: number; durationMs: number },
): Promise<'done'> {
  await deps.prisma.$transaction(async (tx) => {
    // One row per user and step, also when no call was needed (found blocked or gone: a killed run's call
    // whose own row was never written, or a user blocked before the rollback); then httpStatus is null.
    await deps.audit.rollbackEvent(tx, actor, {
      action: user.unlinkOnly ? 'AUTH0_UNLINK_USER' : mode === 'BLOCK' ? 'AUTH0_BLOCK_USER' : 'AUTH0_DELETE_USER',
      employeeId: user.employeeId,
      auth0UserId: user.auth0UserId,
      httpStatus: call?.httpStatus ?? null,
      ...(call ? { durationMs: call.durationMs, attempt: user.attempts + 1 } : {}),
      detail: `rollback: ${detail}`,
    });
    const linked = await tx.employee.findMany({ where: { auth0UserId: user.auth0UserId }, select: { id: true, auth0SyncStatus: true, active: true } });
    for (const employee of linked) {
      // A leaver (deactivated) stays DISABLED: switching provisioning back on must not give them a new account;
      // reactivateEmployee provisions one when they return.
      const status = employee.active ? 'PENDING' : 'DISABLED';
      await links.unlinkAccount(tx, employee.id, status);
      await deps.audit.rollbackEvent(tx, actor, {
        action: 'EMPLOYEE_UNLINKED',
        employeeId: employee.id,
        auth0UserId: user.auth0UserId,
        detail: `rollback: Auth0 user ${user.unlinkOnly ? 'unlinked (left in place)' : mode === 'BLOCK' ? 'blocked' : 'deleted'}; ${employee.auth0SyncStatus} -> ${status}`,
      });
    }
    await tx.rollbackUser.update({
      where: { runId_auth0UserId: { runId: user.runId, auth0UserId: user.auth0UserId } },
      data: { state: 'DONE', detail },
    });
  });
  return 'done';
}

export function describeSelection(selection: RollbackSelection): string {
  return [
    `mode ${selection.mode.toLowerCase()}`,
    selection.createdAfter ? `created after ${selection.createdAfter.toISOString()}` : 'created any time',
    selection.department ? `department ${JSON.stringify(selection.department)}` : 'every department (and users no employee links)',
  ].join(', ');
}
