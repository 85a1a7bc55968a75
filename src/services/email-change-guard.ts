// An email change moves an Auth0 account to whoever reads the new address (the verification email, the
// invitation and Auth0's public password reset all go there). For an account already in use (its owner
// verified the address or signed in, or it was linked by hand) only an admin may do that; managers may
// still correct the address of an account nobody has used yet. docs/design.md "Reach".
import type { Employee } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { everVerified } from './employee-account-sync.ts';
import { auditRefusal, GRANT_ANY_ROLE_PERMISSION, type ReachDeps } from './employee-reach.ts';
import { Auth0UnavailableError, EmailChangeNotAllowedError } from './errors.ts';
import { IdentityError, type IdentityDirectory } from './identity-provider.ts';

export interface EmailChangeGuardDeps extends ReachDeps {
  audit: AuditTrail;
  identityProvider: Pick<IdentityDirectory, 'getUserProfile'>;
}

type Target = Pick<Employee, 'id' | 'auth0UserId' | 'auth0SyncStatus' | 'auth0LinkedAt'>;

/** The refusal (audited) when the caller may not move this employee's account to a new address; null to go on. */
export async function refuseEmailChange(
  deps: EmailChangeGuardDeps,
  actor: Actor,
  employee: Target,
): Promise<EmailChangeNotAllowedError | Auth0UnavailableError | null> {
  if (actor.permissions?.has(GRANT_ANY_ROLE_PERMISSION)) return null;
  const inUse = await accountInUse(deps, actor, employee);
  if (inUse instanceof Auth0UnavailableError) return inUse;
  if (!inUse) return null;
  await auditRefusal(deps, actor, employee, `updateEmployee: email change of an account in use (${inUse}) needs an admin`);
  return new EmailChangeNotAllowedError();
}

/** Why the account counts as in use, or false. Unknown (Auth0 unreachable) refuses: failing closed. */
async function accountInUse(deps: EmailChangeGuardDeps, actor: Actor, employee: Target): Promise<string | false | Auth0UnavailableError> {
  if (employee.auth0LinkedAt) return 'linked by hand';
  if (await everVerified(deps, employee)) return 'verified';
  const userId = employee.auth0UserId;
  if (!userId) return false;
  try {
    const user = await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_GET_USER', employeeId: employee.id, auth0UserId: userId, successStatus: 200 },
      () => deps.identityProvider.getUserProfile(userId),
    );
    if (!user) return false;
    if (user.emailVerified) return 'verified in Auth0';
    if (user.loginsCount > 0) return 'signed in';
    return false;
  } catch (error) {
    if (error instanceof IdentityError) return new Auth0UnavailableError(error.message);
    throw error;
  }
}
