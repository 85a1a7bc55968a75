// POST /oauth/token (client-credentials grant, https://auth0.com/docs/api/authentication/client-credential-flow/get-token)
// and the public discovery documents the gateway uses to verify caller tokens (JWKS, OpenID configuration).
import { timingSafeEqual } from 'node:crypto';
import { ASSERTION_ALGORITHMS, JWT_BEARER, verifyClientAssertion } from '../client-assertion.ts';
import { authApiError } from '../errors.ts';
import type { HandlerResult, RequestContext, RouteDefinition, Services } from '../router.ts';
import { markVerified } from '../user-writes.ts';

function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1). */
function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

function sameSecret(expected: string | undefined, given: string): boolean {
  if (expected === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 7523 lets client_id be left out: the assertion's iss names the client. */
function assertionIssuer(assertion: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof payload.iss === 'string' ? payload.iss : undefined;
  } catch {
    return undefined;
  }
}

/** The tenant URL (what Auth0 documents and the SDK sends) and the token endpoint, in both spellings. */
function assertionAudiences(services: Services): string[] {
  const { url, domain } = services.urls;
  return [`https://${domain}/`, `${url}/`, `https://${domain}/oauth/token`, `${url}/oauth/token`];
}

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

async function token(ctx: RequestContext, services: Services): Promise<HandlerResult> {
  const { state } = services;
  const basic = basicCredentials(ctx.headers.authorization);
  const assertion = field(ctx.body, 'client_assertion');
  const clientId = basic?.id ?? field(ctx.body, 'client_id') ?? (assertion ? assertionIssuer(assertion) : undefined);
  const secret = basic?.secret ?? field(ctx.body, 'client_secret');
  const grantType = field(ctx.body, 'grant_type');
  // invalid_request wording is a guess.
  if (!grantType) throw authApiError(400, 'invalid_request', 'Missing required parameter: grant_type');

  const client = clientId ? state.clients.get(clientId) : undefined;
  if (assertion !== undefined || field(ctx.body, 'client_assertion_type') !== undefined) {
    if (field(ctx.body, 'client_assertion_type') !== JWT_BEARER || assertion === undefined || secret !== undefined) {
      throw authApiError(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}, with a client_assertion and no client_secret`);
    }
    if (!client) throw authApiError(401, 'access_denied', 'Unauthorized');
    await verifyClientAssertion(client, assertion, assertionAudiences(services), services.state.usedAssertionIds);
  } else if (!client || secret === undefined || !sameSecret(client.client_secret, secret)) {
    // Unknown client, missing or wrong secret (or a private_key_jwt client sending one): the observed
    // body is access_denied/Unauthorized.
    throw authApiError(401, 'access_denied', 'Unauthorized');
  }
  if (!client.grant_types.includes(grantType)) {
    throw authApiError(403, 'unauthorized_client', `Grant type '${grantType}' not allowed for the client.`, {
      error_uri: 'https://auth0.com/docs/clients/client-grant-types',
    });
  }
  if (grantType !== 'client_credentials') {
    throw authApiError(400, 'unsupported_grant_type', `Grant type '${grantType}' is not supported by the emulator`);
  }
  const audience = field(ctx.body, 'audience') ?? field(ctx.body, 'resource');
  if (!audience) {
    // A tenant without a default audience answers this way (community reports; unconfirmed).
    throw authApiError(403, 'access_denied', 'Non-global clients are not allowed access to APIv1');
  }
  const server = state.resourceServer(audience);
  if (!server) throw authApiError(403, 'access_denied', `Service not enabled within domain: ${audience}`);
  const grant = state.grantFor(client.client_id, server);
  if (!grant) {
    throw authApiError(
      403,
      'access_denied',
      `Client "${client.client_id}" is not authorized to access resource server "${audience}". You need to create a "client-grant" associated to this API.`,
    );
  }
  // A `scope` parameter narrows the grant to what was asked for (Auth0 behaviour for M2M; unknown
  // scopes are dropped silently rather than rejected, which is a guess).
  const requested = field(ctx.body, 'scope')?.split(/\s+/).filter(Boolean);
  const scopes = requested ? grant.scope.filter((scope) => requested.includes(scope)) : grant.scope;
  const expiresIn = services.config().tokenLifetimeSec;
  const accessToken = await services.tokens.sign(
    { sub: `${client.client_id}@clients`, aud: audience, azp: client.client_id, scope: scopes.join(' '), gty: 'client-credentials' },
    expiresIn,
  );
  // Remembered so POST /__emulator/invalidate-tokens can invalidate it (bounded: tests and dev only).
  if (state.issuedTokens.size >= 10_000) state.issuedTokens.clear();
  state.issuedTokens.add(accessToken);
  // Within one second the same claims sign to the same string: issued again, it is valid again.
  state.invalidatedTokens.delete(accessToken);
  return {
    status: 200,
    headers: NO_STORE,
    body: { access_token: accessToken, scope: scopes.join(' '), expires_in: expiresIn, token_type: 'Bearer' },
  };
}

function jwks(_ctx: RequestContext, services: Services): HandlerResult {
  return { status: 200, body: services.tokens.jwks(), headers: { 'Cache-Control': 'public, max-age=15' } };
}

function openidConfiguration(_ctx: RequestContext, services: Services): HandlerResult {
  const { url, issuer } = services.urls;
  return {
    status: 200,
    body: {
      issuer,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/oauth/token`,
      jwks_uri: `${url}/.well-known/jwks.json`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
      grant_types_supported: ['client_credentials'],
      scopes_supported: ['openid', 'profile', 'email'],
    },
  };
}

/** The link in a verification email: following it verifies the address, as the hosted page does. */
function followVerificationLink(ctx: RequestContext, services: Services): HandlerResult {
  const secret = ctx.query.get('ticket') ?? '';
  const ticket = services.state.tickets.get(secret);
  const page = (title: string, status: number): HandlerResult => ({
    status,
    raw: { contentType: 'text/html; charset=utf-8', text: `<!doctype html><title>${title}</title><p>${title}</p>` },
  });
  if (!ticket || ticket.kind !== 'email-verification' || ticket.expires_at < Date.now()) {
    return page('This ticket is invalid or has expired.', 400);
  }
  const stored = services.state.users.get(ticket.user_id);
  if (!stored) return page('The user does not exist.', 404);
  services.state.tickets.delete(secret);
  markVerified(services, stored, { ip: ctx.ip, userAgent: ctx.userAgent }, secret);
  return page('Your email was verified. You can continue using the application.', 200);
}

export const oauthRoutes: RouteDefinition[] = [
  { method: 'POST', template: '/oauth/token', kind: 'token', handler: token },
  { method: 'GET', template: '/.well-known/jwks.json', kind: 'public', handler: jwks },
  { method: 'GET', template: '/.well-known/openid-configuration', kind: 'public', handler: openidConfiguration },
  { method: 'GET', template: '/u/email-verification', kind: 'public', handler: followVerificationLink },
];
