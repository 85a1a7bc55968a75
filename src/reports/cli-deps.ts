// What the report CLIs connect to: the gateway's own database and Auth0, configured exactly as for
// `npm start` (src/env.ts). With the embedded defaults, the database and the emulator of a running
// `npm start` are used; the database is started here when no gateway holds it.
import pg from 'pg';
import { pino } from 'pino';
import { connectIdentityProvider } from '../auth0/connect.ts';
import { createPrismaClient, type PrismaClient } from '../db/prisma-client.ts';
import { embeddedDatabaseUrl, startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import type { Env } from '../env.ts';
import { createLogger } from '../logger.ts';
import type { IdentityDirectory } from '../services/identity-provider.ts';

export interface ReportDeps {
  prisma: PrismaClient;
  identityDirectory: IdentityDirectory;
  close(): Promise<void>;
}


export async function openReportDatabase(env: Env): Promise<{ prisma: PrismaClient; close(): Promise<void> }> {
  let url = env.database.url;
  let stop = async () => {};
  if (!url) {
    const running = embeddedDatabaseUrl(env.database.embedded.port);
    if (await answers(running)) {
      url = running;
    } else {
      const embedded = await startEmbeddedPostgres({ dataDir: env.database.embedded.dataDir, port: env.database.embedded.port });
      url = embedded.url;
      stop = embedded.stop;
    }
  }
  const prisma = createPrismaClient(url, { maxConnections: 2 });
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await stop();
    },
  };
}

export async function openReportDeps(env: Env): Promise<ReportDeps> {
  const database = await openReportDatabase(env);
  // stdout carries the report; the gateway's log lines (warnings included) go to stderr.
  const logger = createLogger('warn', { destination: pino.destination(2) });
  let target = env.auth0.target;
  if (target.kind === 'embedded-emulator') {
    // The in-process emulator lives in the running gateway: read that one, never a new empty one.
    const url = `http://127.0.0.1:${target.port}`;
    const reachable = await fetch(`${url}/.well-known/jwks.json`).then((response) => response.ok, () => false);
    if (!reachable) {
      await database.close();
      throw new Error(
        `No Auth0 configured and no emulator answers at ${url}: start the gateway (npm start), or set AUTH0_EMULATOR_URL or AUTH0_DOMAIN.`,
      );
    }
    target = { kind: 'external-emulator', url, clientId: target.clientId, clientSecret: target.clientSecret };
  }
  const identity = await connectIdentityProvider({ ...env, auth0: { ...env.auth0, target } }, logger);
  return {
    prisma: database.prisma,
    identityDirectory: identity.provider,
    close: async () => {
      await identity.close();
      await database.close();
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
