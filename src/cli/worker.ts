// `npm run worker`: works the provisioning queue without serving HTTP (scale workers apart from the
// API, or run gateways with PROVISIONING_WORKERS=false). Same configuration as the gateway.
import { connectIdentityProvider } from '../auth0/connect.ts';
import { RateLimitPacer } from '../auth0/rate-limit-pacer.ts';
import { createPrismaClient } from '../db/prisma-client.ts';
import { applyMigrations } from '../db/migrations.ts';
import { loadEnvOrExit } from '../env.ts';
import { createLogger } from '../logger.ts';
import { AuditTrail } from '../services/audit-trail.ts';
import { provisioningOptionsFrom, startProvisioningRuntime } from '../jobs/provisioning-runtime.ts';

const env = loadEnvOrExit();
const logger = createLogger(env.log.level);
if (!env.database.url) {
  logger.fatal('DATABASE_URL is required for npm run worker (the embedded database belongs to the gateway)');
  process.exit(2);
}
await applyMigrations(env.database.url);
const prisma = createPrismaClient(env.database.url);
const pacer = env.auth0.pacing
  ? new RateLimitPacer(prisma, { onError: (error) => logger.warn({ err: error }, 'Auth0 pacing unavailable; calling unpaced') })
  : undefined;
const identity = await connectIdentityProvider(env, logger, pacer ? { pacer } : {});
const options = provisioningOptionsFrom(env);
const runtime = await startProvisioningRuntime({
  databaseUrl: env.database.url,
  prisma,
  identityProvider: identity.provider,
  audit: new AuditTrail(prisma),
  logger,
  ...options,
});
logger.info({ identityProvider: identity.label, enabled: env.provisioning.enabled }, 'provisioning worker ready');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping');
  await runtime.close();
  await identity.close();
  await prisma.$disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
