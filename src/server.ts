// The only impure entry: reads the environment, starts what the embedded defaults need, listens, and
// shuts down cleanly on SIGTERM/SIGINT.
import { createServer, type RequestListener } from 'node:http';
import { createApp } from './app.ts';
import { Auth0ReadState } from './loaders/auth0-users.loader.ts';
import { AuditTrail } from './services/audit-trail.ts';
import { createPrismaClient } from './db/prisma-client.ts';
import { applyMigrations } from './db/migrations.ts';
import { startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { loadEnvOrExit, type Env } from './env.ts';
import { createLogger, type Logger } from './logger.ts';
import { connectIdentityProvider } from './auth0/connect.ts';
import { RateLimitPacer } from './auth0/rate-limit-pacer.ts';
import { provisioningOptionsFrom, startProvisioningRuntime } from './jobs/provisioning-runtime.ts';
import { createCallerTokenVerifier } from './auth/caller-token.ts';
import { loadPersistedOperations } from './persisted-operations.ts';

type Cleanup = () => Promise<void>;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const env = loadEnvOrExit();
  const logger = createLogger(env.log.level, { pretty: env.nodeEnv === 'development' && process.stdout.isTTY });
  const cleanups: Cleanup[] = [];
  const shutdown = once(async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'));
    }
    logger.info('stopped');
    process.exit(0);
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const databaseUrl = await resolveDatabase(env, logger, cleanups);
    const migration = await applyMigrations(databaseUrl);
    logger.info({ applied: migration.applied }, migration.applied.length ? 'migrations applied' : 'database schema up to date');

    const prisma = createPrismaClient(databaseUrl);
    cleanups.push(() => prisma.$disconnect());

    // Pacing state is shared through this database by every gateway and worker of the tenant.
    const pacer = env.auth0.pacing
      ? new RateLimitPacer(prisma, { onError: (error) => logger.warn({ err: error }, 'Auth0 pacing unavailable; calling unpaced') })
      : undefined;
    const identity = await connectIdentityProvider(env, logger, pacer ? { pacer } : {});
    cleanups.push(identity.close);

    // The durable provisioning queue (pg-boss, schema PROVISIONING_QUEUE_SCHEMA) and, unless
    // PROVISIONING_WORKERS=false, its workers in this process.
    const audit = new AuditTrail(prisma);
    const provisioningOptions = provisioningOptionsFrom(env);
    const provisioning = await startProvisioningRuntime({
      databaseUrl,
      prisma,
      identityProvider: identity.provider,
      audit,
      logger,
      ...provisioningOptions,
      workers: env.provisioning.workers ? provisioningOptions.workers : null,
    });
    cleanups.push(provisioning.close);

    // Emulator mode only: GraphiQL opens with a manager's token so the README's first mutation just runs.
    const devToken = env.graphql.graphiql && identity.mintDevCallerToken ? await identity.mintDevCallerToken() : undefined;
    if (devToken) logger.warn('GraphiQL is pre-filled with a development manager token minted by the Auth0 emulator');
    const app = createApp({
      prisma,
      identityProvider: identity.provider,
      auth0ReadState: new Auth0ReadState({ cacheTtlMs: env.auth0.userCacheSeconds * 1000 }),
      audit,
      queue: provisioning.queue,
      provisioning: { ...provisioningOptions.settings, verificationCooldownSeconds: provisioningOptions.verificationCooldownSeconds },
      verifyCallerToken: createCallerTokenVerifier(identity.callerTokens),
      logger,
      identityProviderLabel: identity.label,
      ...(env.provisioning.logStreamAuthorization ? { logStreamAuthorization: env.provisioning.logStreamAuthorization } : {}),
      graphiql: env.graphql.graphiql,
      ...(devToken ? { graphiqlHeaders: { Authorization: `Bearer ${devToken}` } } : {}),
      limits: { ...env.graphql, persistedOperations: await loadPersistedOperations(env.graphql.persistedOperationsFile) },
    });
    logger.info({ issuer: identity.callerTokens.issuer, audience: identity.callerTokens.audience }, 'caller tokens');
    const server = createServer(limitChunkedBodies(app, env.graphql.requestBodyLimitBytes));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(env.server.port, env.server.host, resolve);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        }),
    );
    const shownHost = env.server.host === '0.0.0.0' ? 'localhost' : env.server.host;
    logger.info(
      { readyInMs: Math.round(performance.now() - startedAt), identityProvider: identity.label },
      `gateway ready: GraphiQL at http://${shownHost}:${env.server.port}/graphql`,
    );
  } catch (error) {
    logger.fatal({ err: error }, 'gateway failed to start');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(1);
  }
}

async function resolveDatabase(env: Env, logger: Logger, cleanups: Cleanup[]): Promise<string> {
  if (env.database.url) return env.database.url;
  const embedded = await startEmbeddedPostgres({
    dataDir: env.database.embedded.dataDir,
    port: env.database.embedded.port,
    log: (message: string) => logger.debug({ component: 'embedded-postgres' }, message),
  });
  cleanups.push(embedded.stop);
  logger.warn(
    { dataDir: env.database.embedded.dataDir, port: env.database.embedded.port },
    'DATABASE_URL is not set: using the embedded PostgreSQL (development only)',
  );
  return embedded.url;
}

/**
 * Chunked request bodies announce no length, so the size check in the GraphQL pipeline cannot see
 * them: count the bytes as they arrive and answer 413 once they pass the limit.
 */
function limitChunkedBodies(handler: RequestListener, maxBytes: number): RequestListener {
  return (request, response) => {
    if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] !== undefined) {
      let received = 0;
      request.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes && !response.headersSent) {
          response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
          response.end('{"errors":[{"message":"Request body too large","extensions":{"code":"PAYLOAD_TOO_LARGE"}}]}');
          request.destroy();
        }
      });
    }
    handler(request, response);
  };
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let running: Promise<void> | undefined;
  return (...args) => (running ??= fn(...args));
}

void main();
