// createApp(deps) builds the HTTP application and has no side effects: no sockets, no env, no timers.
// src/server.ts is the only impure entry.
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Logger } from './logger.ts';
import { createContextFactory, type AppDeps } from './context.ts';
import { schema } from './schema/index.ts';

export interface CreateAppOptions extends AppDeps {
  logger: Logger;
  /** Shown in GraphiQL and /health so nobody mistakes the emulator for a real tenant. */
  identityProviderLabel: string;
}

export function createApp(options: CreateAppOptions) {
  const createContext = createContextFactory(options);
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: `Employee provisioning gateway (${options.identityProviderLabel})` },
    logging: options.logger,
    context: ({ request }) => createContext({ request }),
    // /health answers readiness: 200 only when PostgreSQL answers too.
    healthCheckEndpoint: '/live',
    plugins: [healthEndpoint(options)],
  });
}

function healthEndpoint(options: CreateAppOptions): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return;
      let database = 'ok';
      try {
        await options.prisma.$queryRaw`SELECT 1`;
      } catch {
        database = 'unavailable';
      }
      const healthy = database === 'ok';
      endResponse(
        fetchAPI.Response.json(
          { status: healthy ? 'ok' : 'degraded', database, identityProvider: options.identityProviderLabel },
          { status: healthy ? 200 : 503 },
        ),
      );
    },
  };
}

export type App = ReturnType<typeof createApp>;
