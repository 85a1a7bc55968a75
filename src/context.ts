// Per-request context built from long-lived dependencies. PrismaClient is kept out of the Context
// type (Pothos warns that it slows type-checking): the context carries an opaque DbHandle and the
// prisma plugin reaches the client through prismaOf().
import type { PrismaClient } from './db/prisma-client.ts';
import type { AuditTrail, Actor } from './services/audit-trail.ts';
import { createEmployee } from './services/employee-provisioning.service.ts';
import type { CreateEmployeeInput } from './services/employee-input.ts';
import type { IdentityProvider } from './services/identity-provider.ts';

export interface AppDeps {
  prisma: PrismaClient;
  identityProvider: IdentityProvider;
  audit: AuditTrail;
}

export interface Viewer {
  /** The caller's subject; null until caller authentication verifies a token. */
  sub: string | null;
}

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
  actor: Actor;
  services: ReturnType<typeof bindServices>;
}

function bindServices(deps: AppDeps) {
  return {
    createEmployee: (actor: Actor, input: CreateEmployeeInput) => createEmployee(deps, actor, input),
  };
}

export function prismaOf(context: Context): PrismaClient {
  return DbHandle.unwrap(context.db);
}

export function createContextFactory(deps: AppDeps) {
  const services = bindServices(deps);
  const db = new DbHandle(deps.prisma);
  return ({ request }: { request: Request }): Context => {
    const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    const viewer: Viewer = { sub: null };
    return {
      db,
      viewer,
      requestId,
      actor: { id: viewer.sub ?? 'anonymous', correlationId: requestId },
      services,
    };
  };
}
