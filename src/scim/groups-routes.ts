// /Groups: the four roles. Reads list them (members a page at a time); PATCH and PUT change members
// through assignRole's rules and answer 204 without listing members; creating, renaming or deleting a
// group is refused with a message that says why.
import type { Employee } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import { groupMembersWhere, groupsOf, highestRole, ROLE_ORDER } from '../services/directory.service.ts';
import { mayGrant } from '../services/employee-reach.ts';
import { isUuid } from '../services/uuid.ts';
import { groupMatches } from './resource-filters.ts';
import { groupFacts, roleCode, roleOfGroup, toScimGroup } from './group-resource.ts';
import { unwrap, type ScimRequest } from './scim-context.ts';
import { ScimError, scimResponse } from './scim-errors.ts';
import { isObject, type ScimObject } from './scim-object.ts';
import { DEFAULT_COUNT, listResponse, project, readQuery, type ScimQuery } from './scim-query.ts';
import { patchOperations, type PatchOperation } from './user-patch.ts';

const ROLES_ONLY = `Groups are the gateway's four roles (${ROLE_ORDER.map(roleCode).join(', ')})`;
/** Members read per query when a whole membership is replaced. */
const MEMBER_CHUNK = 1000;

export async function listGroups(scim: ScimRequest): Promise<Response> {
  const query = readQuery(scim.url.searchParams);
  const matching = ROLE_ORDER.filter((role) => !query.filter || groupMatches(query.filter, groupFacts(role)));
  const page = matching.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  const withMembers = wantsMembers(query);
  const groups = await Promise.all(
    page.map(async (role) => toScimGroup(role, scim.baseUrl, withMembers ? await membersPage(scim, role, 0, DEFAULT_COUNT) : undefined)),
  );
  return scimResponse(listResponse(query, matching.length, groups));
}

/** One group; its members are paged by startIndex/count (default the first 100), so a large role stays cheap. */
export async function getGroup(scim: ScimRequest, id: string): Promise<Response> {
  const role = existingRole(id);
  const query = readQuery(scim.url.searchParams);
  const members = wantsMembers(query) ? await membersPage(scim, role, query.startIndex - 1, query.count) : undefined;
  return scimResponse(project(toScimGroup(role, scim.baseUrl, members), query), 200, { location: `${scim.baseUrl}/Groups/${id}` });
}

export async function createGroup(scim: ScimRequest): Promise<Response> {
  const body = await scim.body();
  const name = isObject(body) && typeof body.displayName === 'string' ? body.displayName : '';
  if (roleOfGroup(name)) throw new ScimError(409, `${ROLES_ONLY}; this one exists already: link to it instead of creating it`, 'uniqueness');
  throw new ScimError(403, `${ROLES_ONLY}; groups cannot be created: push or link a group named after one of them`);
}

export async function deleteGroup(_scim: ScimRequest, id: string): Promise<Response> {
  existingRole(id);
  throw new ScimError(403, `${ROLES_ONLY}; groups cannot be deleted: unlink the group in the identity provider and leave it here`);
}

/** PUT: the same displayName (renames are refused) and, when members are sent, exactly those members. */
export async function replaceGroup(scim: ScimRequest, id: string): Promise<Response> {
  const role = existingRole(id);
  const body = await scim.body();
  if (!isObject(body)) throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax');
  checkName(role, body.displayName);
  if (body.members !== undefined) await replaceMembers(scim, role, memberIds(body.members));
  return scimResponse(null, 204);
}

/** PATCH: member add/remove (RFC form, and Entra's remove with a value list), full replace, same-name replace. */
export async function patchGroup(scim: ScimRequest, id: string): Promise<Response> {
  const role = existingRole(id);
  const operations = patchOperations(await scim.body());
  for (const operation of operations) checkOperation(role, operation);
  for (const operation of operations) await applyOperation(scim, role, operation);
  return scimResponse(null, 204);
}

/** Everything that can be refused without touching an employee is refused before the first change. */
function checkOperation(role: EmployeeRole, operation: PatchOperation): void {
  const path = operation.path;
  if (path === undefined) {
    const value = operation.value as ScimObject;
    if ('displayName' in value) checkName(role, value.displayName);
    if ('members' in value) memberIds(value.members);
    return;
  }
  if (path === 'displayName') return checkName(role, operation.value);
  if (path === 'members' && operation.op === 'remove' && operation.value === undefined) {
    throw new ScimError(400, 'Removing every member at once is not accepted: remove members one by one', 'invalidValue');
  }
  if (path === 'members') return void memberIds(operation.value);
  if (/^members\[value eq "[^"]*"\]$/.test(path) && operation.op === 'remove') return;
  throw new ScimError(400, 'Group PATCH paths: members, members[value eq "<id>"], displayName', 'invalidPath');
}

async function applyOperation(scim: ScimRequest, role: EmployeeRole, operation: PatchOperation): Promise<void> {
  const path = operation.path;
  const members = path === undefined ? (operation.value as ScimObject).members : path === 'members' ? operation.value : undefined;
  const filtered = path ? /^members\[value eq "([^"]*)"\]$/.exec(path)?.[1] : undefined;
  if (filtered !== undefined) return changeMembers(scim, role, [filtered], 'remove');
  if (members === undefined) return;
  if (operation.op === 'replace') return replaceMembers(scim, role, memberIds(members));
  return changeMembers(scim, role, memberIds(members), operation.op);
}

async function changeMembers(scim: ScimRequest, role: EmployeeRole, ids: readonly string[], op: 'add' | 'remove'): Promise<void> {
  const employees = await Promise.all(ids.map((id) => member(scim, id)));
  const changes = employees
    .map((employee) => {
      const groups = groupsOf(employee);
      return { employee, groups, wanted: op === 'add' ? [...groups, role] : groups.filter((group) => group !== role) };
    })
    .filter(({ groups, wanted }) => wanted.length !== groups.length || !wanted.every((group) => groups.includes(group)));
  // Every member judged before the first change: one refused member leaves the others untouched too.
  // (assignRole judges again, and audits a refusal, when the change is made.)
  const refused = changes.find(({ employee, wanted }) => !mayGrant(scim.actor, employee.role, highestRole(wanted)));
  if (refused) unwrap(await scim.services.setDirectoryGroups(scim.actor, refused.employee, refused.wanted));
  for (const { employee, wanted } of changes) unwrap(await scim.services.setDirectoryGroups(scim.actor, employee, wanted));
}

/** Exactly these members: the others leave the group, the missing ones join it. */
async function replaceMembers(scim: ScimRequest, role: EmployeeRole, ids: readonly string[]): Promise<void> {
  const wanted = new Set(ids);
  const current: Employee[] = [];
  for (let skip = 0; ; skip += MEMBER_CHUNK) {
    const { employees } = await scim.services.listDirectoryEmployees(groupMembersWhere(role), { skip, take: MEMBER_CHUNK });
    current.push(...employees);
    if (employees.length < MEMBER_CHUNK) break;
  }
  const leaving = current.filter((employee) => !wanted.has(employee.id)).map((employee) => employee.id);
  const present = new Set(current.map((employee) => employee.id));
  await changeMembers(scim, role, ids.filter((id) => !present.has(id)), 'add');
  await changeMembers(scim, role, leaving, 'remove');
}

async function member(scim: ScimRequest, id: string): Promise<Employee> {
  const employee = isUuid(id) ? await scim.services.directoryEmployee(id) : null;
  if (!employee) throw new ScimError(400, 'A member is not a known user id', 'invalidValue');
  return employee;
}

function memberIds(members: unknown): string[] {
  if (!Array.isArray(members)) throw new ScimError(400, 'members must be a list of { value: <user id> }', 'invalidValue');
  return members.map((entry) => {
    if (!isObject(entry) || typeof entry.value !== 'string') throw new ScimError(400, 'members must be a list of { value: <user id> }', 'invalidValue');
    return entry.value;
  });
}

function checkName(role: EmployeeRole, name: unknown): void {
  if (name === undefined) return;
  if (typeof name !== 'string' || roleOfGroup(name) !== role) throw new ScimError(400, `${ROLES_ONLY}; groups cannot be renamed`, 'mutability');
}

function existingRole(id: string): EmployeeRole {
  const role = roleOfGroup(id);
  if (!role) throw new ScimError(404, 'No such group');
  return role;
}

function wantsMembers(query: ScimQuery): boolean {
  if (query.excludedAttributes.includes('members')) return false;
  return query.attributes === null || query.attributes.some((name) => name === 'members' || name.startsWith('members.'));
}

async function membersPage(scim: ScimRequest, role: EmployeeRole, skip: number, take: number): Promise<Employee[]> {
  return (await scim.services.listDirectoryEmployees(groupMembersWhere(role), { skip, take })).employees;
}
