// Per-request context built from long-lived dependencies. PrismaClient is kept out of the Context
// type (Pothos warns that it slows type-checking); the prisma plugin reaches it through prismaOf().
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

export interface Context {
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

const prismaByContext = new WeakMap<Context, PrismaClient>();

export function prismaOf(context: Context): PrismaClient {
  const prisma = prismaByContext.get(context);
  if (!prisma) throw new Error('Context was not created by createContext()');
  return prisma;
}

export function createContextFactory(deps: AppDeps) {
  const services = bindServices(deps);
  return ({ request }: { request: Request }): Context => {
    const requestId = request.headers.get('x-request-id')?.slice(0, 64) || crypto.randomUUID();
    const viewer: Viewer = { sub: null };
    const context: Context = {
      viewer,
      requestId,
      actor: { id: viewer.sub ?? 'anonymous', correlationId: requestId },
      services,
    };
    prismaByContext.set(context, deps.prisma);
    return context;
  };
}
