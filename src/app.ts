// createApp(deps) builds the HTTP application and has no side effects: no sockets, no env, no timers.
// src/composition.ts builds it from the environment; src/server.ts serves it.
import { createYoga, type Plugin } from 'graphql-yoga';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { createContextFactory, type AppDeps } from './context.ts';
import { hardeningPlugins, type GraphQLLimits } from './graphql-hardening.ts';
import { schema } from './schema/index.ts';
import { serveConsole, type ConsoleOptions } from './console/serve-console.ts';
import { auth0LogStreamWebhook } from './webhooks/auth0-log-stream.ts';
import { graphqlMetricsPlugin } from './observability/graphql-metrics.ts';
import type { GatewayMetrics } from './observability/metrics.ts';
import { opsResponse, type OpsEndpoints } from './observability/ops-server.ts';
import { scimEndpoint } from './scim/scim-http.ts';

export interface CreateAppOptions extends AppDeps {
  logger: Logger;
  /** Shown in GraphiQL and /health so nobody mistakes the emulator for a real tenant. */
  identityProviderLabel: string;
  /** The Authorization value of Auth0's log stream; POST /webhooks/auth0 is served only when it is set. */
  logStreamAuthorization?: string;
  graphiql?: boolean;
  /** Headers GraphiQL starts with (the development caller token in emulator mode). */
  graphiqlHeaders?: Record<string, string>;
  /** Unexpected errors carry their message and stack in responses (local development only; default off). */
  errorDetails?: boolean;
  /** From the validated environment (src/env.ts holds the defaults). */
  limits: GraphQLLimits;
  /** /health, /ready (status only: the detail is on METRICS_PORT) and, unless METRICS_PORT moves it, /metrics; before GraphQL and its auth. */
  ops: OpsEndpoints;
  /** The process's metrics registry; GraphQL operations are counted and timed into it. */
  metrics?: GatewayMetrics;
  /** Which front-end origins may call cross-origin; every other origin gets no CORS headers at all. */
  cors: Env['cors'];
  /** Serve the built manager console at /console (outside production). */
  console?: ConsoleOptions;
}

export function createApp(options: CreateAppOptions) {
  const createContext = createContextFactory(options);
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: (request) => corsFor(request, options.cors),
    graphiql: options.graphiql === false ? false : {
      title: `Employee provisioning gateway (${options.identityProviderLabel})`,
      defaultQuery: GRAPHIQL_EXAMPLE,
      ...(options.graphiqlHeaders ? { headers: JSON.stringify(options.graphiqlHeaders, null, 2) } : {}),
    },
    // Yoga's default GraphiQL page loads its scripts from unpkg.com; this one is served from the npm
    // package itself, so GraphiQL works on machines without internet access. That package is a 9 MB
    // bundle that costs about 60 MB resident once imported: it is loaded on the first GraphiQL request,
    // so a process that serves none (production, where GraphiQL is off) never holds it.
    renderGraphiQL: async (graphiqlOptions) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiqlOptions),
    logging: options.logger,
    context: ({ request }) => createContext({ request }),
    // /health (liveness) and /ready (readiness) are ours (src/observability); /live stays as yoga's own.
    healthCheckEndpoint: '/live',
    // Unexpected errors reach clients as "Unexpected error." (yoga's masking); the log keeps the detail.
    // isDev is explicit: yoga's default reads NODE_ENV, which a real tenant's gateway may leave unset.
    maskedErrors: { isDev: options.errorDetails ?? false },
    // Body sizes are limited by hardeningPlugins (Content-Length checked up front, chunked bodies while read).
    maxRequestBodySize: false,
    plugins: [
      opsEndpoints(options.ops),
      // /scim/v2: identity providers and HR systems, with SCIM tokens (src/scim/, docs/scim.md).
      scimEndpoint({ services: options.services, logger: options.logger }),
      ...(options.metrics ? [graphqlMetricsPlugin(options.metrics)] : []),
      ...(options.console ? [serveConsole(options.console)] : []),
      ...(options.logStreamAuthorization
        ? [auth0LogStreamWebhook({ markVerified: options.services.markVerified, markInvitationFailed: options.services.markInvitationFailed, logger: options.logger, authorization: options.logStreamAuthorization })]
        : []),
      ...hardeningPlugins(options.limits),
    ],
  });
}

/** CORS headers only for a listed origin; any other origin gets none, so browsers refuse its calls. */
function corsFor(request: Request, cors: Env['cors']) {
  const origin = request.headers.get('origin');
  if (origin === null || !cors.origins.includes(origin)) return false as const;
  return {
    origin: [origin],
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-graphql-yoga-csrf', 'x-request-id'],
    credentials: cors.allowCredentials,
    maxAge: 600,
  };
}

const OPS_PATHS = new Set(['/health', '/ready', '/metrics']);

function opsEndpoints(ops: OpsEndpoints): Plugin {
  return {
    // Synchronous for every other path: an async hook costs each GraphQL request a promise and a tick.
    onRequest({ url, request, endResponse }) {
      if (!OPS_PATHS.has(url.pathname)) return;
      return opsResponse(url.pathname, request.method, ops, 'status').then((answer) => {
        if (answer) endResponse(answer);
      });
    },
  };
}

export type App = ReturnType<typeof createApp>;

/** What GraphiQL opens with: the README's first createEmployee, ready to run. */
const GRAPHIQL_EXAMPLE = `# Employee provisioning gateway. Run this to add an employee and create their Auth0 account.
mutation {
  createEmployee(input: { name: "Ana López", email: "ana.lopez@example.com", department: "Picking" }) {
    __typename
    ... on CreateEmployeePayload {
      employee { id name email role auth0UserId auth0SyncStatus auth0SyncError }
    }
    ... on InputValidationError { issues { path message } }
    ... on EmailAlreadyUsedError { message }
  }
}
`;
