// The gateway as an operator CLI composes it: the same configuration as `npm start` (.env, src/env.ts),
// the running gateway's embedded database and emulator when nothing else is configured (never a second,
// empty emulator), small connection pools, and logs on stderr so that stdout carries only the output.
import { pino } from 'pino';
import { composeGateway, type Gateway } from '../composition.ts';
import { loadEnvOrExit } from '../env.ts';
import { createLogger } from '../logger.ts';
import { onShutdownSignal } from '../shutdown.ts';

export function composeCliGateway(options: { pool?: { prisma?: number; queue?: number } } = {}): Gateway {
  const env = loadEnvOrExit();
  const logger = createLogger('warn', { destination: pino.destination(2) });
  const gateway = composeGateway(env, {
    logger,
    embeddedDatabase: 'reuse',
    embeddedEmulator: 'reuse',
    pool: { prisma: 2, queue: 2, ...options.pool },
  });
  // Ctrl-C still stops an embedded database this CLI started.
  onShutdownSignal(logger, () => gateway.close());
  return gateway;
}

/** Runs a CLI's work over the composed gateway: prints a failure as one line, closes, exits 1 on failure. */
export async function runWithGateway(work: (gateway: Gateway) => Promise<number | void>): Promise<never> {
  const gateway = composeCliGateway();
  let exitCode = 0;
  try {
    exitCode = (await work(gateway)) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    await gateway.close();
  }
  process.exit(exitCode);
}
