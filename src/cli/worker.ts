// `npm run worker`: works the provisioning queue without serving HTTP (scale workers apart from the
// API, or run gateways with PROVISIONING_WORKERS=false). Same configuration as the gateway.
import { composeGateway } from '../composition.ts';
import { loadEnvOrExit } from '../env.ts';
import { createLogger } from '../logger.ts';
import { onShutdownSignal } from '../shutdown.ts';
import { StartupError } from '../startup-error.ts';

const env = loadEnvOrExit();
const logger = createLogger(env.log.level);
if (!env.database.url) {
  logger.fatal('DATABASE_URL is required for npm run worker (the embedded database belongs to the gateway)');
  process.exit(2);
}
const gateway = composeGateway(env, { logger, embeddedDatabase: 'refuse', embeddedEmulator: 'reuse', migrate: true });
onShutdownSignal(logger, () => gateway.close());
try {
  await gateway.startWorkers();
  logger.info({ identityProvider: (await gateway.identity()).label, enabled: (await gateway.provisioningSwitch()).isEnabled() }, 'provisioning worker ready');
} catch (error) {
  if (error instanceof StartupError) logger.fatal(`worker failed to start: ${error.message}`);
  else logger.fatal({ err: error }, 'worker failed to start');
  await gateway.close();
  process.exit(1);
}
