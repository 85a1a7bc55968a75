// `npm run rollback -- [--created-after T] [--department D] [--mode block|delete] [--execute] [--concurrency N]`
//
// The plan's complete rollback (docs/runbook.md). Without --execute: reads Auth0 and the database and
// prints what it would do (counts, a sample, the time it would take on each Auth0 plan); changes nothing.
// With --execute: switches provisioning off for every process (and leaves it off), waits for them to
// obey, then blocks (PATCH blocked: true) or deletes every Auth0 user the system created within the
// selection, paced by the shared rate-limit pacer, unlinking their employees (back to PENDING). Progress
// is kept in PostgreSQL: after an interruption, the same command continues where it stopped and changes
// no user twice (src/services/rollback-run.ts). Progress on stderr; the summary on stdout.
// Exit code: 0 every user handled; 1 some users failed (rerun to retry them) or an error; 2 usage.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { composeCliGateway } from './cli-gateway.ts';
import type { RollbackSelection } from '../composition/services.ts';
import {
  formatAlreadyOff,
  formatDuration,
  formatRollbackPlan,
  formatRollbackSummary,
  formatRunStarted,
  formatSwitchedOff,
} from '../reports/rollback-format.ts';

const USAGE = 'usage: npm run rollback -- [--created-after 2026-11-01T00:00:00Z] [--department D] [--mode block|delete] [--execute] [--concurrency N]';

let selection: RollbackSelection;
let execute: boolean;
let concurrency: number;
try {
  const { values } = parseArgs({
    options: {
      'created-after': { type: 'string' },
      department: { type: 'string' },
      mode: { type: 'string', default: 'block' },
      execute: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
    },
    strict: true,
    allowPositionals: false,
  });
  const createdAfter = values['created-after'] !== undefined ? new Date(values['created-after']) : null;
  if (createdAfter && Number.isNaN(createdAfter.getTime())) throw new Error(`--created-after: not a date: ${values['created-after']}`);
  if (values.mode !== 'block' && values.mode !== 'delete') throw new Error('--mode must be block or delete');
  if (values.department !== undefined && values.department.trim() === '') throw new Error('--department must not be empty');
  concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new Error('--concurrency must be 1-32');
  selection = { mode: values.mode === 'block' ? 'BLOCK' : 'DELETE', createdAfter, department: values.department?.trim() ?? null };
  execute = values.execute;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exit(2);
}

const startedAt = Date.now();
const gateway = composeCliGateway({ pool: { prisma: concurrency + 2 } });
let exitCode = 0;
try {
  const services = await gateway.services();
  if (!execute) {
    const { plan, provisioningEnabled, missingScopes } = await services.previewRollback(selection);
    console.log(formatRollbackPlan(selection, plan, provisioningEnabled, missingScopes));
  } else {
    const actor = { id: `cli:rollback:${process.env.USER ?? 'unknown'}`, correlationId: null };
    const bar = progressBar(selection.mode);
    const result = await services.runRollback(actor, {
      selection,
      concurrency,
      startedAt,
      onSwitchedOff: (graceMs) => console.error(formatSwitchedOff(graceMs)),
      onAlreadyOff: (status) => console.error(formatAlreadyOff(status)),
      onStarted: (state) => {
        console.error(formatRunStarted(selection, state));
        bar.start(state.total, state.done, payload(state.failed, '?'));
      },
      onProgress: (state, estimate) => {
        bar.setTotal(state.total);
        bar.update(state.done, payload(state.failed, estimate ? `≈ ${estimate.text}` : '?'));
      },
    });
    bar.stop();
    console.log(formatRollbackSummary(selection, result));
    if (result.state.failed > 0) exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await gateway.close();
}
process.exit(exitCode);

function payload(failed: number, estimate: string) {
  return { failed, elapsed: formatDuration((Date.now() - startedAt) / 1000), estimate };
}

/**
 * Progress on stderr (stdout keeps the summary). On a terminal the bar redraws in place; in a log (not a
 * TTY) it writes a plain line every 10 seconds instead.
 */
function progressBar(mode: RollbackSelection['mode']) {
  return new cliProgress.SingleBar({
    format: `rollback [{bar}] {value}/{total} ${mode === 'BLOCK' ? 'blocked' : 'deleted'}, {failed} failed | elapsed {elapsed} | remaining {estimate}`,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    clearOnComplete: !process.stderr.isTTY,
    // Leave the terminal's line-wrap mode alone: a Ctrl-C would leave it switched off.
    linewrap: true,
  });
}
