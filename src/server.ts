// `npm start` (and `node dist/server.js`): composes the whole gateway, serves HTTP, works the queue
// unless PROVISIONING_WORKERS=false, and shuts down cleanly on SIGTERM/SIGINT.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeGateway } from './composition.ts';
import { writeLocalGateway } from './composition/local-gateway.ts';
import { loadEnvOrExit } from './env.ts';
import { boundHeapGrowth } from './heap-growth.ts';
import { ErrorCode } from './graphql-error-codes.ts';
import { createLogger, logFormat } from './logger.ts';
import { onShutdownSignal } from './shutdown.ts';
import { portInUse, StartupError } from './startup-error.ts';
import { LOG_STREAM_PATH } from './webhooks/auth0-log-stream.ts';

boundHeapGrowth();
const startedAt = performance.now();
const env = loadEnvOrExit();
const logger = createLogger(env.log.level, { pretty: logFormat(env.log.format, { nodeEnv: env.nodeEnv, stdoutIsTTY: process.stdout.isTTY === true }) === 'pretty' });
const gateway = composeGateway(env, { logger, embeddedDatabase: 'start', embeddedEmulator: 'start', migrate: true });
const server = createServer();
let forgetLocalGateway: (() => Promise<void>) | undefined;
onShutdownSignal(logger, async () => {
  await forgetLocalGateway?.();
  // Stop taking requests first, then the workers (in-flight jobs finish or go back to the queue), then
  // the queue, the Auth0 client, the database.
  const stopped = new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  // Open subscriptions (SSE) never end by themselves: complete them so their connections can close.
  await gateway.closeStreams();
  server.closeIdleConnections();
  await stopped;
  await gateway.close();
});

try {
  const app = await gateway.app();
  if (env.provisioning.workers) await gateway.startWorkers();
  // METRICS_PORT: /metrics (with /health and /ready) on a port of its own, not next to the API.
  await gateway.serveOps();
  server.on('request', limitChunkedBodies(app, env.graphql.requestBodyLimitBytes));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(portInUse(error, env.server.port, 'PORT', 'another gateway?')));
    server.listen(env.server.port, env.server.host, resolve);
  });
  const identity = await gateway.identity();
  const port = (server.address() as AddressInfo).port;
  const shownHost = env.server.host === '0.0.0.0' ? 'localhost' : env.server.host;
  const reachHost = ['0.0.0.0', '::'].includes(env.server.host) ? '127.0.0.1' : env.server.host;
  identity.logStream?.deliverTo(`http://${reachHost}:${port}${LOG_STREAM_PATH}`);
  // The no-setup gateway tells the worker, `npm run token` and the CLIs of this checkout where it is.
  if (!env.database.url || identity.emulatorUrl) {
    forgetLocalGateway = await writeLocalGateway(env, {
      port,
      url: `http://${shownHost}:${port}/graphql`,
      ...(env.database.url ? {} : { databaseUrl: (await gateway.databaseUrl()).url }),
      ...(identity.emulatorUrl ? { emulatorUrl: identity.emulatorUrl } : {}),
    });
  }
  logger.info(
    { readyInMs: Math.round(performance.now() - startedAt), identityProvider: identity.label },
    `gateway ready: ${env.graphql.graphiql ? 'GraphiQL' : 'GraphQL (GraphiQL off)'} at http://${shownHost}:${port}/graphql`,
  );
} catch (error) {
  if (error instanceof StartupError) logger.fatal(`gateway failed to start: ${error.message}`);
  else logger.fatal({ err: error }, 'gateway failed to start');
  await gateway.close();
  process.exit(1);
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
          response.end(JSON.stringify({ errors: [{ message: 'Request body too large', extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] }));
          request.destroy();
        }
      });
    }
    handler(request, response);
  };
}
