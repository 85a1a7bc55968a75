// Closing the gateway's parts, newest first, within a budget. A part waiting on a database or a network
// that no longer answers (connections open, queries never answered: a partition, a failover) would hold
// the process until SHUTDOWN_DEADLINE_MS (src/shutdown.ts) and exit 1 without saying what hung. Past the
// budget each remaining step still runs but gets only a moment (one that closes at once still does), and
// the log names every part given up on; the process's exit closes their sockets.
import type { Logger } from '../logger.ts';

export interface CloseStep {
  name: string;
  close(): Promise<void>;
}

/** Below shutdown.ts's 30 s deadline, above pg-boss's 10 s grace for the jobs in flight. */
export const CLOSE_BUDGET_MS = 20_000;
/** What each step still gets once the budget is spent. */
const LAST_CHANCE_MS = 250;

export async function closeWithin(steps: readonly CloseStep[], logger: Logger, budgetMs = CLOSE_BUDGET_MS): Promise<void> {
  const deadline = Date.now() + budgetMs;
  const abandoned: string[] = [];
  for (const step of steps) {
    const closed = step.close().then(
      () => true,
      (error: unknown) => {
        logger.error({ err: error, part: step.name }, 'error during shutdown');
        return true;
      },
    );
    const wait = Math.max(deadline - Date.now(), LAST_CHANCE_MS);
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([closed, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), wait)))]);
    clearTimeout(timer);
    if (!inTime) abandoned.push(step.name);
  }
  if (abandoned.length > 0) logger.warn({ abandoned, budgetMs }, 'shutdown gave up waiting for these parts; their connections close with the process');
}
