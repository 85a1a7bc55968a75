// The gateway API's permissions and which of them each Auth0 role grants. In a real tenant this
// mapping is configured in Auth0 (RBAC on the gateway API with "Add Permissions in the Access Token");
// the emulator mints caller tokens from this same table, and the README documents it.

export const GATEWAY_PERMISSIONS = [
  'read:self',
  'read:employees',
  'create:employees',
  'update:employees',
  'deactivate:employees',
  'update:employee_roles',
  'send:verification',
  'read:audit',
  'manage:provisioning',
] as const;

export type GatewayPermission = (typeof GATEWAY_PERMISSIONS)[number];

export const CALLER_ROLES = ['production_associate', 'team_lead', 'manager', 'admin'] as const;

export type CallerRole = (typeof CALLER_ROLES)[number];

export const ROLE_PERMISSIONS: Readonly<Record<CallerRole, readonly GatewayPermission[]>> = {
  production_associate: ['read:self'],
  team_lead: ['read:self', 'read:employees'],
  manager: [
    'read:self',
    'read:employees',
    'create:employees',
    'update:employees',
    'deactivate:employees',
    'update:employee_roles',
    'send:verification',
    'read:audit',
  ],
  admin: GATEWAY_PERMISSIONS,
};

export function isCallerRole(value: string): value is CallerRole {
  return (CALLER_ROLES as readonly string[]).includes(value);
}

/** Union of the roles' permissions, in GATEWAY_PERMISSIONS order. */
export function permissionsForRoles(roles: readonly CallerRole[]): GatewayPermission[] {
  const granted = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
  return GATEWAY_PERMISSIONS.filter((permission) => granted.has(permission));
}
