// The gateway as an operator CLI composes it: the same configuration as `npm start` (.env, src/env.ts),
// the running gateway's embedded database and emulator when nothing else is configured (never a second,
// empty emulator), small connection pools, and logs on stderr so that stdout carries only the output.
import { pino } from 'pino';
import { composeGateway, type Gateway } from '../composition.ts';
import { loadEnvOrExit } from '../env.ts';
import { createLogger } from '../logger.ts';
import { EXIT, interruption, plainError, type Interruption } from './command.ts';

export function composeCliGateway(options: { pool?: { prisma?: number; queue?: number } } = {}): Gateway {
  const env = loadEnvOrExit();
  const logger = createLogger('warn', { destination: pino.destination(2) });
  return composeGateway(env, {
    logger,
    embeddedDatabase: 'reuse',
    embeddedEmulator: 'reuse',
    pool: { prisma: 2, queue: 2, ...options.pool },
  });
}

/**
 * Runs a CLI's work over the composed gateway and exits: 0 done, 1 failed (the error in one line, in plain
 * words), 130/143 interrupted. `interruptible` work gets the interruption and stops taking new work at its
 * signal; other work is abandoned at the first signal (the gateway closed, an embedded database this CLI
 * started stopped), since it has written nothing a rerun would not redo.
 */
export async function runWithGateway(
  work: (gateway: Gateway, stop: Interruption) => Promise<number | void>,
  options: { interruptible?: boolean; pool?: { prisma?: number; queue?: number } } = {},
): Promise<never> {
  const gateway = composeCliGateway(options.pool ? { pool: options.pool } : {});
  const stop = interruption(options.interruptible ? undefined : () => gateway.close());
  let exitCode: number = EXIT.done;
  try {
    exitCode = (await work(gateway, stop)) ?? EXIT.done;
  } catch (error) {
    if (!stop.received) console.error(plainError(error));
    exitCode = EXIT.failed;
  } finally {
    await gateway.close();
  }
  process.exit(stop.exitCode(exitCode));
}
