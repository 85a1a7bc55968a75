// /scim/v2 on the gateway's HTTP server, ahead of GraphQL: the SCIM token (Authorization: Bearer) names the
// caller; the request is routed, answered in application/scim+json, audited (actor `scim:<token name>`;
// the row is written as the answer goes out) and logged without its body, query values or token. A `password` in a body is dropped here, before
// anything else reads it: onboarding stays the invitation.
import type { Plugin } from 'graphql-yoga';
import type { Services } from '../composition/services.ts';
import type { Logger } from '../logger.ts';
import { scimActor } from '../services/scim-tokens.ts';
import { isUuid } from '../services/uuid.ts';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery.ts';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups-routes.ts';
import type { ScimRequest } from './scim-context.ts';
import { RateLimitedError } from '../services/errors.ts';
import { errorResponse, rateLimited, ScimError, scimResponse } from './scim-errors.ts';
import { withoutPassword } from './scim-password.ts';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users-routes.ts';

export const SCIM_PATH = '/scim/v2';
const MAX_BODY_BYTES = 1024 * 1024;

type Handler = (scim: ScimRequest, id: string) => Promise<Response>;

const ROUTES: Record<string, { collection: Partial<Record<string, Handler>>; item: Partial<Record<string, Handler>> }> = {
  users: {
    collection: { GET: listUsers, POST: createUser },
    item: { GET: getUser, PUT: replaceUser, PATCH: patchUser, DELETE: deleteUser },
  },
  groups: {
    collection: { GET: listGroups, POST: createGroup },
    item: { GET: getGroup, PUT: replaceGroup, PATCH: patchGroup, DELETE: deleteGroup },
  },
  serviceproviderconfig: { collection: { GET: async (scim) => scimResponse(serviceProviderConfig(scim.baseUrl)) }, item: {} },
  schemas: { collection: { GET: async (scim) => scimResponse(schemas(scim.baseUrl, undefined)) }, item: { GET: async (scim, id) => scimResponse(schemas(scim.baseUrl, id)) } },
  resourcetypes: {
    collection: { GET: async (scim) => scimResponse(resourceTypes(scim.baseUrl, undefined)) },
    item: { GET: async (scim, id) => scimResponse(resourceTypes(scim.baseUrl, id)) },
  },
};

export function scimEndpoint(options: { services: Services; logger: Logger }): Plugin {
  return {
    async onRequest({ url, request, endResponse }) {
      if (url.pathname !== SCIM_PATH && !url.pathname.startsWith(`${SCIM_PATH}/`)) return;
      endResponse(await serve(options, request, url));
    },
  };
}

async function serve(options: { services: Services; logger: Logger }, request: Request, url: URL): Promise<Response> {
  const started = performance.now();
  const [resource = '', id, extra] = url.pathname.slice(SCIM_PATH.length + 1).split('/').map(decodeURIComponent);
  const route = ROUTES[resource.toLowerCase()];
  const caller = await authenticate(options.services, request);
  if (!caller) {
    options.logger.warn({ scim: { method: request.method, resource } }, 'SCIM request without a valid token');
    return errorResponse(new ScimError(401, 'A valid SCIM token is required (Authorization: Bearer <token>)'));
  }
  const actor = scimActor(caller, request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID());
  let response: Response;
  try {
    const handler = extra === undefined ? (id === undefined || id === '' ? route?.collection : route?.item)?.[request.method] : undefined;
    if (!route || extra !== undefined) throw new ScimError(404, 'No such SCIM endpoint');
    if (!handler) throw new ScimError(405, `${request.method} is not supported here`);
    await spendShare(options.services, caller.name, resource, request.method);
    response = await handler({ request, url, actor, services: options.services, baseUrl: `${url.origin}${SCIM_PATH}`, body: () => readBody(request) }, id ?? '');
  } catch (error) {
    if (!(error instanceof ScimError)) {
      options.logger.error({ err: error, scim: { method: request.method, resource } }, 'SCIM request failed');
      error = new ScimError(500, 'Unexpected error (see the gateway log)');
    }
    response = errorResponse(error as ScimError);
  }
  const durationMs = Math.round(performance.now() - started);
  const detail = `${request.method} /${resource}${id ? '/{id}' : ''} -> ${response.status}`;
  options.logger.info({ scim: { client: caller.name, method: request.method, resource, status: response.status, durationMs } }, 'SCIM request');
  // The client does not wait for the request's audit row: it is written as the answer goes out, and the
  // gateway's close waits for it. What the request changed was audited in its own transaction already.
  // docs/design.md "SCIM tokens and the deprovisioning guard".
  void options.services.auditScimRequest(actor, { detail, httpStatus: response.status, durationMs, employeeId: resource.toLowerCase() === 'users' && id && isUuid(id) ? id : null }).catch((error: unknown) => {
    options.logger.error({ err: error }, 'SCIM request audit failed');
  });
  return response;
}

const SHARED_RESOURCES = new Set(['users', 'groups']);

/** Writes to Users and Groups count against the token's share (the per-caller limit GraphQL callers have too). */
async function spendShare(services: Services, tokenName: string, resource: string, method: string): Promise<void> {
  if (method === 'GET' || !SHARED_RESOURCES.has(resource.toLowerCase())) return;
  try {
    await services.callerLimits.consume(`scim:${tokenName}`, method === 'POST' ? 'create' : 'update');
  } catch (error) {
    if (error instanceof RateLimitedError) throw rateLimited(error.retryAfter);
    throw error;
  }
}

async function authenticate(services: Services, request: Request) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
  return match ? services.scimTokens.authenticate(match[1]!) : null;
}

async function readBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ScimError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  const type = request.headers.get('content-type') ?? '';
  if (type !== '' && !/^application\/(scim\+)?json\b/i.test(type)) throw new ScimError(415, 'Send application/scim+json');
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ScimError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  try {
    return withoutPassword(JSON.parse(text) as unknown);
  } catch {
    throw new ScimError(400, 'The body is not valid JSON', 'invalidSyntax');
  }
}
