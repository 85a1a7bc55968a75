// /api/v2/users, /api/v2/users/{id} and /api/v2/users-by-email (https://auth0.com/docs/manage-users/user-accounts/create-users,
// https://auth0.com/docs/manage-users/user-search/get-users-by-id-or-email).
import { createHash } from 'node:crypto';
import { checkPassword } from '../password-policy.ts';
import { parseSearchQuery, matchesSearchQuery, requiredValues, SearchQueryError } from '../search-query.ts';
import { managementError, payloadError, queryError } from '../errors.ts';
import { objectIdHex } from '../ids.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import type { Auth0User, StoredUser } from '../state.ts';
import { lookUpUser, originOf, removeUser, saveUser, sendVerificationEmail } from '../user-writes.ts';
import {
  booleanParam,
  isEmail,
  pagingParams,
  projectFields,
  rejectUnknownQuery,
  validateBody,
  type ObjectSpec,
} from '../validation.ts';

const SEARCH_CAP = 1000;

const CREATE_SPEC: ObjectSpec = {
  email: { type: 'string', description: "The user's email." },
  phone_number: { type: 'string', description: "The user's phone number (following the E.164 recommendation)." },
  user_metadata: { type: 'object', description: 'Data related to the user that does not affect the application\'s core functionality.' },
  blocked: { type: 'boolean', description: 'Whether this user was blocked by an administrator (true) or not (false).' },
  email_verified: { type: 'boolean', description: 'Whether this email address is verified (true) or unverified (false).' },
  phone_verified: { type: 'boolean', description: 'Whether this phone number has been verified (true) or not (false).' },
  app_metadata: { type: 'object', description: 'Data related to the user that does affect the application\'s core functionality.' },
  given_name: { type: 'string', description: "The user's given name(s)." },
  family_name: { type: 'string', description: "The user's family name(s)." },
  name: { type: 'string', description: "The user's full name." },
  nickname: { type: 'string', description: "The user's nickname." },
  picture: { type: 'string', description: 'A URI pointing to the user\'s picture.' },
  user_id: { type: 'string', description: 'The external user\'s id provided by the identity provider.' },
  connection: { type: 'string', description: 'Name of the connection this user should be created in.' },
  password: { type: 'string', description: 'Initial password for this user. Only valid for auth0 connection strategy.' },
  verify_email: { type: 'boolean', description: 'Whether the user will receive a verification email after creation (true) or no email (false).' },
  username: { type: 'string', description: "The user's username. Only valid if the connection requires a username." },
};

// Auth0 lets "supported attributes" be unset with null (the SDK's doc of PATCH /users/{id}, from Auth0's OpenAPI:
// https://github.com/auth0/node-auth0/blob/master/src/management/api/resources/users/client/Client.ts); these are the
// profile fields for which that is meaningful. Which exact set Auth0 accepts is not documented.
const NULLABLE_ON_UPDATE = new Set([
  'given_name', 'family_name', 'name', 'nickname', 'picture', 'phone_number', 'username', 'user_metadata', 'app_metadata',
]);

const UPDATE_SPEC: ObjectSpec = {
  ...Object.fromEntries(
    Object.entries(CREATE_SPEC)
      .filter(([key]) => key !== 'user_id')
      .map(([key, spec]) => [key, { ...spec, nullable: NULLABLE_ON_UPDATE.has(key) }]),
  ),
  connection: { type: 'string', description: 'Name of the connection to target for this user update.' },
  client_id: { type: 'string', description: 'Auth0 client ID. Only valid when updating email address.' },
  verify_phone_number: { type: 'boolean', description: 'Whether this user will receive a text after changing the phone number (true) or no text (false).' },
  verify_password: { type: 'boolean', description: 'Whether this user will receive a verification email to confirm the new password.' },
};

// app_metadata may not hold these root properties (https://auth0.com/docs/manage-users/user-accounts/metadata/metadata-fields-data).
const RESERVED_APP_METADATA = new Set([
  '__tenant', '_id', 'blocked', 'clientID', 'created_at', 'email_verified', 'email', 'globalClientID', 'global_client_id',
  'identities', 'lastIP', 'lastLogin', 'loginsCount', 'metadata', 'multifactor', 'multifactor_last_modified', 'updated_at', 'user_id',
]);

function checkMetadata(property: 'user_metadata' | 'app_metadata', value: unknown): void {
  if (!value || typeof value !== 'object') return;
  const visit = (object: Record<string, unknown>) => {
    for (const [key, inner] of Object.entries(object)) {
      if (key.includes('.') || key.includes('$')) {
        throw payloadError(`Metadata keys must not contain "." or "$": ${key}`, property);
      }
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) visit(inner as Record<string, unknown>);
    }
  };
  visit(value as Record<string, unknown>);
  if (property === 'app_metadata') {
    const reserved = Object.keys(value).filter((key) => RESERVED_APP_METADATA.has(key));
    if (reserved.length > 0) throw payloadError(`Reserved property names not allowed: ${reserved.join(',')}`, property);
  }
}

function checkEmailFormat(email: string): void {
  if (!isEmail(email)) {
    throw payloadError(`Object didn't pass validation for format email: ${email}`, 'email', "The user's email.");
  }
}

function gravatar(email: string): string {
  const hash = createHash('md5').update(email).digest('hex');
  const initials = (email.split('@')[0] ?? '').replace(/[^a-z]/gi, '').slice(0, 2).toLowerCase() || 'xx';
  return `https://s.gravatar.com/avatar/${hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}

function createUser(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(ctx.body, CREATE_SPEC, ['connection']);
  const { state } = services;
  if (body.connection !== state.connection.name) {
    throw managementError(400, 'The connection does not exist.', 'inexistent_connection');
  }
  if (body.username !== undefined && !state.connection.requiresUsername) {
    // Message as reported for username on an email-only connection; no documented source (a guess).
    throw payloadError('Cannot set username for connection without requires_username', 'username');
  }
  if (body.email === undefined) throw payloadError('Missing required property: email');
  if (body.password === undefined) throw payloadError('Missing required property: password');
  const email = String(body.email).toLowerCase();
  checkEmailFormat(email);
  checkMetadata('user_metadata', body.user_metadata);
  checkMetadata('app_metadata', body.app_metadata);

  const name = (body.name as string | undefined) ?? email;
  const nickname = (body.nickname as string | undefined) ?? email.split('@')[0] ?? email;
  const passwordProblem = checkPassword(services.config().passwordPolicy, body.password as string, {
    email,
    name,
    nickname,
    ...(typeof body.username === 'string' ? { username: body.username } : {}),
    ...(body.user_metadata ? { user_metadata: body.user_metadata as Record<string, unknown> } : {}),
  });
  if (passwordProblem) throw managementError(400, passwordProblem);

  const now = Date.now();
  const rawId = (body.user_id as string | undefined) ?? objectIdHex(now);
  const userId = `auth0|${rawId}`;
  // Email is the identifier of the connection: a second user with it, or a retried create whose first
  // attempt committed, gets Auth0's 409 (observed).
  if (state.users.has(userId) || state.findUserByEmail(state.connection.id, email)) {
    throw managementError(409, 'The user already exists.', 'auth0_idp_error');
  }
  const timestamp = new Date(now).toISOString();
  const emailVerified = (body.email_verified as boolean | undefined) ?? false;
  const user: Auth0User = {
    created_at: timestamp,
    email,
    email_verified: emailVerified,
    identities: [{ connection: state.connection.name, user_id: rawId, provider: 'auth0', isSocial: false }],
    name,
    nickname,
    picture: (body.picture as string | undefined) ?? gravatar(email),
    updated_at: timestamp,
    user_id: userId,
  };
  for (const key of ['given_name', 'family_name', 'phone_number', 'phone_verified', 'blocked', 'user_metadata', 'app_metadata'] as const) {
    if (body[key] !== undefined) (user as unknown as Record<string, unknown>)[key] = structuredClone(body[key]);
  }
  const stored: StoredUser = { user, connectionId: state.connection.id, roleIds: [] };
  saveUser(services, stored);
  services.logs.signup(originOf(ctx), { user, connectionId: stored.connectionId });
  // verify_email overrides; otherwise an unverified address gets the email (the SDK's doc of POST /users,
  // from Auth0's OpenAPI: https://github.com/auth0/node-auth0/blob/master/src/management/api/resources/users/client/Client.ts).
  const verify = (body.verify_email as boolean | undefined) ?? !emailVerified;
  if (verify) sendVerificationEmail(services, stored, 'signup');
  return { status: 201, body: user };
}

function getUser(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['fields', 'include_fields']);
  const stored = lookUpUser(services, ctx.params.id as string);
  return { status: 200, body: projectFields(stored.user, ctx.query) };
}

function updateUser(ctx: RequestContext, services: Services): HandlerResult {
  const body = validateBody(ctx.body, UPDATE_SPEC);
  const stored = lookUpUser(services, ctx.params.id as string);
  const { state } = services;
  if (body.password !== undefined) {
    for (const other of ['email', 'email_verified', 'username'] as const) {
      if (body[other] !== undefined) throw managementError(400, `Cannot update password and ${other} simultaneously`);
    }
  }
  if (body.username !== undefined && body.username !== null && !state.connection.requiresUsername) {
    throw payloadError('Cannot set username for connection without requires_username', 'username');
  }
  checkMetadata('user_metadata', body.user_metadata);
  checkMetadata('app_metadata', body.app_metadata);

  const user: Auth0User = structuredClone(stored.user);
  const record = user as unknown as Record<string, unknown>;
  let emailChanged = false;
  if (typeof body.email === 'string') {
    const email = body.email.toLowerCase();
    checkEmailFormat(email);
    const holder = state.findUserByEmail(stored.connectionId, email);
    // 400, not 409 (observed by three clients).
    if (holder && holder.user.user_id !== user.user_id) throw managementError(400, 'The specified new email already exists');
    emailChanged = email !== user.email;
    user.email = email;
  }
  if (typeof body.password === 'string') {
    const problem = checkPassword(services.config().passwordPolicy, body.password, {
      email: user.email,
      ...(user.name !== undefined ? { name: user.name } : {}),
      ...(user.nickname !== undefined ? { nickname: user.nickname } : {}),
      ...(user.username !== undefined ? { username: user.username } : {}),
      ...(user.user_metadata !== undefined ? { user_metadata: user.user_metadata } : {}),
    });
    if (problem) throw managementError(400, problem);
  }
  for (const key of ['given_name', 'family_name', 'name', 'nickname', 'picture', 'phone_number', 'username', 'blocked', 'phone_verified'] as const) {
    if (body[key] === undefined) continue;
    if (body[key] === null) delete record[key];
    else record[key] = body[key];
  }
  for (const key of ['user_metadata', 'app_metadata'] as const) {
    const patch = body[key];
    if (patch === undefined) continue;
    if (patch === null) {
      delete record[key];
      continue;
    }
    // First-level merge; a null value removes that key; nested objects are replaced whole (the SDK's doc of
    // PATCH /users/{id}: https://github.com/auth0/node-auth0/blob/master/src/management/api/resources/users/client/Client.ts).
    // A Map, not an object: a key named `__proto__` must stay data, not become a prototype.
    const merged = new Map(Object.entries(user[key] ?? {}));
    for (const [name, value] of Object.entries(patch as Record<string, unknown>)) {
      if (value === null) merged.delete(name);
      else merged.set(name, structuredClone(value));
    }
    record[key] = Object.fromEntries(merged);
  }
  // A new address is unverified unless the caller says otherwise (Auth0's documented-looking default).
  if (typeof body.email_verified === 'boolean') user.email_verified = body.email_verified;
  else if (emailChanged) user.email_verified = false;
  user.updated_at = new Date().toISOString();
  const updated: StoredUser = { ...stored, user };
  saveUser(services, updated);
  if (emailChanged && body.verify_email === true) sendVerificationEmail(services, updated, 'email_change');
  return { status: 200, body: user };
}

function deleteUser(ctx: RequestContext, services: Services): HandlerResult {
  // 204 whether or not the user existed (by design: https://github.com/auth0/node-auth0/issues/451).
  removeUser(services, ctx.params.id as string);
  return { status: 204 };
}

const SORTABLE = /^([A-Za-z_][\w.]*):(1|-1)$/;

function listUsers(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['page', 'per_page', 'include_totals', 'sort', 'connection', 'fields', 'include_fields', 'q', 'search_engine', 'primary_order']);
  const paging = pagingParams(ctx.query, 100);
  booleanParam(ctx.query, 'primary_order', true, 'If true (default), results are returned in a deterministic order.');
  const engine = ctx.query.get('search_engine');
  if (engine !== null && !['v1', 'v2', 'v3'].includes(engine)) {
    throw queryError(`No enum match for: ${engine}`, 'search_engine', 'The version of the search engine');
  }
  if (engine === 'v1') throw managementError(400, 'You are not allowed to use search_engine=v1.', 'operation_not_supported');
  const sortRaw = ctx.query.get('sort');
  const sort = sortRaw ? SORTABLE.exec(sortRaw) : null;
  if (sortRaw && !sort) {
    throw queryError(`String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: ${sortRaw}`, 'sort', 'Field to sort by.');
  }
  if (paging.page * paging.perPage >= SEARCH_CAP) {
    // errorCode is a guess (the message is observed).
    throw managementError(
      400,
      'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation',
      'invalid_paging',
    );
  }
  const q = ctx.query.get('q');
  let matches: Auth0User[];
  if (q !== null && q.trim() !== '') {
    let query;
    try {
      query = parseSearchQuery(q);
    } catch (error) {
      if (error instanceof SearchQueryError) throw queryError(error.message, 'q', 'Query in Lucene query string syntax.');
      throw error;
    }
    const ids = requiredValues(query, 'user_id');
    matches = services.state
      .indexedUsers(Date.now(), ids ?? undefined)
      .filter((user) => matchesSearchQuery(query, user as unknown as Record<string, unknown>));
  } else {
    matches = services.state.indexedUsers(Date.now());
  }
  const [, sortField = 'created_at', direction = '1'] = sort ?? [];
  matches.sort((a, b) => compareBy(a, b, sortField) * Number(direction) || a.user_id.localeCompare(b.user_id));
  // Search returns at most 1000 users (https://auth0.com/docs/manage-users/user-search/list-and-search-users); `total`
  // reports what can be paged through (a guess).
  const capped = matches.slice(0, SEARCH_CAP);
  const start = paging.page * paging.perPage;
  const users = capped.slice(start, start + paging.perPage).map((user) => projectFields(user, ctx.query));
  if (!paging.includeTotals) return { status: 200, body: users };
  return { status: 200, body: { start, limit: paging.perPage, length: users.length, total: capped.length, users } };
}

function compareBy(a: Auth0User, b: Auth0User, field: string): number {
  const left = readPath(a, field);
  const right = readPath(b, field);
  if (left === right) return 0;
  if (left === undefined) return 1;
  if (right === undefined) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

function readPath(object: unknown, path: string): unknown {
  let value = object;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function usersByEmail(ctx: RequestContext, services: Services): HandlerResult {
  rejectUnknownQuery(ctx.query, ['email', 'fields', 'include_fields']);
  const email = ctx.query.get('email');
  if (email === null || email === '') throw queryError('Missing required property: email');
  if (!isEmail(email)) throw queryError(`Object didn't pass validation for format email: ${email}`, 'email', 'Email address to search for (case-sensitive).');
  // Exact, case-sensitive comparison with the stored (lower-cased) address; immediately consistent.
  // One entry per connection holding the address (the emulator has one database connection).
  const { state } = services;
  const users = [state.findUserByEmail(state.connection.id, email)]
    .filter((stored): stored is StoredUser => stored !== undefined)
    .map((stored) => projectFields(stored.user, ctx.query));
  return { status: 200, body: users };
}

export const userRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/api/v2/users', kind: 'management', scopes: ['read:users'], handler: listUsers },
  { method: 'POST', template: '/api/v2/users', kind: 'management', scopes: ['create:users'], handler: createUser },
  { method: 'GET', template: '/api/v2/users-by-email', kind: 'management', scopes: ['read:users'], handler: usersByEmail },
  { method: 'GET', template: '/api/v2/users/:id', kind: 'management', scopes: ['read:users', 'read:current_user'], handler: getUser },
  {
    method: 'PATCH',
    template: '/api/v2/users/:id',
    kind: 'management',
    scopes: ['update:users', 'update:users_app_metadata', 'update:current_user_metadata'],
    handler: updateUser,
  },
  { method: 'DELETE', template: '/api/v2/users/:id', kind: 'management', scopes: ['delete:users', 'delete:current_user'], handler: deleteUser },
];

