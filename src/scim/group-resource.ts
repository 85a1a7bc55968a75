// Groups are the four roles: id and displayName are the role code (`team_lead`); members are the employees
// in it (services/directory.service.ts groupsOf), read a page at a time.
import type { Employee } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import { ROLE_ORDER } from '../services/directory.service.ts';
import { auth0RoleName } from '../services/employee-input.ts';
import { versionOf, type ScimObject } from './scim-object.ts';

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
/** The roles exist since the gateway does: a fixed creation time keeps the representation stable. */
const ROLES_CREATED = '2026-11-29T00:00:00.000Z';

export function roleCode(role: EmployeeRole): string {
  return auth0RoleName(role);
}

export function groupId(role: EmployeeRole): string {
  return roleCode(role);
}

/** The role a group id or displayName names (case-insensitive), or null. */
export function roleOfGroup(idOrName: string): EmployeeRole | null {
  return ROLE_ORDER.find((role) => roleCode(role) === idOrName.trim().toLowerCase()) ?? null;
}

export function groupFacts(role: EmployeeRole): { id: string; displayName: string; role: EmployeeRole } {
  return { id: groupId(role), displayName: roleCode(role), role };
}

/** The group with one page of its members (or none: `members` undefined leaves the attribute out). */
export function toScimGroup(role: EmployeeRole, baseUrl: string, members: readonly Employee[] | undefined): ScimObject {
  const resource: ScimObject = { schemas: [GROUP_SCHEMA], id: groupId(role), displayName: roleCode(role) };
  return {
    ...resource,
    ...(members ? { members: members.map((employee) => ({ value: employee.id, display: employee.name, $ref: `${baseUrl}/Users/${employee.id}` })) } : {}),
    meta: { resourceType: 'Group', created: ROLES_CREATED, lastModified: ROLES_CREATED, location: `${baseUrl}/Groups/${groupId(role)}`, version: versionOf(resource) },
  };
}
