// Caller tokens minted by the emulator (`POST /__emulator/tokens`, `npm run token`) carry the gateway's
// own permission table, so development tokens look exactly like a configured tenant's.
export {
  CALLER_ROLES,
  GATEWAY_PERMISSIONS,
  ROLE_PERMISSIONS,
  isCallerRole,
  permissionsForRoles,
  type CallerRole,
  type GatewayPermission,
} from '../auth/permissions.ts';
