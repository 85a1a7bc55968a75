// `npm run worker`: works the provisioning queue without serving HTTP (scale workers apart from the
// API, or run gateways with PROVISIONING_WORKERS=false). Same configuration as the gateway. A service,
// not a job: SIGTERM or Ctrl-C is how it is meant to stop (in-flight jobs finish or go back to the
// queue), so that stop exits 0 as the gateway's does (src/shutdown.ts).
import { composeGateway } from '../composition.ts';
import { loadEnvOrExit } from '../env.ts';
import { createLogger, logFormat } from '../logger.ts';
import { onShutdownSignal } from '../shutdown.ts';
import { StartupError } from '../startup-error.ts';
import { parseCommand } from './command.ts';

parseCommand({
  command: 'npm run worker --',
  usage: `usage: npm run worker      (no flags: configured like the gateway, by the environment and .env)

  Works the provisioning queue without serving the API; /metrics, /health and /ready on METRICS_PORT (default 9464).`,
  options: {},
});

const env = loadEnvOrExit();
const logger = createLogger(env.log.level, { pretty: logFormat(env.log.format, { nodeEnv: env.nodeEnv, stdoutIsTTY: process.stdout.isTTY === true }) === 'pretty' });
// Without DATABASE_URL: the database of the gateway running in this checkout (.data/gateway.json), never
// an embedded one of its own; none running is a start failure that names the setting.
const gateway = composeGateway(env, { logger, embeddedDatabase: 'refuse', embeddedEmulator: 'reuse', migrate: true });
onShutdownSignal(logger, () => gateway.close());
try {
  await gateway.startWorkers();
  // /metrics, /health and /ready on METRICS_PORT, else 9464 (Prometheus's usual exporter port).
  await gateway.ops('worker');
  const metricsPort = await gateway.serveOps(9464);
  logger.info(
    {
      identityProvider: (await gateway.identity()).label,
      database: (await gateway.databaseUrl()).label,
      enabled: (await gateway.provisioningSwitch()).isEnabled(),
      metricsPort,
    },
    'provisioning worker ready',
  );
} catch (error) {
  if (error instanceof StartupError) logger.fatal(`worker failed to start: ${error.message}`);
  else logger.fatal({ err: error }, 'worker failed to start');
  await gateway.close();
  process.exit(1);
}
