// `npm run rollback -- [--created-after T] [--department D] [--mode block|delete] [--execute] [--concurrency N]`
//
// The plan's complete rollback (docs/runbook.md). Without --execute: reads Auth0 and the database and
// prints what it would do (counts, a sample, the time it would take on each Auth0 plan); changes nothing.
// With --execute: switches provisioning off for every process (and leaves it off), waits for them to
// obey, then blocks (PATCH blocked: true) or deletes every Auth0 user the system created within the
// selection, paced by the shared rate-limit pacer, unlinking their employees (back to PENDING). Progress
// is kept in PostgreSQL: after an interruption, the same command continues where it stopped and changes
// no user twice (src/services/rollback-run.ts). Progress on stderr; the summary on stdout.
// Ctrl-C (or SIGTERM) starts no further user, lets the calls under way finish, and leaves the run open:
// the same command resumes it. Exit code: 0 every user handled; 1 some users failed (rerun to retry
// them) or an error; 2 usage; 130/143 interrupted.
import { runWithGateway } from './cli-gateway.ts';
import { EXIT, parseCommand, progressBar, stoppedLine, usageError } from './command.ts';
import type { RollbackSelection } from '../composition/services.ts';
import {
  formatAlreadyOff,
  formatDuration,
  formatRollbackPlan,
  formatRollbackSummary,
  formatRunStarted,
  formatSwitchedOff,
} from '../reports/rollback-format.ts';

const spec = {
  command: 'npm run rollback --',
  usage: `usage: npm run rollback -- [--created-after 2026-11-01T00:00:00Z] [--department D] [--mode block|delete] [--execute] [--concurrency N]

  --created-after T   only users the system created after this time (ISO 8601)
  --department D      only employees of this department
  --mode block|delete block the users (default) or delete them
  --execute           switch provisioning off and do it; without it, print the plan and change nothing
  --concurrency N     users handled at once, 1-32 (default 4; Auth0 calls are paced either way)`,
  options: {
    'created-after': { type: 'string' },
    department: { type: 'string' },
    mode: { type: 'string', default: 'block' },
    execute: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '4' },
  },
} as const;

const { values } = parseCommand(spec);
const createdAfter = values['created-after'] !== undefined ? new Date(values['created-after']) : null;
if (createdAfter && Number.isNaN(createdAfter.getTime())) usageError(spec, `--created-after: not a date: ${values['created-after']}`);
if (values.mode !== 'block' && values.mode !== 'delete') usageError(spec, `--mode must be block or delete, got '${values.mode}'`);
if (values.department !== undefined && values.department.trim() === '') usageError(spec, '--department must not be empty');
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) usageError(spec, `--concurrency must be 1-32, got '${values.concurrency}'`);
const selection: RollbackSelection = { mode: values.mode === 'block' ? 'BLOCK' : 'DELETE', createdAfter, department: values.department?.trim() ?? null };
const execute = values.execute;

const startedAt = Date.now();
await runWithGateway(
  async (gateway, stop) => {
    const services = await gateway.services();
    if (!execute) {
      const { plan, provisioningEnabled, missingScopes } = await services.previewRollback(selection);
      console.log(formatRollbackPlan(selection, plan, provisioningEnabled, missingScopes));
      return EXIT.done;
    }
    const actor = { id: `cli:rollback:${process.env.USER ?? 'unknown'}`, correlationId: null };
    const bar = rollbackBar(selection.mode);
    const result = await services.runRollback(actor, {
      selection,
      concurrency,
      startedAt,
      signal: stop.signal,
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
    if (result.interrupted) {
      console.error(stoppedLine(result.state.done, result.state.total, 'users (provisioning stays off)'));
      return EXIT.failed;
    }
    console.log(formatRollbackSummary(selection, result));
    return result.state.failed > 0 ? EXIT.failed : EXIT.done;
  },
  { interruptible: true, pool: { prisma: concurrency + 2 } },
);

function payload(failed: number, estimate: string) {
  return { failed, elapsed: formatDuration((Date.now() - startedAt) / 1000), estimate };
}

/** Progress on stderr (stdout keeps the summary). */
function rollbackBar(mode: RollbackSelection['mode']) {
  return progressBar(`rollback [{bar}] {value}/{total} ${mode === 'BLOCK' ? 'blocked' : 'deleted'}, {failed} failed | elapsed {elapsed} | remaining {estimate}`);
}
