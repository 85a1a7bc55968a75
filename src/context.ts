// Per-request context built from long-lived dependencies. PrismaClient is kept out of the Context
// type (Pothos warns that it slows type-checking): the context carries an opaque DbHandle and the
// prisma plugin reaches the client through prismaOf().
import { createGraphQLError } from 'graphql-yoga';
import { InvalidCallerTokenError, type CallerTokenVerifier } from './auth/caller-token.ts';
import type { Services } from './composition/services.ts';
import type { PrismaClient } from './db/prisma-client.ts';
import type { Actor } from './services/audit-trail.ts';
import type { IdentityDirectory } from './services/identity-provider.ts';
import { Auth0ReadState, createLoaders, type Loaders } from './loaders/auth0-users.loader.ts';
import { ErrorCode } from './graphql-error-codes.ts';

export interface AppDeps {
  /** Reached by the Pothos prisma plugin through prismaOf(). */
  prisma: PrismaClient;
  /** The Auth0 reads behind the per-request loaders. */
  identityProvider: IdentityDirectory;
  /** Process-wide Auth0 read state (optional short cache, role catalogue); default: no cache. */
  auth0ReadState?: Auth0ReadState;
  verifyCallerToken: CallerTokenVerifier;
  /** The use cases, bound once by the composition root (src/composition/services.ts). */
  services: Services;
}

/** Who is calling: from a verified access token, or anonymous (no Authorization header). */
export interface Viewer {
  sub: string | null;
  permissions: ReadonlySet<string>;
  /** When the caller's token expires (ms since the epoch); null for anonymous callers. */
  expiresAt: number | null;
}

const ANONYMOUS: Viewer = { sub: null, permissions: new Set(), expiresAt: null };

/** Opaque holder: a class with a private field is compared nominally, so the client's type stays out of Context. */
export class DbHandle {
  readonly #prisma: PrismaClient;
  constructor(prisma: PrismaClient) {
    this.#prisma = prisma;
  }
  static unwrap(handle: DbHandle): PrismaClient {
    return handle.#prisma;
  }
}

export interface Context {
  db: DbHandle;
  viewer: Viewer;
  requestId: string;
  /** Recorded on every audit event the request causes. */
  actor: Actor;
  services: Services;
  /** Per-request DataLoaders (batched Auth0 reads). */
  loaders: Loaders;
}

export function prismaOf(context: Context): PrismaClient {
  return DbHandle.unwrap(context.db);
}

export function createContextFactory(deps: AppDeps) {
  const db = new DbHandle(deps.prisma);
  const auth0State = deps.auth0ReadState ?? new Auth0ReadState();
  return async ({ request }: { request: Request }): Promise<Context> => {
    const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    const viewer = await viewerFrom(request.headers.get('authorization'), deps.verifyCallerToken);
    return {
      db,
      viewer,
      requestId,
      actor: { id: viewer.sub ?? 'anonymous', correlationId: requestId, permissions: viewer.permissions },
      services: deps.services,
      loaders: createLoaders({ identityDirectory: deps.identityProvider, auth0State }),
    };
  };
}

async function viewerFrom(authorization: string | null, verify: CallerTokenVerifier): Promise<Viewer> {
  if (authorization === null) return ANONYMOUS;
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
  try {
    const caller = await verify(match[1]!);
    return { sub: caller.sub, permissions: new Set(caller.permissions), expiresAt: caller.expiresAt };
  } catch (error) {
    if (error instanceof InvalidCallerTokenError) throw unauthenticated(error.message);
    throw error;
  }
}

function unauthenticated(message: string) {
  return createGraphQLError(message, {
    extensions: {
      code: ErrorCode.UNAUTHENTICATED,
      http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } },
    },
  });
}
