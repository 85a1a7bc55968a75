// One attempt to give a PENDING employee their Auth0 account, and the bounded wait a request spends on it.
//
// Exactly one Auth0 user per employee rests on three things: a per-employee lease (two processes never
// work on one employee at once), the Auth0 user id stored as soon as it is known (a later attempt never
// creates again), and the 409 path (a POST whose earlier attempt committed is recognised by
// app_metadata.employee_id and linked, never duplicated).
import type { Employee, PrismaClient } from '../../generated/prisma/client.ts';
import * as onboarding from '../../store/employee-onboarding.ts';
import * as employees from '../../store/employee-store.ts';
import { PendingAuditRows, type Actor, type AuditRow } from '../audit-trail.ts';
import { auth0RoleName } from '../employee-input.ts';
import { invitationJobOptions } from '../employee-schedule.ts';
import { IdentityError, type IdentityProvider, type IdentityUser } from '../identity-provider.ts';
import { acquireLease, keepLeaseAlive, releaseLease, type LeaseDeps } from './employee-lease.ts';
import { linkedUserOf, markFailed, markSynced, type MarkSyncedDeps } from './provisioning-outcome.ts';
import type { ProvisioningObserver } from './provisioning-observer.ts';
import type { ProvisioningSettings } from './provisioning-settings.ts';

export interface BoundedWaitDeps {
  prisma: PrismaClient;
  settings: Pick<ProvisioningSettings, 'waitMs'>;
  /** Where background failures of a bounded attempt are reported. */
  onBackgroundError?: (error: unknown) => void;
}

/**
 * Answers with the attempt's result if it settles within the bound, otherwise with the row as it is
 * (PENDING); the attempt goes on in the background and the queue finishes whatever it leaves.
 */
export async function withinBound(deps: BoundedWaitDeps, employeeId: string, attempt: Promise<AttemptOutcome>): Promise<Employee> {
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
  /**
   * Auth0 failed transiently, or rejected the gateway's own credentials (`credentialsRejected`: never
   * FAILED for that, however long it lasts); the employee stays PENDING for the next attempt.
   */
  | { kind: 'transient'; reason: string; credentialsRejected?: boolean }
  /** Another process holds the employee's lease. */
  | { kind: 'busy' }
  /** The Auth0 user exists; its role is queued for a batched assignment (assign-new-user-role). */
  | { kind: 'role-queued' };

export interface ProvisioningAttemptDeps extends LeaseDeps, MarkSyncedDeps {
  identityProvider: Pick<IdentityProvider, 'createUser' | 'findUsersByEmail' | 'assignRoles'>;
  provisioningObserver?: ProvisioningObserver;
  settings: Pick<ProvisioningSettings, 'leaseMs' | 'onboardingEmail' | 'schedule'>;
}

export interface ProvisionOptions {
  /**
   * Queue the role for a batched `POST /roles/{id}/users` instead of assigning it here: the queue's
   * workers do this (bulk work), createEmployee's bounded attempt does not (it answers CREATED at once).
   */
  batchRole?: boolean;
  /** The employee's lease is already this attempt's (createEmployee takes it with the insert); the row as inserted. */
  leased?: Employee;
  /** The queue's last try: a transient failure is then reported once, by the queue, as final. */
  lastAttempt?: boolean;
}

/**
 * One provisioning attempt for a PENDING employee: create (or recognise) the Auth0 user, assign the
 * role, mark CREATED. Safe to call from several processes at once and any number of times.
 */
export async function provisionEmployee(
  deps: ProvisioningAttemptDeps,
  actor: Actor,
  employeeId: string,
  options: ProvisionOptions = {},
): Promise<AttemptOutcome> {
  const lease = options.leased ? { kind: 'leased' as const, employee: options.leased } : await acquireLease(deps, employeeId, { onlyPending: true });
  if (lease.kind === 'busy') return { kind: 'busy' };
  if (lease.kind === 'not-pending') return { kind: 'settled', employee: lease.employee };
  const { employee } = lease;
  const stopRenewing = keepLeaseAlive(deps, employeeId);
  // Each successful Auth0 call's audit row goes with the write that follows it (the link, CREATED).
  const pending = new PendingAuditRows();
  let leaseCleared = false;
  try {
    const user = employee.auth0UserId
      ? linkedUserOf(employee)
      : await linkAccount(deps, employee, await createOrRecogniseUser(deps, actor, employee, pending), invites(deps), pending.take());
    if (options.batchRole) {
      // The account is linked (a rerun never creates it again); the batch worker assigns the role and marks CREATED.
      await deps.queue.enqueue(null, 'assign-new-user-role', employee.id);
      return { kind: 'role-queued' };
    }
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_ASSIGN_ROLES', employeeId: employee.id, auth0UserId: user.userId, successStatus: 204 },
      () => deps.identityProvider.assignRoles(user.userId, [auth0RoleName(employee.role)]),
      undefined,
      pending,
    );
    const synced = await writingAuditOnFailure(deps, pending.take(), (audit) => markSynced(deps, actor, employee, user, audit));
    leaseCleared = true;
    return { kind: 'settled', employee: synced };
  } catch (error) {
    const failed = (final: boolean, reason: string) =>
      deps.provisioningObserver?.attemptFailed({ employeeId: employee.id, attempt: actor.attempt ?? 1, final, reason });
    if (error instanceof EmailTakenInAuth0) {
      failed(true, error.message);
      return { kind: 'settled', employee: await markFailed(deps, actor, employee.id, 'EMAIL_TAKEN_IN_AUTH0', error.message) };
    }
    if (error instanceof IdentityError && error.kind === 'credentials-rejected') {
      failed(false, error.message);
      // Never FAILED for the gateway's own credentials: PENDING, typed AUTH0_CREDENTIALS_REJECTED, until markSynced clears it.
      await employees.holdForCredentials(deps.prisma, employee.id, error.message);
      return { kind: 'transient', reason: error.message, credentialsRejected: true };
    }
    if (error instanceof IdentityError && error.kind !== 'transient') {
      failed(true, error.message);
      return { kind: 'settled', employee: await markFailed(deps, actor, employee.id, 'AUTH0_REJECTED', error.message) };
    }
    if (error instanceof IdentityError) {
      // The queue decides whether this was the last attempt and then reports the final give-up itself: once.
      if (!options.lastAttempt) failed(false, error.message);
      return { kind: 'transient', reason: error.message };
    }
    throw error;
  } finally {
    stopRenewing();
    // CREATED cleared the lease in the same statement.
    if (!leaseCleared) await releaseLease(deps, employeeId);
  }
}

/**
 * Runs a write that carries `audit` rows; when it fails, the rows are still written on their own (best
 * effort: the database may be what failed), so no Auth0 call goes unaudited because its follow-up failed.
 */
async function writingAuditOnFailure<T>(
  deps: Pick<ProvisioningAttemptDeps, 'audit' | 'prisma'>,
  audit: AuditRow[],
  write: (audit: AuditRow[]) => Promise<T>,
): Promise<T> {
  try {
    return await write(audit);
  } catch (error) {
    await deps.audit.writeRows(deps.prisma, audit).catch(() => undefined);
    throw error;
  }
}

/** The typed outcome of a 409 whose Auth0 user belongs to someone else. */
export class EmailTakenInAuth0 extends Error {
  constructor(email: string) {
    super(`EmailTakenInAuth0: an Auth0 user with ${email} exists and does not belong to this employee`);
    this.name = 'EmailTakenInAuth0';
  }
}

/** Invite mode: the user is created without Auth0's verification email; the invitation follows as its own job. */
function invites(deps: Pick<ProvisioningAttemptDeps, 'settings'>): boolean {
  return deps.settings.onboardingEmail === 'invite';
}

async function createOrRecogniseUser(
  deps: Pick<ProvisioningAttemptDeps, 'identityProvider' | 'audit' | 'settings' | 'provisioningObserver'>,
  actor: Actor,
  employee: Employee,
  pending: PendingAuditRows,
): Promise<IdentityUser> {
  const observer = deps.provisioningObserver;
  try {
    const created = await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_CREATE_USER', employeeId: employee.id, successStatus: 201 },
      () =>
        deps.identityProvider.createUser({
          email: employee.email,
          name: employee.name,
          employeeId: employee.id,
          department: employee.department,
          roleCode: auth0RoleName(employee.role),
          externalId: employee.externalId,
          verifyEmail: !invites(deps),
        }),
      (user) => user.userId,
      pending,
    );
    observer?.userCreation('success');
    return created;
  } catch (error) {
    if (!(error instanceof IdentityError) || error.kind !== 'already-exists') {
      const retried = error instanceof IdentityError && (error.kind === 'transient' || error.kind === 'credentials-rejected');
      observer?.userCreation(retried ? 'retryable_failure' : 'failure');
      throw error;
    }
  }
  // 409 means "maybe mine": the SDK retries POSTs, so a first attempt that committed comes back as a
  // conflict. users-by-email is immediately consistent; app_metadata.employee_id says whose it is.
  const existing = await deps.audit.identityCall(
    actor,
    { action: 'AUTH0_FIND_USERS_BY_EMAIL', employeeId: employee.id, successStatus: 200 },
    () => deps.identityProvider.findUsersByEmail(employee.email),
    (users) => users.find((user) => user.appMetadata.employee_id === employee.id)?.userId ?? null,
    pending,
  );
  const mine = existing.find((user) => user.appMetadata.employee_id === employee.id);
  observer?.userCreation(mine ? 'conflict_linked' : 'email_taken');
  if (!mine) throw new EmailTakenInAuth0(employee.email);
  return mine;
}

/**
 * Remembers the account before anything else can fail, so a later attempt never creates it again, in one
 * statement with the audit rows of the calls that found it. In invite mode the invitation job commits
 * with the link, in the same statement: the user exists, and only this one link (a creation, or the 409
 * that recognised it) ever queues it.
 */
async function linkAccount(
  deps: Pick<ProvisioningAttemptDeps, 'prisma' | 'queue' | 'audit' | 'settings'>,
  employee: Employee,
  user: IdentityUser,
  invite: boolean,
  audit: AuditRow[],
): Promise<IdentityUser> {
  // A start date far enough ahead defers the invitation (employee-schedule.ts); the account exists at once.
  const jobs = invite ? await deps.queue.plannedInsert('send-invitation', [employee.id], invitationJobOptions(employee, deps.settings)) : null;
  await writingAuditOnFailure(deps, audit, () => employees.linkAuth0User(deps.prisma, employee.id, user, { audit, jobs }));
  if (invite) await onboarding.scheduleInvitations(deps.prisma, [employee.id]);
  return user;
}
