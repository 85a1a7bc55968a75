// The Auth0 Management API scopes the gateway's application needs: the list README "A real Auth0 tenant"
// gives (test/unit/management-scopes.test.ts holds them equal), and the exact grant the tests give the
// emulator's client. An operation that needs more checks first and names what is missing.
import type { IdentityGrant } from './identity-provider.ts';

/** Every call the gateway makes (create, read, update, roles, role members). */
export const GATEWAY_MANAGEMENT_SCOPES = ['create:users', 'read:users', 'update:users', 'read:roles', 'read:role_members', 'create:role_members'] as const;
/** Only `npm run rollback -- --mode delete` deletes users; best held by separate credentials (docs/runbook.md). */
export const DELETE_USERS_SCOPE = 'delete:users';
/** The README's complete list: the gateway's scopes and the delete-mode rollback's. */
export const DOCUMENTED_MANAGEMENT_SCOPES: readonly string[] = [...GATEWAY_MANAGEMENT_SCOPES, DELETE_USERS_SCOPE];

export class MissingScopeError extends Error {
  readonly code = 'MISSING_SCOPE';
  constructor(
    readonly operation: string,
    readonly missing: readonly string[],
  ) {
    super(
      `${operation} needs the Auth0 Management API scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which the application ` +
        'is not granted (Auth0 Dashboard > Applications > APIs > Auth0 Management API); nothing was changed',
    );
    this.name = 'MissingScopeError';
  }
}

/** The scopes of `needed` the grant lacks; none when the adapter cannot tell (Auth0 then decides per call). */
export async function missingScopes(grant: IdentityGrant, needed: readonly string[]): Promise<string[]> {
  const granted = await grant.grantedScopes();
  return granted === null ? [] : needed.filter((scope) => !granted.includes(scope));
}

/** Throws MissingScopeError naming every scope of `needed` the grant lacks. */
export async function requireScopes(grant: IdentityGrant, operation: string, needed: readonly string[]): Promise<void> {
  const missing = await missingScopes(grant, needed);
  if (missing.length > 0) throw new MissingScopeError(operation, missing);
}
