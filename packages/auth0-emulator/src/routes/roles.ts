// /api/v2/roles, /api/v2/roles/{id}/users and /api/v2/users/{id}/roles (https://auth0.com/docs/manage-users/access-control/configure-core-rbac).
import { managementError, pathError, payloadError, queryError } from '../errors.ts';
import { newRoleId, ROLE_ID_PATTERN } from '../ids.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import type { Role, StoredUser } from '../state.ts';
import { lookUpUser } from '../user-writes.ts';
import { integerParam, pagingParams, rejectUnknownQuery, validateBody, type Paging } from '../validation.ts';

// Entity limits (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/entity-limit-policy): 1000 roles
// per tenant, 50 roles per user. The error texts are guesses.
const MAX_ROLES = 1000;
const MAX_ROLES_PER_USER = 50;

function roleJson(role: Role): Role {
  return { id: role.id, name: role.name, description: role.description };
}

function lookUpRole(services: Services, id: string): Role {
  if (!ROLE_ID_PATTERN.test(id)) {
    throw pathError(`String does not match pattern ^rol_[A-Za-z0-9]{16}$: ${id}`, 'id', 'ID of the role.');
  }
  const role = services.state.roles.get(id);
  // errorCode `inexistent_role` is a guess modelled on `inexistent_user`.
  if (!role) throw managementError(404, 'The role does not exist.', 'inexistent_role');
  return role;
}

function page<T>(items: T[], paging: Paging, key: string): unknown {
  const start = paging.page * paging.perPage;
  const slice = items.slice(start, start + paging.perPage);
  if (!paging.includeTotals) return slice;
  return { start, limit: paging.perPage, total: items.length, [key]: slice };
}

function listRoles(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['page', 'per_page', 'include_totals', 'name_filter']);
  const paging = pagingParams(ctx.query, 100);
  const filter = ctx.query.get('name_filter')?.toLowerCase();
  // name_filter is a case-insensitive substring match (the SDK's doc of GET /roles, from Auth0's OpenAPI:
  // https://github.com/auth0/node-auth0/blob/master/src/management/api/resources/roles/client/Client.ts).
  const roles = [...services.state.roles.values()]
    .filter((role) => !filter || role.name.toLowerCase().includes(filter))
    .map(roleJson);
  return { status: 200, body: page(roles, paging, 'roles') };
}

function createRole(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(
    ctx.body,
    {
      name: { type: 'string', description: 'Name of the role.' },
      description: { type: 'string', description: 'Description of the role.' },
    },
    ['name'],
  );
  const name = body.name as string;
  if (name.length === 0) throw payloadError('String is too short (0 chars), minimum 1', 'name', 'Name of the role.');
  const { roles } = services.state;
  if (services.state.roleByName(name)) {
    throw managementError(409, `Role with name "${name}" already exists.`, 'role_conflict');
  }
  if (roles.size >= MAX_ROLES) throw managementError(400, `You have reached the limit of ${MAX_ROLES} roles.`, 'too_many_entities');
  const role: Role = { id: newRoleId(), name, description: (body.description as string | undefined) ?? '' };
  roles.set(role.id, role);
  // 200 rather than 201: the exact code is a guess.
  return { status: 200, body: roleJson(role) };
}

function getRole(ctx: RequestContext, services: Services): HandlerResult {
  return { status: 200, body: roleJson(lookUpRole(services, ctx.params.id as string)) };
}

function idList(body: unknown, property: 'roles' | 'users', description: string): string[] {
  const object = validateBody(body, { [property]: { type: 'array', description } }, [property]);
  const ids = object[property] as unknown[];
  if (ids.length === 0) throw payloadError('Array is too short (0), minimum 1', property, description);
  for (const id of ids) {
    if (typeof id !== 'string') throw payloadError(`Expected type string but found type ${typeof id}`, property, description);
  }
  return ids as string[];
}

function roleIdList(services: Services, body: unknown): string[] {
  const ids = idList(body, 'roles', 'List of roles IDs to associate with the user.');
  for (const id of ids) {
    if (!ROLE_ID_PATTERN.test(id)) {
      throw payloadError(`String does not match pattern ^rol_[A-Za-z0-9]{16}$: ${id}`, 'roles', 'List of roles IDs to associate with the user.');
    }
    if (!services.state.roles.has(id)) throw managementError(404, 'The role does not exist.', 'inexistent_role');
  }
  return ids;
}

function assign(stored: StoredUser, roleIds: string[]): StoredUser {
  const next = [...stored.roleIds];
  for (const id of roleIds) if (!next.includes(id)) next.push(id);
  if (next.length > MAX_ROLES_PER_USER) {
    throw managementError(400, `A user cannot have more than ${MAX_ROLES_PER_USER} roles.`, 'too_many_roles');
  }
  return { ...stored, roleIds: next };
}

function listUserRoles(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['page', 'per_page', 'include_totals']);
  const paging = pagingParams(ctx.query, 100);
  const stored = lookUpUser(services, ctx.params.id as string);
  const roles = stored.roleIds.flatMap((id) => {
    const role = services.state.roles.get(id);
    return role ? [roleJson(role)] : [];
  });
  return { status: 200, body: page(roles, paging, 'roles') };
}

function assignUserRoles(ctx: RequestContext, services: Services): HandlerResult {
  const roleIds = roleIdList(services, ctx.body);
  const stored = lookUpUser(services, ctx.params.id as string);
  // Role assignments are not part of the user document: the search index is untouched.
  services.state.putUser(assign(stored, roleIds));
  return { status: 204 };
}

function removeUserRoles(ctx: RequestContext, services: Services): HandlerResult {
  const roleIds = roleIdList(services, ctx.body);
  const stored = lookUpUser(services, ctx.params.id as string);
  services.state.putUser({ ...stored, roleIds: stored.roleIds.filter((id) => !roleIds.includes(id)) });
  return { status: 204 };
}

function listRoleUsers(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['page', 'per_page', 'include_totals', 'from', 'take']);
  const role = lookUpRole(services, ctx.params.id as string);
  const members = [...services.state.users.values()]
    .filter((stored) => stored.roleIds.includes(role.id))
    .map(({ user }) => ({
      user_id: user.user_id,
      email: user.email,
      ...(user.picture !== undefined ? { picture: user.picture } : {}),
      ...(user.name !== undefined ? { name: user.name } : {}),
    }));
  if (ctx.query.has('from') || ctx.query.has('take')) {
    // Checkpoint pagination (what the SDK uses): `next` is an opaque cursor, absent on the last page.
    const take = integerParam(ctx.query, 'take', 50, 1, 100, 'Number of results per page. Defaults to 50.');
    const from = decodeCursor(ctx.query.get('from'));
    const users = members.slice(from, from + take);
    const body: Record<string, unknown> = { users };
    if (from + take < members.length) body.next = Buffer.from(String(from + take)).toString('base64url');
    return { status: 200, body };
  }
  return { status: 200, body: page(members, pagingParams(ctx.query, 100), 'users') };
}

function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(offset) || offset < 0) throw queryError(`Invalid checkpoint: ${cursor}`, 'from');
  return offset;
}

function assignRoleUsers(ctx: RequestContext, services: Services): HandlerResult {
  const userIds = idList(ctx.body, 'users', 'user_id\'s of the users to assign the role to.');
  const role = lookUpRole(services, ctx.params.id as string);
  const updated = userIds.map((id) => assign(lookUpUser(services, id), [role.id]));
  for (const stored of updated) services.state.putUser(stored);
  // 200 "Role users successfully updated." with no documented body (the SDK's doc of POST /roles/{id}/users:
  // https://github.com/auth0/node-auth0/blob/master/src/management/api/resources/roles/resources/users/client/Client.ts).
  return { status: 200 };
}

export const roleRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/api/v2/roles', kind: 'management', scopes: ['read:roles'], handler: listRoles },
  { method: 'POST', template: '/api/v2/roles', kind: 'management', scopes: ['create:roles'], handler: createRole },
  { method: 'GET', template: '/api/v2/roles/:id', kind: 'management', scopes: ['read:roles'], handler: getRole },
  { method: 'GET', template: '/api/v2/roles/:id/users', kind: 'management', scopes: ['read:role_members', 'read:users'], handler: listRoleUsers },
  {
    method: 'POST',
    template: '/api/v2/roles/:id/users',
    kind: 'management',
    scopes: ['create:role_members', 'update:roles'],
    handler: assignRoleUsers,
  },
  { method: 'GET', template: '/api/v2/users/:id/roles', kind: 'management', scopes: ['read:role_members', 'read:users', 'read:roles'], handler: listUserRoles },
  {
    method: 'POST',
    template: '/api/v2/users/:id/roles',
    kind: 'management',
    scopes: ['create:role_members', 'update:users'],
    handler: assignUserRoles,
  },
  {
    method: 'DELETE',
    template: '/api/v2/users/:id/roles',
    kind: 'management',
    scopes: ['delete:role_members', 'update:users'],
    handler: removeUserRoles,
  },
];

