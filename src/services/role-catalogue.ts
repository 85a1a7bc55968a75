// The four RBAC roles the gateway manages, with what each is for and the gateway permissions it grants.
// The gateway's enum is the source of truth (it decides what createEmployee and assignRole accept); the
// Auth0 tenant must hold roles of the same lower-case names (the reconciliation report checks users).
import { ROLE_PERMISSIONS, type GatewayPermission } from '../auth/permissions.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import { auth0RoleName } from './employee-input.ts';

export interface RoleInfo {
  role: EmployeeRole;
  auth0Name: string;
  description: string;
  permissions: readonly GatewayPermission[];
}

const DESCRIPTIONS: Record<EmployeeRole, string> = {
  PRODUCTION_ASSOCIATE: 'Warehouse production associate; the default for new employees. Reads only their own record.',
  TEAM_LEAD: 'Leads a production team; reads employees.',
  MANAGER: 'Manages teams: adds employees, changes roles, resends verification emails, reads the audit trail.',
  ADMIN: 'Administers the gateway: everything a manager does, plus provisioning operations and reports.',
};

export function roleCatalogue(): RoleInfo[] {
  // The enum's declaration order: most junior first.
  return Object.values(EmployeeRole).map((role) => {
    const auth0Name = auth0RoleName(role);
    return {
      role,
      auth0Name,
      description: DESCRIPTIONS[role],
      permissions: ROLE_PERMISSIONS[auth0Name as keyof typeof ROLE_PERMISSIONS],
    };
  });
}
