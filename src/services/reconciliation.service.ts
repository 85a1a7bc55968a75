// The reconciliation report: where the employee table and Auth0 disagree. Reads only; fixing is for
// people (or the provisioning queue). Auth0 is read in pages of the user search, split by creation
// time whenever a window holds more users than the search's 1000-result cap lets anyone page through.
import type { Auth0SyncStatus, Employee, PrismaClient } from '../generated/prisma/client.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import { readRoleNamesByUserIds, readUsersByIds, RoleReadState, scanUsersInConnection } from './auth0-user-reads.ts';
import { auth0RoleName } from './employee-input.ts';
import { CREATED_BY_SYSTEM, type IdentityDirectory, type IdentityUserProfile } from './identity-provider.ts';
import { findUnlinkedAccounts, type UnlinkedAuth0Account } from './unlinked-accounts.ts';
import { isUuid } from './uuid.ts';

export const DEFAULT_UNVERIFIED_DAYS = 7;
/** Roles the gateway manages; other Auth0 roles a user may hold are not drift. */
const GATEWAY_ROLE_NAMES: ReadonlySet<string> = new Set(Object.values(EmployeeRole).map(auth0RoleName));
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReconciliationDeps {
  prisma: PrismaClient;
  identityDirectory: IdentityDirectory;
}

export interface ReconciliationOptions {
  /** Only employees of this department (Auth0-side orphans are reported whatever the department). */
  department?: string | null;
  /** A CREATED account unverified for longer than this many days is stale. */
  unverifiedForDays?: number;
  now?: Date;
}

/** Whole rows, so the GraphQL layer can show any employee field without reading them again. */
export type ReportEmployee = Employee;

export interface EmployeeWithoutAuth0User {
  employee: ReportEmployee;
  /** NOT_LINKED: no Auth0 user id stored; LINKED_USER_MISSING: the stored id no longer exists in Auth0. */
  reason: 'NOT_LINKED' | 'LINKED_USER_MISSING';
  /** Users this system created for this employee that the employee is not linked to. */
  unlinkedAuth0UserIds: string[];
}

export interface OrphanedAuth0User {
  user: IdentityUserProfile;
  /** The `app_metadata.employee_id` it carries (no such employee), or null when it has none. */
  employeeId: string | null;
}

export interface DuplicateAuth0Users {
  employee: ReportEmployee;
  users: IdentityUserProfile[];
}

export interface RoleDrift {
  employee: ReportEmployee;
  auth0UserId: string;
  expectedRole: string;
  auth0Roles: string[];
}

export interface AccessDrift {
  employee: ReportEmployee;
  auth0UserId: string;
  /** BLOCKED_IN_AUTH0_BUT_ACTIVE: the user is blocked, the employee active; ACTIVE_IN_AUTH0_BUT_DEACTIVATED: the reverse. */
  kind: 'BLOCKED_IN_AUTH0_BUT_ACTIVE' | 'ACTIVE_IN_AUTH0_BUT_DEACTIVATED';
}

export interface StaleUnverified {
  employee: ReportEmployee;
  auth0UserId: string;
  accountCreatedAt: Date;
  daysUnverified: number;
}

export interface ReconciliationReport {
  generatedAt: Date;
  department: string | null;
  unverifiedForDays: number;
  employeesChecked: number;
  /** Users created by this system that the search returned. */
  auth0UsersScanned: number;
  employeesWithoutAuth0User: EmployeeWithoutAuth0User[];
  orphanedAuth0Users: OrphanedAuth0User[];
  duplicateAuth0Users: DuplicateAuth0Users[];
  roleDrift: RoleDrift[];
  /** Employees whose Auth0 user's blocked flag disagrees with `active` (deactivated ones included). */
  accessDrift: AccessDrift[];
  staleUnverified: StaleUnverified[];
  /** Accounts in the connection that no employee links, whoever made them (day one: candidates for adoption). */
  unlinkedAuth0Accounts: UnlinkedAuth0Account[];
  /** Users of the connection the search returned. */
  connectionUsersScanned: number;
}

export async function reconciliationReport(
  deps: ReconciliationDeps,
  options: ReconciliationOptions = {},
): Promise<ReconciliationReport> {
  const now = options.now ?? new Date();
  const unverifiedForDays = options.unverifiedForDays ?? DEFAULT_UNVERIFIED_DAYS;
  const department = options.department ?? null;
  const directory = deps.identityDirectory;

  const employees: ReportEmployee[] = await deps.prisma.employee.findMany({
    where: { active: true, ...(department !== null ? { department } : {}) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  // One scan of the connection serves both sides: the system's users (created_by) and those no employee links.
  const connectionUsers = await scanUsersInConnection(directory, { to: now });
  const scanned = connectionUsers.filter((user) => user.appMetadata.created_by === CREATED_BY_SYSTEM);

  // Auth0 side: group this system's users by the employee they were created for.
  const byEmployeeId = new Map<string, IdentityUserProfile[]>();
  const orphanedAuth0Users: OrphanedAuth0User[] = [];
  for (const user of scanned) {
    const employeeId = typeof user.appMetadata.employee_id === 'string' ? user.appMetadata.employee_id : null;
    if (employeeId === null) orphanedAuth0Users.push({ user, employeeId });
    else byEmployeeId.set(employeeId, [...(byEmployeeId.get(employeeId) ?? []), user]);
  }
  const known = await existingEmployees(deps.prisma, [...byEmployeeId.keys()]);
  const inScope = new Map(employees.map((employee) => [employee.id, employee]));
  const duplicateAuth0Users: DuplicateAuth0Users[] = [];
  for (const [employeeId, users] of byEmployeeId) {
    if (!known.has(employeeId)) {
      for (const user of users) orphanedAuth0Users.push({ user, employeeId });
      continue;
    }
    const employee = inScope.get(employeeId);
    if (employee && users.length > 1) duplicateAuth0Users.push({ employee, users });
  }

  // The users employees are linked to: from the scan, else read directly (not created by this
  // system, or too new for the search index).
  const scannedById = new Map(scanned.map((user) => [user.userId, user]));
  const linkedIds = employees.flatMap((employee) => (employee.auth0UserId ? [employee.auth0UserId] : []));
  const unscanned = linkedIds.filter((id) => !scannedById.has(id));
  const linked = new Map<string, IdentityUserProfile | null>(linkedIds.flatMap((id) => (scannedById.has(id) ? [[id, scannedById.get(id)!]] : [])));
  if (unscanned.length > 0) {
    for (const [id, user] of await readUsersByIds(directory, unscanned)) {
      if (user instanceof Error) throw user;
      linked.set(id, user);
    }
  }

  const employeesWithoutAuth0User: EmployeeWithoutAuth0User[] = [];
  const present: { employee: ReportEmployee; user: IdentityUserProfile }[] = [];
  for (const employee of employees) {
    const unlinked = (byEmployeeId.get(employee.id) ?? []).map((user) => user.userId).filter((id) => id !== employee.auth0UserId);
    const user = employee.auth0UserId ? linked.get(employee.auth0UserId) : null;
    if (!employee.auth0UserId) employeesWithoutAuth0User.push({ employee, reason: 'NOT_LINKED', unlinkedAuth0UserIds: unlinked });
    else if (!user) employeesWithoutAuth0User.push({ employee, reason: 'LINKED_USER_MISSING', unlinkedAuth0UserIds: unlinked });
    else present.push({ employee, user });
  }

  const accessCandidates: AccessDrift[] = present
    .filter(({ user }) => user.blocked)
    .map(({ employee, user }) => ({ employee, auth0UserId: user.userId, kind: 'BLOCKED_IN_AUTH0_BUT_ACTIVE' as const }));
  // Deactivated employees are in no other check; their users should be blocked (a missing one is fine).
  const leavers = await deps.prisma.employee.findMany({
    where: { active: false, auth0UserId: { not: null }, ...(department !== null ? { department } : {}) },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  const leaverIds = leavers.map((employee) => employee.auth0UserId!);
  const leaverUsers = new Map<string, IdentityUserProfile | null>(
    leaverIds.flatMap((id) => (scannedById.has(id) ? [[id, scannedById.get(id)!] as const] : [])),
  );
  const unscannedLeavers = leaverIds.filter((id) => !scannedById.has(id));
  if (unscannedLeavers.length > 0) {
    for (const [id, user] of await readUsersByIds(directory, unscannedLeavers)) {
      if (user instanceof Error) throw user;
      leaverUsers.set(id, user);
    }
  }
  for (const employee of leavers) {
    const user = leaverUsers.get(employee.auth0UserId!);
    if (user && !user.blocked) accessCandidates.push({ employee, auth0UserId: user.userId, kind: 'ACTIVE_IN_AUTH0_BUT_DEACTIVATED' });
  }
  // The search trails writes (a block made a moment ago shows the old user): confirm each candidate with
  // the immediately consistent read. Candidates are few; a healthy tenant has none.
  const accessDrift: AccessDrift[] = [];
  for (const candidate of accessCandidates) {
    const fresh = await directory.getUserProfile(candidate.auth0UserId);
    if (fresh && fresh.blocked === (candidate.kind === 'BLOCKED_IN_AUTH0_BUT_ACTIVE')) accessDrift.push(candidate);
  }

  const roles = await readRoleNamesByUserIds(directory, new RoleReadState(), present.map(({ user }) => user.userId));
  const roleDrift: RoleDrift[] = [];
  const staleUnverified: StaleUnverified[] = [];
  for (const { employee, user } of present) {
    const held = roles.get(user.userId);
    if (held instanceof Error) throw held;
    const expectedRole = auth0RoleName(employee.role);
    const gatewayRoles = (held ?? []).filter((name) => GATEWAY_ROLE_NAMES.has(name));
    if (gatewayRoles.length !== 1 || gatewayRoles[0] !== expectedRole) {
      roleDrift.push({ employee, auth0UserId: user.userId, expectedRole, auth0Roles: [...(held ?? [])].sort() });
    }
    const accountCreatedAt = employee.auth0AccountCreatedAt ?? user.createdAt;
    const days = (now.getTime() - accountCreatedAt.getTime()) / DAY_MS;
    if (isAwaitingVerification(employee.auth0SyncStatus) && !user.emailVerified && days > unverifiedForDays) {
      staleUnverified.push({ employee, auth0UserId: user.userId, accountCreatedAt, daysUnverified: Math.floor(days) });
    }
  }


  return {
    generatedAt: now,
    department,
    unverifiedForDays,
    employeesChecked: employees.length,
    auth0UsersScanned: scanned.length,
    employeesWithoutAuth0User,
    orphanedAuth0Users: orphanedAuth0Users.sort((a, b) => a.user.createdAt.getTime() - b.user.createdAt.getTime()),
    duplicateAuth0Users,
    roleDrift,
    accessDrift,
    staleUnverified,
    unlinkedAuth0Accounts: await findUnlinkedAccounts(deps, connectionUsers, { department }),
    connectionUsersScanned: connectionUsers.length,
  };
}

function isAwaitingVerification(status: Auth0SyncStatus): boolean {
  return status === 'CREATED';
}

async function existingEmployees(prisma: PrismaClient, ids: string[]): Promise<Set<string>> {
  const uuids = ids.filter(isUuid);
  const found = new Set<string>();
  for (let i = 0; i < uuids.length; i += 1000) {
    const rows = await prisma.employee.findMany({ where: { id: { in: uuids.slice(i, i + 1000) } }, select: { id: true } });
    for (const row of rows) found.add(row.id);
  }
  return found;
}
