// The operations endpoints outside GraphQL (no caller token, no GraphQL pipeline): GET /metrics,
// GET /ready, GET /health. Served by the gateway's own app (src/app.ts) and, on a port of their own, by
// this small server: the gateway's when METRICS_PORT is set, and always `npm run worker`'s. Only this
// server shows the checks' detail; next to the API anyone may ask, so it says ok or not ok and no more.
import { createServer, type Server } from 'node:http';
import type { ReadinessReport } from './readiness.ts';

export interface OpsEndpoints {
  /** Prometheus text; absent where /metrics is not served. */
  metrics?: () => Promise<{ body: string; contentType: string }>;
  ready: () => Promise<ReadinessReport>;
  /** Liveness: the process answers. Extra fields shown with it (e.g. which Auth0 it talks to). */
  health?: Record<string, string>;
}

/**
 * `full` on the ops port; `status` on the API port, where the detail (admin `sub`s, the tenant, the JWKS
 * URL, failing checks) would tell anonymous callers about the deployment.
 */
export type OpsDetail = 'full' | 'status';

/** The answer to one ops request, or null when the path is not an ops endpoint (or /metrics is served elsewhere). */
export async function opsResponse(pathname: string, method: string, ops: OpsEndpoints, detail: OpsDetail): Promise<Response | null> {
  if (method !== 'GET' && method !== 'HEAD') return null;
  switch (pathname) {
    case '/health':
      return Response.json(detail === 'full' ? { status: 'ok', ...ops.health } : { status: 'ok' });
    case '/ready': {
      const report = await ops.ready();
      return Response.json(detail === 'full' ? report : { status: report.status }, { status: report.status === 'ready' ? 200 : 503 });
    }
    case '/metrics': {
      if (!ops.metrics) return null;
      const { body, contentType } = await ops.metrics();
      return new Response(body, { headers: { 'content-type': contentType } });
    }
    default:
      return null;
  }
}

export async function startOpsServer(ops: OpsEndpoints, listen: { host: string; port: number }): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://ops.local');
    opsResponse(url.pathname, request.method ?? 'GET', ops, 'full')
      .then(async (answer) => {
        const final = answer ?? new Response('not found\n', { status: 404 });
        response.writeHead(final.status, Object.fromEntries(final.headers));
        response.end(request.method === 'HEAD' ? undefined : Buffer.from(await final.arrayBuffer()));
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, resolve);
  });
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
