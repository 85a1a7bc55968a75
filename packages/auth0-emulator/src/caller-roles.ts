// Caller tokens minted by the control API (`POST /__emulator/tokens`) for roles rather than explicit
// permissions. Which permissions a role grants is the embedding application's business (a real tenant
// holds it in its RBAC settings), so the table is an option of the emulator: `startEmulator({ callerRoles })`.

/** Caller role → the permissions on the application's API that a token for that role carries. */
export type CallerRoleTable = Readonly<Record<string, readonly string[]>>;

/** Every permission of the table once, in first-seen order: the scopes of the application's API. */
export function tablePermissions(table: CallerRoleTable | undefined): string[] {
  return [...new Set(Object.values(table ?? {}).flat())];
}

/**
 * The union of the roles' permissions (in `tablePermissions` order), or why the roles cannot be used:
 * no table was given, or a role is not in it.
 */
export function permissionsForRoles(
  table: CallerRoleTable | undefined,
  roles: readonly string[],
): { permissions: string[] } | { problem: string } {
  if (!table) {
    return {
      problem:
        'This emulator has no caller-role table (start it with the callerRoles option), so it cannot mint tokens by role; pass permissions instead',
    };
  }
  const unknown = roles.filter((role) => !Object.hasOwn(table, role));
  if (unknown.length > 0) return { problem: `Unknown role(s): ${unknown.join(', ')}; known roles: ${Object.keys(table).join(', ')}` };
  const granted = new Set(roles.flatMap((role) => table[role] ?? []));
  return { permissions: tablePermissions(table).filter((permission) => granted.has(permission)) };
}
