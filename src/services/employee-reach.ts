// Who may act on whom: one rule for every door (GraphQL, CSV import, CLI, SCIM, schedule). A caller may
// act on an existing employee only when they may grant the employee's current role (and, for a role
// change, the new one): admins (`manage:provisioning`) reach everyone, managers (`update:employee_roles`)
// production associates and team leads, nobody else anyone. A caller with a role ceiling (a SCIM token's
// maxRole) reaches and grants no role above it, whatever its permissions. docs/design.md "Reach".
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { auth0RoleName, DEFAULT_EMPLOYEE_ROLE } from './employee-input.ts';
import { EmployeeOutOfReachError } from './errors.ts';

export const GRANT_ANY_ROLE_PERMISSION = 'manage:provisioning';
export const GRANT_JUNIOR_ROLES_PERMISSION = 'update:employee_roles';
const JUNIOR_ROLES: readonly EmployeeRole[] = [EmployeeRole.PRODUCTION_ASSOCIATE, EmployeeRole.TEAM_LEAD];

/** The part of an Actor the grant rules read. */
export type Grantor = Pick<Actor, 'permissions' | 'roleCeiling'>;

/** The enum's declaration order: most junior first. */
const ROLE_RANK: readonly EmployeeRole[] = Object.values(EmployeeRole);

/** Whether `role` is at most `ceiling` (no ceiling: any role). */
export function withinCeiling(role: EmployeeRole, ceiling: EmployeeRole | undefined): boolean {
  return ceiling === undefined || ROLE_RANK.indexOf(role) <= ROLE_RANK.indexOf(ceiling);
}

/** Whether the caller may move an employee from role `from` to role `to` (the same role: act on them at all). */
export function mayGrant(caller: Grantor, from: EmployeeRole, to: EmployeeRole): boolean {
  if (!withinCeiling(from, caller.roleCeiling) || !withinCeiling(to, caller.roleCeiling)) return false;
  const permissions = caller.permissions ?? new Set<string>();
  if (permissions.has(GRANT_ANY_ROLE_PERMISSION)) return true;
  return permissions.has(GRANT_JUNIOR_ROLES_PERMISSION) && JUNIOR_ROLES.includes(from) && JUNIOR_ROLES.includes(to);
}

/** Whether the caller may act on an employee who holds `role`. */
export function mayReach(caller: Grantor, role: EmployeeRole): boolean {
  return mayGrant(caller, role, role);
}

/**
 * The rule when a role is set on creation (createEmployee, importEmployees): admins any role, managers
 * production_associate and team_lead; a caller with neither grant permission only the default role.
 */
export function mayGrantOnCreate(caller: Grantor, role: EmployeeRole): boolean {
  return mayGrant(caller, DEFAULT_EMPLOYEE_ROLE, role) || role === DEFAULT_EMPLOYEE_ROLE;
}

/** The operations that act on an existing employee; named in the refusal's audit row. */
export type ReachOperation =
  | 'updateEmployee'
  | 'assignRole'
  | 'deactivateEmployee'
  | 'reactivateEmployee'
  | 'resendVerification'
  | 'retryProvisioning'
  | 'linkAuth0User'
  | 'importEmployees';

export interface ReachDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

/**
 * The refusal when the employee is out of the caller's reach, audited (ACCESS_REFUSED) and nothing else
 * written; null when the caller may go on.
 */
export async function refuseOutOfReach(
  deps: ReachDeps,
  actor: Actor,
  employee: Pick<Employee, 'id' | 'role' | 'auth0UserId'>,
  operation: ReachOperation,
): Promise<EmployeeOutOfReachError | null> {
  if (mayReach(actor, employee.role)) return null;
  await auditRefusal(deps, actor, employee, `${operation}: the employee holds ${auth0RoleName(employee.role)}, outside the caller's reach`);
  return new EmployeeOutOfReachError(employee.role);
}

export async function auditRefusal(
  deps: ReachDeps,
  actor: Actor,
  employee: Pick<Employee, 'id' | 'auth0UserId'>,
  detail: string,
): Promise<void> {
  await deps.audit.event(deps.prisma, actor, {
    action: 'ACCESS_REFUSED',
    employeeId: employee.id,
    auth0UserId: employee.auth0UserId,
    outcome: 'FAILURE',
    detail,
  });
}
