// The identity provider's view of employees (SCIM's Users and Groups): which employees it sees, the same
// person sent again (a rehire), a user it deleted (deactivated and hidden, never deleted), the groups it
// puts people in. The changes themselves go through the lifecycle and role services, with their rules.
import type { Employee, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { DEFAULT_EMPLOYEE_ROLE, type UpdateEmployeeInput } from './employee-input.ts';
import { EmployeeNotFoundError, type DomainError } from './errors.ts';
import { refuseOutOfReach } from './employee-reach.ts';

/** Senior last: the highest group an employee is in is the role they hold. */
export const ROLE_ORDER: readonly EmployeeRole[] = [EmployeeRole.PRODUCTION_ASSOCIATE, EmployeeRole.TEAM_LEAD, EmployeeRole.MANAGER, EmployeeRole.ADMIN];

/** Employees the identity provider still sees: every one but those it deleted. */
export const VISIBLE: Prisma.EmployeeWhereInput = { directoryRemovedAt: null };

export interface DirectoryDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
}

/** The lifecycle services the directory changes go through (bound in src/composition/services.ts). */
export interface DirectoryLifecycle {
  updateEmployee(actor: Actor, employeeId: string, input: UpdateEmployeeInput): Promise<Employee | DomainError>;
  reactivateEmployee(actor: Actor, employeeId: string): Promise<Employee | DomainError>;
  /** Through the mass-deprovisioning guard: the change may be held (the employee stays active). */
  deactivate(actor: Actor, employeeId: string, reason: string): Promise<{ outcome: 'DEACTIVATED' | 'HELD'; employee: Employee } | DomainError>;
  assignRole(actor: Actor, employeeId: string, role: EmployeeRole): Promise<Employee | DomainError>;
}

export async function directoryEmployee(deps: Pick<DirectoryDeps, 'prisma'>, employeeId: string): Promise<Employee | null> {
  return deps.prisma.employee.findFirst({ where: { id: employeeId, ...VISIBLE } });
}

/** One page of the employees the identity provider sees, in a stable order (creation, then id), and the total. */
export async function listDirectoryEmployees(
  deps: Pick<DirectoryDeps, 'prisma'>,
  where: Prisma.EmployeeWhereInput,
  page: { skip: number; take: number },
): Promise<{ total: number; employees: Employee[] }> {
  const filtered = { AND: [VISIBLE, where] };
  const [total, employees] = await Promise.all([
    deps.prisma.employee.count({ where: filtered }),
    page.take === 0 ? Promise.resolve([]) : deps.prisma.employee.findMany({ where: filtered, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: page.skip, take: page.take }),
  ]);
  return { total, employees };
}

/** Every stored employee (hidden ones too) that is the same person by sign-in name, external id or email. */
export async function findSamePerson(
  deps: Pick<DirectoryDeps, 'prisma'>,
  person: { userName: string; externalId: string | null; email: string },
): Promise<Employee[]> {
  return deps.prisma.employee.findMany({
    where: { OR: [{ userName: person.userName }, ...(person.externalId ? [{ externalId: person.externalId }] : []), { email: person.email }] },
  });
}

/**
 * The identity provider deleted the user: deactivated (through the guard) and hidden from it, never
 * deleted. A held deactivation hides the user too: the provider's view is that it is gone, and a later
 * create of the same person brings it back (rehire).
 */
export async function removeFromDirectory(
  deps: DirectoryDeps,
  lifecycle: DirectoryLifecycle,
  actor: Actor,
  employeeId: string,
): Promise<Employee | DomainError> {
  const employee = await directoryEmployee(deps, employeeId);
  if (!employee) return new EmployeeNotFoundError(employeeId);
  const deactivated = await lifecycle.deactivate(actor, employeeId, 'deleted by the identity provider');
  if (!('outcome' in deactivated)) return deactivated;
  return deps.prisma.$transaction(async (tx) => {
    const hidden = await tx.employee.update({ where: { id: employeeId }, data: { directoryRemovedAt: new Date() } });
    await deps.audit.event(tx, actor, {
      action: 'EMPLOYEE_UPDATED',
      employeeId,
      auth0UserId: hidden.auth0UserId,
      detail: `removed by the identity provider: hidden from it (deactivation ${deactivated.outcome.toLowerCase()})`,
    });
    return hidden;
  });
}

/**
 * The same person sent again after the identity provider deleted them (or an employee it never claimed):
 * the stored employee takes the attributes sent, becomes visible again and, when `active`, is reactivated,
 * keeping its history and Auth0 account.
 */
export async function rehire(
  deps: DirectoryDeps,
  lifecycle: DirectoryLifecycle,
  actor: Actor,
  employee: Employee,
  input: UpdateEmployeeInput & { userName: string },
  active: boolean,
): Promise<Employee | DomainError> {
  const updated = await lifecycle.updateEmployee(actor, employee.id, input);
  if (!isEmployee(updated)) return updated;
  if (employee.directoryRemovedAt !== null) {
    await deps.prisma.$transaction(async (tx) => {
      await tx.employee.update({ where: { id: employee.id }, data: { directoryRemovedAt: null } });
      await deps.audit.event(tx, actor, { action: 'EMPLOYEE_UPDATED', employeeId: employee.id, auth0UserId: employee.auth0UserId, detail: 'sent again by the identity provider (rehire)' });
    });
  }
  if (active && !updated.active) return lifecycle.reactivateEmployee(actor, employee.id);
  if (!active && updated.active) {
    const deactivated = await lifecycle.deactivate(actor, employee.id, 'inactive in the identity provider');
    return 'outcome' in deactivated ? deactivated.employee : deactivated;
  }
  return (await directoryEmployee(deps, employee.id)) ?? updated;
}

/**
 * The groups the identity provider puts the employee in changed: the role becomes the highest of them
 * (none: the default role), through assignRole's rules; the groups are kept only when the role change is allowed.
 */
export async function setDirectoryGroups(
  deps: DirectoryDeps,
  lifecycle: DirectoryLifecycle,
  actor: Actor,
  employee: Employee,
  groups: readonly EmployeeRole[],
): Promise<Employee | DomainError> {
  const role = highestRole(groups);
  // Same role: no assignRole to judge the reach, so it is judged here (a capped token must not touch a senior's groups).
  const refused = role === employee.role ? await refuseOutOfReach(deps, actor, employee, 'assignRole') : null;
  if (refused) return refused;
  const assigned = role === employee.role ? employee : await lifecycle.assignRole(actor, employee.id, role);
  if (!isEmployee(assigned)) return assigned;
  // The default role is where an employee in no group is: it is never kept as a group of its own.
  const ordered = ROLE_ORDER.filter((candidate) => candidate !== DEFAULT_EMPLOYEE_ROLE && groups.includes(candidate));
  if (ordered.join() === employee.directoryGroups.join()) return assigned;
  return deps.prisma.employee.update({ where: { id: employee.id }, data: { directoryGroups: ordered } });
}

/**
 * The groups the employee is in as the directory sees them: its role, and the groups below it that it was
 * put in (a group above the role is stale: the role was lowered through another door since).
 */
export function groupsOf(employee: Pick<Employee, 'role' | 'directoryGroups'>): EmployeeRole[] {
  const rank = ROLE_ORDER.indexOf(employee.role);
  return ROLE_ORDER.filter((role, index) => role === employee.role || (index < rank && employee.directoryGroups.includes(role)));
}

/** groupsOf as a query: the employees in the group of `role`. */
export function groupMembersWhere(role: EmployeeRole): Prisma.EmployeeWhereInput {
  const above = ROLE_ORDER.slice(ROLE_ORDER.indexOf(role) + 1);
  return { OR: [{ role }, { directoryGroups: { has: role }, role: { in: above } }] };
}

export function highestRole(groups: readonly EmployeeRole[]): EmployeeRole {
  return [...ROLE_ORDER].reverse().find((role) => groups.includes(role)) ?? DEFAULT_EMPLOYEE_ROLE;
}

function isEmployee(value: Employee | DomainError): value is Employee {
  return !(value instanceof Error);
}
