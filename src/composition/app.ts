// The yoga application as the environment configures it: caller tokens, GraphQL limits and persisted
// documents, the manager console, the development token, over the bound services.
import { existsSync } from 'node:fs';
import { createApp, type App } from '../app.ts';
import { createCallerTokenVerifier } from '../auth/caller-token.ts';
import type { ConnectedIdentityProvider } from '../auth0/connect.ts';
import { CONSOLE_DIST_DIR, CONSOLE_PERSISTED_DOCUMENTS } from '../console/serve-console.ts';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import { Auth0ReadState } from '../loaders/auth0-users.loader.ts';
import type { Logger } from '../logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { OpsEndpoints } from '../observability/ops-server.ts';
import { loadPersistedOperations } from '../persisted-operations.ts';
import type { Services } from './services.ts';

export async function buildApp(
  env: Env,
  logger: Logger,
  parts: {
    prisma: PrismaClient;
    identity: ConnectedIdentityProvider;
    services: Services;
    ops: OpsEndpoints;
    metrics: GatewayMetrics;
    clockToleranceSeconds: number | undefined;
  },
): Promise<App> {
  const { identity: connected, ops } = parts;
  // Emulator in development only: GraphiQL opens with a manager's token so the README's first mutation just runs.
  const devToken = env.localDevelopment && env.graphql.graphiql && connected.mintDevCallerToken ? await connected.mintDevCallerToken() : undefined;
  if (devToken) logger.warn('GraphiQL is pre-filled with a development manager token minted by the Auth0 emulator');
  const callerTokens = {
    ...connected.callerTokens,
    ...(parts.clockToleranceSeconds !== undefined ? { clockToleranceSeconds: parts.clockToleranceSeconds } : {}),
  };
  logger.info({ issuer: callerTokens.issuer, audience: callerTokens.audience }, 'caller tokens');
  const { persistedOperationsFile, graphiql, ...limits } = env.graphql;
  // The manager console sends its documents by hash only: the gateway that serves it knows them.
  const serveConsole = env.console.enabled && existsSync(`${CONSOLE_DIST_DIR}/index.html`);
  const consoleDocuments = serveConsole ? await loadPersistedOperations(CONSOLE_PERSISTED_DOCUMENTS).catch(() => undefined) : undefined;
  const persistedOperations = await loadPersistedOperations(persistedOperationsFile);
  if (serveConsole) logger.info(devToken ? 'manager console at /console, with the development token' : 'manager console at /console');
  return createApp({
    prisma: parts.prisma,
    identityProvider: connected.provider,
    auth0ReadState: new Auth0ReadState({ cacheTtlMs: env.auth0.userCacheSeconds * 1000 }),
    services: parts.services,
    // With METRICS_PORT, /metrics is served only there (serveOps), not next to the API.
    ops: env.metrics.port === undefined ? ops : { ready: ops.ready, ...(ops.health ? { health: ops.health } : {}) },
    metrics: parts.metrics,
    verifyCallerToken: createCallerTokenVerifier(callerTokens),
    logger,
    identityProviderLabel: connected.label,
    // A tenant's stream is configured (AUTH0_LOG_STREAM_AUTHORIZATION); the in-process emulator's is generated.
    ...((env.provisioning.logStreamAuthorization ?? connected.logStream?.authorization)
      ? { logStreamAuthorization: env.provisioning.logStreamAuthorization ?? connected.logStream!.authorization }
      : {}),
    graphiql,
    errorDetails: env.localDevelopment,
    ...(devToken ? { graphiqlHeaders: { Authorization: `Bearer ${devToken}` } } : {}),
    limits: {
      ...limits,
      persistedOperations: persistedOperations && consoleDocuments ? new Map([...persistedOperations, ...consoleDocuments]) : persistedOperations,
      knownDocuments: consoleDocuments,
    },
    ...(serveConsole ? { console: { dir: CONSOLE_DIST_DIR, identityProviderLabel: connected.label, ...(devToken ? { token: devToken } : {}) } } : {}),
    cors: env.cors,
  });
}
