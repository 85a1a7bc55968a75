// The sync-employee-account job's step: brings an employee's Auth0 user in line with the row after a
// profile change (updateEmployee, a role change's role_code), a deactivation or a reactivation.
//
// Every such change bumps `accountRevision` in the transaction that makes it (with its job); this step
// works under the per-employee lease, brings Auth0 to the row as it reads it, and records the revision it
// brought (`auth0AccountRevision`). A change that lands meanwhile leaves the row ahead, and the loop goes
// round again, so the last writer's state is what Auth0 ends with.
import { z } from 'zod';
import type { Employee } from '../generated/prisma/client.ts';
import * as employees from '../store/employee-store.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { auth0RoleName } from './employee-input.ts';
import { IdentityError, isRetryable, type IdentityAccountProfile, type IdentityProvider } from './identity-provider.ts';
import { acquireLease, releaseLease, type LeaseDeps } from './provisioning/employee-lease.ts';
import type { AttemptOutcome } from './provisioning/provisioning-attempt.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

export interface SyncEmployeeAccountDeps extends LeaseDeps {
  audit: AuditTrail;
  identityProvider: Pick<IdentityProvider, 'updateUser' | 'getUser' | 'removeRoles' | 'assignRoles' | 'sendVerificationEmail' | 'sendInvitationEmail'>;
  /** The lease length, and the onboarding mode that decides an email change's follow-up (absent: verify). */
  settings: Pick<ProvisioningSettings, 'leaseMs' | 'onboardingEmail'>;
}

const ALL_ROLE_NAMES = Object.values(EmployeeRole).map(auth0RoleName);

/** What the Auth0 user should carry for this employee (metadata Option A). */
export function accountProfileOf(
  employee: Pick<Employee, 'id' | 'name' | 'email' | 'department' | 'role' | 'auth0LinkedAt' | 'externalId'>,
): IdentityAccountProfile {
  return {
    employeeId: employee.id,
    name: employee.name,
    email: employee.email,
    department: employee.department,
    roleCode: auth0RoleName(employee.role),
    linkedAt: employee.auth0LinkedAt?.toISOString() ?? null,
    externalId: employee.externalId,
  };
}

const confirmedProfileSchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  email: z.string(),
  department: z.string(),
  roleCode: z.string(),
  linkedAt: z.string().nullish(),
  externalId: z.string().nullish(),
});

function sameProfile(a: IdentityAccountProfile, b: IdentityAccountProfile): boolean {
  return (
    a.employeeId === b.employeeId &&
    a.name === b.name &&
    a.email === b.email &&
    a.department === b.department &&
    a.roleCode === b.roleCode &&
    (a.linkedAt ?? null) === (b.linkedAt ?? null) &&
    (a.externalId ?? null) === (b.externalId ?? null)
  );
}

export function accountSyncOwed(employee: Pick<Employee, 'accountRevision' | 'auth0AccountRevision'>): boolean {
  return employee.accountRevision > employee.auth0AccountRevision;
}

/**
 * The follow-up to an email change in Auth0. Verify mode, or an employee who was ever VERIFIED (has a
 * password, or confirmed an address): the verification-email job, since the address is unverified after the PATCH. Invite mode
 * before the employee set a password: a verification email would not let them set one, so they get the
 * invitation at the new address instead: the first one, when still queued, goes there by itself (the
 * send-invitation job reads the address when it claims the send); one already sent went to the old
 * address, so a fresh one follows.
 */
export async function emailChangeFollowUp(
  deps: Pick<SyncEmployeeAccountDeps, 'audit' | 'identityProvider' | 'prisma' | 'settings'>,
  actor: Actor,
  employee: Pick<Employee, 'id' | 'email' | 'auth0SyncStatus' | 'invitationSentAt'>,
  auth0UserId: string,
): Promise<void> {
  if (deps.settings.onboardingEmail === 'invite' && !(await everVerified(deps, employee))) {
    if (employee.invitationSentAt === null) return;
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_SEND_INVITATION_EMAIL', employeeId: employee.id, auth0UserId, successStatus: 200 },
      () => deps.identityProvider.sendInvitationEmail(employee.email),
    );
    await employees.setEmailsSentAt(deps.prisma, employee.id, { invitationSentAt: new Date(), verificationEmailSentAt: new Date() });
    return;
  }
  await deps.audit.identityCall(
    actor,
    { action: 'AUTH0_SEND_VERIFICATION_EMAIL', employeeId: employee.id, auth0UserId, successStatus: 201 },
    () => deps.identityProvider.sendVerificationEmail(auth0UserId),
  );
  await employees.setEmailsSentAt(deps.prisma, employee.id, { verificationEmailSentAt: new Date() });
}

/**
 * Whether the employee was ever VERIFIED. The email change itself turned a VERIFIED employee back to
 * CREATED, so the status alone cannot tell; every move to VERIFIED is audited, and the trail is append-only.
 */
export async function everVerified(deps: Pick<SyncEmployeeAccountDeps, 'prisma'>, employee: Pick<Employee, 'id' | 'auth0SyncStatus'>): Promise<boolean> {
  if (employee.auth0SyncStatus === 'VERIFIED') return true;
  const verified = await deps.prisma.auditEvent.findFirst({
    where: { employeeId: employee.id, action: 'SYNC_STATUS_CHANGED', detail: { startsWith: 'VERIFIED' } },
    select: { id: true },
  });
  return verified !== null;
}

export async function syncEmployeeAccount(deps: SyncEmployeeAccountDeps, actor: Actor, employeeId: string): Promise<AttemptOutcome> {
  const lease = await acquireLease(deps, employeeId, { onlyPending: false });
  if (lease.kind !== 'leased') return { kind: 'busy' };
  let employee = lease.employee;
  try {
    for (let round = 0; round < 3 && accountSyncOwed(employee) && employee.auth0UserId !== null; round += 1) {
      employee = await syncOnce(deps, actor, employee, employee.auth0UserId);
    }
    return { kind: 'settled', employee };
  } catch (error) {
    if (error instanceof IdentityError && isRetryable(error)) return { kind: 'transient', reason: error.message };
    if (error instanceof IdentityError) {
      // Audited already; retrying as is will not help (e.g. the user was deleted: reconciliation shows it).
      // The revision stays behind, visible to operators; the sweep does not retry it (it waits for a new change).
      return { kind: 'settled', employee: await recordRejection(deps, employeeId, error) };
    }
    throw error;
  } finally {
    await releaseLease(deps, employeeId);
  }
}

async function syncOnce(deps: SyncEmployeeAccountDeps, actor: Actor, employee: Employee, userId: string): Promise<Employee> {
  const call = <T>(action: 'AUTH0_UPDATE_USER' | 'AUTH0_REMOVE_ROLES' | 'AUTH0_ASSIGN_ROLES' | 'AUTH0_GET_USER', status: number, operation: () => Promise<T>) =>
    deps.audit.identityCall(actor, { action, employeeId: employee.id, auth0UserId: userId, successStatus: status }, operation);
  const facts: Partial<Pick<Employee, 'auth0Blocked' | 'auth0Role' | 'auth0SyncStatus' | 'auth0SyncError' | 'auth0SyncFailureReason'>> & {
    auth0Profile?: IdentityAccountProfile;
  } = {};

  // A leaver first loses access: blocked, then every gateway role removed.
  if (!employee.active && !employee.auth0Blocked) {
    await call('AUTH0_UPDATE_USER', 200, () => deps.identityProvider.updateUser(userId, { blocked: true }));
    await call('AUTH0_REMOVE_ROLES', 204, () => deps.identityProvider.removeRoles(userId, ALL_ROLE_NAMES));
    Object.assign(facts, { auth0Blocked: true, auth0Role: null });
  }

  const desired = accountProfileOf(employee);
  const parsed = confirmedProfileSchema.safeParse(employee.auth0Profile);
  const confirmed = parsed.success ? parsed.data : null;
  let emailChanged = false;
  if (!confirmed || !sameProfile(confirmed, desired)) {
    // Which address Auth0 holds: the one last confirmed, else read it (immediately consistent).
    const auth0Email = confirmed?.email ?? (await call('AUTH0_GET_USER', 200, () => deps.identityProvider.getUser(userId))).email.toLowerCase();
    emailChanged = auth0Email !== desired.email;
    try {
      await call('AUTH0_UPDATE_USER', 200, () => deps.identityProvider.updateUser(userId, { profile: desired, changeEmail: emailChanged }));
      facts.auth0Profile = desired;
    } catch (error) {
      if (!(error instanceof IdentityError) || error.kind !== 'already-exists' || !emailChanged) throw error;
      // Another Auth0 user holds the new address: never linked, never taken over. The rest of the profile
      // still goes to Auth0 under the old address; the employee shows the typed failure.
      const kept = { ...desired, email: auth0Email };
      await call('AUTH0_UPDATE_USER', 200, () => deps.identityProvider.updateUser(userId, { profile: kept }));
      Object.assign(facts, {
        auth0Profile: kept,
        auth0SyncFailureReason: 'EMAIL_TAKEN_IN_AUTH0',
        auth0SyncError: `EmailTakenInAuth0: an Auth0 user with ${desired.email} exists and does not belong to this employee; Auth0 keeps ${auth0Email}`,
      });
      emailChanged = false;
    }
  }

  // A returner gets access back: unblocked, their current role, and the status Auth0's email_verified says.
  if (employee.active && employee.auth0Blocked) {
    const user = await call('AUTH0_UPDATE_USER', 200, () => deps.identityProvider.updateUser(userId, { blocked: false }));
    await call('AUTH0_ASSIGN_ROLES', 204, () => deps.identityProvider.assignRoles(userId, [auth0RoleName(employee.role)]));
    Object.assign(facts, { auth0Blocked: false, auth0Role: employee.role });
    if (employee.auth0SyncStatus === 'CREATED' && user.emailVerified && !emailChanged) facts.auth0SyncStatus = 'VERIFIED';
  }
  if (emailChanged) await emailChangeFollowUp(deps, actor, employee, userId);
  if (!employee.active) facts.auth0SyncStatus = 'DISABLED';

  const { auth0Profile, auth0SyncStatus, ...rest } = facts;
  const data = {
    ...rest,
    ...(auth0Profile ? { auth0Profile: { ...auth0Profile } } : {}),
    // A sync that went through clears an earlier sync's problem (a FAILED provisioning keeps its own).
    ...(facts.auth0SyncFailureReason === undefined && employee.auth0SyncStatus !== 'FAILED'
      ? { auth0SyncFailureReason: null, auth0SyncError: null }
      : {}),
  };
  // Record what Auth0 now holds; the revision only moves forward (a late job never moves it back).
  return deps.prisma.$transaction(async (tx) => {
    await employees.recordAccountSynced(tx, employee.id, data, employee.accountRevision);
    // The status follows from the row as read: only while no newer change (a reactivation, say) has landed.
    if (auth0SyncStatus && auth0SyncStatus !== employee.auth0SyncStatus) {
      if (await employees.setStatusAtRevision(tx, employee.id, employee.accountRevision, auth0SyncStatus)) await deps.audit.syncStatusChanged(tx, actor, { employeeId: employee.id, auth0UserId: userId, to: auth0SyncStatus });
    }
    return tx.employee.findUniqueOrThrow({ where: { id: employee.id } });
  });
}

async function recordRejection(deps: Pick<SyncEmployeeAccountDeps, 'prisma'>, employeeId: string, error: IdentityError): Promise<Employee> {
  const employee = await deps.prisma.employee.findUniqueOrThrow({ where: { id: employeeId } });
  if (employee.auth0SyncStatus === 'FAILED') return employee;
  return employees.recordAccountRejection(deps.prisma, employeeId, `Auth0 refused the account update: ${error.message}`);
}
