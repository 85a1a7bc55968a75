// The control API under /__emulator/: exists only in the emulator, is never rate limited or faulted,
// and is what tests and the gateway's tooling use to set up, inspect and steer the fake tenant.
import { z } from 'zod';
import { ASSERTION_ALGORITHMS } from '../client-assertion.ts';
import { permissionsForRoles } from '../caller-roles.ts';
import { ConfigError } from '../config.ts';
import { managementError } from '../errors.ts';
import { alphanumeric, newClientGrantId, newTicketSecret } from '../ids.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import type { Client } from '../state.ts';
import { checkPassword } from '../password-policy.ts';
import { lookUpUser, markVerified, setPasswordFromTicket } from '../user-writes.ts';

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw managementError(400, result.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; '), 'invalid_body');
  }
  return result.data;
}

function configure(ctx: RequestContext, services: Services): HandlerResult {
  try {
    return { status: 200, body: services.configure(ctx.body ?? {}) };
  } catch (error) {
    if (error instanceof ConfigError) throw managementError(400, error.message, 'invalid_config');
    throw error;
  }
}

function users(_ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  return {
    status: 200,
    body: [...state.users.values()].map((stored) => ({
      ...stored.user,
      // Emulator-only field: the names of the roles assigned to the user.
      roles: stored.roleIds.flatMap((id) => state.roles.get(id)?.name ?? []),
    })),
  };
}

const verifySchema = z.strictObject({ user_id: z.string().min(1) });

function verify(ctx: RequestContext, services: Services): HandlerResult {
  const { user_id: userId } = parse(verifySchema, ctx.body);
  const updated = markVerified(services, lookUpUser(services, userId), { ip: ctx.ip, userAgent: ctx.userAgent }, newTicketSecret());
  return { status: 200, body: updated.user };
}

const setPasswordSchema = z
  .strictObject({ ticket: z.string().min(1).optional(), user_id: z.string().min(1).optional(), password: z.string().min(1).optional() })
  .refine((body) => (body.ticket === undefined) !== (body.user_id === undefined), { message: 'give ticket or user_id, not both' });

/**
 * The employee opened the change-password link and chose a password: the ticket (from the outbox) is
 * used up, `email_verified` becomes true and `scp` is logged. With `user_id` instead of a ticket, the
 * user's newest unused change-password ticket is used; 400 when there is none.
 */
function setPassword(ctx: RequestContext, services: Services): HandlerResult {
  const request = parse(setPasswordSchema, ctx.body);
  const { state } = services;
  let ticket = request.ticket !== undefined ? state.tickets.get(request.ticket) : undefined;
  if (request.user_id !== undefined) {
    lookUpUser(services, request.user_id);
    ticket = [...state.tickets.values()].reverse().find((candidate) => candidate.kind === 'password-change' && candidate.user_id === request.user_id);
  }
  if (!ticket || ticket.kind !== 'password-change' || ticket.expires_at < Date.now()) {
    throw managementError(400, 'This ticket is invalid or has expired.', 'invalid_ticket');
  }
  const stored = lookUpUser(services, ticket.user_id);
  if (request.password !== undefined) {
    const problem = checkPassword(services.config().passwordPolicy, request.password, {
      email: stored.user.email,
      ...(stored.user.name !== undefined ? { name: stored.user.name } : {}),
      ...(stored.user.nickname !== undefined ? { nickname: stored.user.nickname } : {}),
    });
    if (problem) throw managementError(400, problem);
  }
  state.tickets.delete(ticket.secret);
  const updated = setPasswordFromTicket(services, stored, { ip: ctx.ip, userAgent: ctx.userAgent }, ticket.secret);
  return { status: 200, body: updated.user };
}

const secretSchema = z.strictObject({ client_secret: z.string().min(1).optional() });

/** Rotates a client's secret (as the Dashboard's "Rotate" does); tokens issued before stay valid, as in Auth0. */
function rotateClientSecret(ctx: RequestContext, services: Services): HandlerResult {
  const request = parse(secretSchema, ctx.body);
  const client = services.state.clients.get(ctx.params.id as string);
  if (!client) throw managementError(404, 'Client not found.', 'inexistent_client');
  client.client_secret = request.client_secret ?? alphanumeric(64);
  return { status: 200, body: { client_id: client.client_id, client_secret: client.client_secret } };
}

/**
 * Every Management API token issued so far answers 401 from now on (Auth0 cannot revoke tokens, but a
 * signing-key rotation has this effect); new tokens from /oauth/token work.
 */
function invalidateTokens(_ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  for (const token of state.issuedTokens) state.invalidatedTokens.add(token);
  return { status: 200, body: { invalidated: state.issuedTokens.size } };
}

const tokenSchema = z.strictObject({
  sub: z.string().min(1),
  permissions: z.array(z.string()).optional(),
  roles: z.array(z.string()).optional(),
  expiresIn: z.number().int().positive().max(2_592_000).optional(),
  scope: z.string().optional(),
});

/** Namespaced claim carrying role names (Auth0 adds such claims only through an Action). */
export const ROLES_CLAIM = 'https://employee-gateway/roles';

async function mintCallerToken(ctx: RequestContext, services: Services): Promise<HandlerResult> {
  const request = parse(tokenSchema, ctx.body);
  const roles = request.roles ?? [];
  let permissions = request.permissions ?? [];
  if (roles.length > 0) {
    // Roles are checked against the caller-role table even when explicit permissions win.
    const resolved = permissionsForRoles(services.state.seed.callerRoles, roles);
    if ('problem' in resolved) throw managementError(400, resolved.problem, 'invalid_body');
    permissions = request.permissions ?? resolved.permissions;
  }
  const expiresIn = request.expiresIn ?? 86_400;
  const accessToken = await services.tokens.sign(
    {
      sub: request.sub,
      aud: services.urls.apiAudience,
      azp: services.state.seed.clientId,
      scope: request.scope ?? 'openid profile email',
      permissions,
      ...(roles.length > 0 ? { [ROLES_CLAIM]: roles } : {}),
    },
    expiresIn,
  );
  return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn } };
}

const publicKeySchema = z.strictObject({
  pem: z.string().includes('-----BEGIN PUBLIC KEY-----', { message: 'an SPKI PEM public key' }),
  alg: z.enum(ASSERTION_ALGORITHMS).optional(),
});

const clientSchema = z.strictObject({
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
  /** private_key_jwt credentials (at most 2, as in Auth0); the client then has no secret. */
  public_keys: z.array(publicKeySchema).min(1).max(2).optional(),
  name: z.string().optional(),
  grant_types: z.array(z.string()).optional(),
  grants: z.array(z.strictObject({ audience: z.string(), scope: z.array(z.string()) })).optional(),
});

/** Adds a client (and its grants) so tests can exercise the token endpoint's 403 paths and private_key_jwt. */
function createClient(ctx: RequestContext, services: Services): HandlerResult {
  const request = parse(clientSchema, ctx.body);
  if (request.public_keys && request.client_secret) throw managementError(400, 'give client_secret or public_keys, not both', 'invalid_body');
  const { state } = services;
  const client: Client = {
    client_id: request.client_id ?? alphanumeric(32),
    ...(request.public_keys
      ? { private_key_jwt_credentials: request.public_keys.map((key) => ({ id: `cred_${alphanumeric(16)}`, alg: key.alg ?? 'RS256', pem: key.pem })) }
      : { client_secret: request.client_secret ?? alphanumeric(64) }),
    name: request.name ?? 'Test client',
    app_type: 'non_interactive' as const,
    grant_types: request.grant_types ?? ['client_credentials'],
  };
  if (state.clients.has(client.client_id)) throw managementError(409, 'Client already exists.', 'client_conflict');
  for (const grant of request.grants ?? []) {
    const server = state.resourceServer(grant.audience);
    if (!server) throw managementError(404, `No resource server with identifier ${grant.audience}`, 'inexistent_resource_server');
    state.grants.push({ id: newClientGrantId(), client_id: client.client_id, audience: server.identifier, scope: grant.scope });
  }
  state.clients.set(client.client_id, client);
  return { status: 201, body: client };
}

const connectionClientsSchema = z.array(z.strictObject({ client_id: z.string().min(1), status: z.boolean() })).min(1).max(50);

/**
 * Enables or disables applications on the database connection, in the body shape of Auth0's
 * `PATCH /api/v2/connections/{id}/clients` ([{client_id, status}], at most 50). A disabled application's
 * change-password requests are refused.
 */
function setConnectionClients(ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  for (const { client_id: clientId, status } of parse(connectionClientsSchema, ctx.body)) {
    if (!state.clients.has(clientId)) throw managementError(404, 'Client not found.', 'inexistent_client');
    if (status) state.connectionDisabledClients.delete(clientId);
    else state.connectionDisabledClients.add(clientId);
  }
  return { status: 200, body: { disabled_clients: [...state.connectionDisabledClients] } };
}

/** Deletes a role and its assignments (as the Dashboard does), so clients can be tested against a tenant missing one. */
function deleteRole(ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  const id = ctx.params.id as string;
  if (!state.roles.delete(id)) throw managementError(404, 'The role does not exist.', 'inexistent_role');
  for (const stored of state.users.values()) stored.roleIds = stored.roleIds.filter((roleId) => roleId !== id);
  return { status: 204 };
}

function seeds(_ctx: RequestContext, services: Services): HandlerResult {
  const { state } = services;
  return {
    status: 200,
    body: {
      connection: { id: state.connection.id, name: state.connection.name, strategy: state.connection.strategy },
      roles: [...state.roles.values()],
      clients: [...state.clients.values()].map(({ client_id, name, grant_types, private_key_jwt_credentials }) => ({
        client_id,
        name,
        grant_types,
        token_endpoint_auth_method: private_key_jwt_credentials ? 'private_key_jwt' : 'client_secret_post',
      })),
      clientGrants: state.grants,
      resourceServers: state.resourceServers,
    },
  };
}

export const controlRoutes: RouteDefinition[] = [
  { method: 'POST', template: '/__emulator/reset', kind: 'control', handler: (_ctx, services) => (services.reset(), { status: 204 }) },
  { method: 'GET', template: '/__emulator/config', kind: 'control', handler: (_ctx, services) => ({ status: 200, body: services.config() }) },
  { method: 'PUT', template: '/__emulator/config', kind: 'control', handler: configure },
  { method: 'GET', template: '/__emulator/requests', kind: 'control', handler: (_ctx, services) => ({ status: 200, body: services.requestLog() }) },
  { method: 'GET', template: '/__emulator/emails', kind: 'control', handler: (_ctx, services) => ({ status: 200, body: services.state.emails }) },
  { method: 'GET', template: '/__emulator/logs', kind: 'control', handler: (_ctx, services) => ({ status: 200, body: services.state.logs }) },
  { method: 'GET', template: '/__emulator/users', kind: 'control', handler: users },
  { method: 'GET', template: '/__emulator/seeds', kind: 'control', handler: seeds },
  { method: 'POST', template: '/__emulator/verify', kind: 'control', handler: verify },
  { method: 'POST', template: '/__emulator/tokens', kind: 'control', handler: mintCallerToken },
  { method: 'POST', template: '/__emulator/clients', kind: 'control', handler: createClient },
  { method: 'POST', template: '/__emulator/clients/:id/secret', kind: 'control', handler: rotateClientSecret },
  { method: 'POST', template: '/__emulator/invalidate-tokens', kind: 'control', handler: invalidateTokens },
  { method: 'DELETE', template: '/__emulator/roles/:id', kind: 'control', handler: deleteRole },
  { method: 'POST', template: '/__emulator/set-password', kind: 'control', handler: setPassword },
  { method: 'PATCH', template: '/__emulator/connection/clients', kind: 'control', handler: setConnectionClients },
];
