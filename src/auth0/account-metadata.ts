// The metadata the gateway keeps on an Auth0 user (the plan's Option A, Option B's PodFactory variants when
// enabled), and the keys a rollback clears from an account the gateway did not create.
import { CREATED_BY_SYSTEM, type IdentityAccountProfile } from '../services/identity-provider.ts';
import { podfactoryEmailVariants } from '../services/podfactory.ts';

export const CREATED_BY = CREATED_BY_SYSTEM;
/** Every metadata key accountMetadata writes (created_by is left alone on accounts linked by hand, so never cleared). */
export const GATEWAY_APP_METADATA_KEYS = ['employee_id', 'linked_at', 'department', 'role_code', 'external_id', 'podfactory_emails'] as const;
export const GATEWAY_USER_METADATA_KEYS = ['full_name', 'department'] as const;

/**
 * Metadata Option A, the one shape every write uses (create, update, backfill): `app_metadata { employee_id,
 * created_by (or linked_at for an account linked by hand), department, role_code, external_id when set }` (plus Option B's `podfactory_emails` when enabled) and `user_metadata
 * { full_name, department }`. PATCH merges first-level keys, so keys written here replace their old values and
 * others are left alone: https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
 */
export function accountMetadata(
  profile: Omit<IdentityAccountProfile, 'department' | 'roleCode'> & Partial<Pick<IdentityAccountProfile, 'department' | 'roleCode'>>,
  options: { podfactoryEmailMetadata?: boolean },
): { app_metadata: Record<string, unknown>; user_metadata: Record<string, unknown> } {
  return {
    app_metadata: {
      employee_id: profile.employeeId,
      // An account linked by hand keeps whatever created_by it had: the rollback must never take it for ours.
      ...(profile.linkedAt ? { linked_at: profile.linkedAt } : { created_by: CREATED_BY }),
      ...(profile.department !== undefined ? { department: profile.department } : {}),
      ...(profile.roleCode !== undefined ? { role_code: profile.roleCode } : {}),
      ...(profile.externalId ? { external_id: profile.externalId } : {}),
      ...(options.podfactoryEmailMetadata ? { podfactory_emails: podfactoryEmailVariants(profile.email) } : {}),
    },
    user_metadata: {
      full_name: profile.name,
      ...(profile.department !== undefined ? { department: profile.department } : {}),
    },
  };
}
