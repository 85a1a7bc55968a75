// One shutdown path for every long-running process: on SIGTERM or SIGINT run `stop` once (stop taking
// work, let in-flight work finish or go back to the queue, close connections), log, exit 0. Repeated
// signals are expected (Ctrl-C reaches the process from the terminal and again from npm) and change
// nothing; a shutdown that hangs past the deadline exits 1 (the composition gives up on stuck parts sooner:
// composition/bounded-close.ts).
import type { Logger } from './logger.ts';

const SHUTDOWN_DEADLINE_MS = 30_000;

export function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ deadlineMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    void stop()
      .catch((error: unknown) => logger.error({ err: error }, 'error during shutdown'))
      .finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
