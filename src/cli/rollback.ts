// `npm run rollback -- [--created-after T] [--department D] [--mode block|delete] [--execute] [--concurrency N]`
//
// The plan's complete rollback (docs/runbook.md). Without --execute: reads Auth0 and the database and
// prints what it would do (counts, a sample, the time it would take on each Auth0 plan); changes nothing.
// With --execute: switches provisioning off for every process (and leaves it off), waits for them to
// obey, then blocks (PATCH blocked: true) or deletes every Auth0 user the system created within the
// selection, paced by the shared rate-limit pacer, unlinking their employees (back to PENDING). Progress
// is kept in PostgreSQL: after an interruption, the same command continues where it stopped and changes
// no user twice (src/services/rollback.service.ts). Progress on stderr; the summary on stdout.
// Exit code: 0 every user handled; 1 some users failed (rerun to retry them) or an error; 2 usage.
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { composeCliGateway } from './cli-gateway.ts';
import type { Actor } from '../services/audit-trail.ts';
import { bucketSeconds, formatDuration, PLAN_LIMITS, rollbackSecondsOnPlan } from '../services/rollback-estimate.ts';
import {
  addToRun,
  describeSelection,
  executeRun,
  finishRun,
  planRollback,
  runState,
  startOrResumeRun,
  type RollbackDeps,
  type RollbackPlan,
  type RollbackRunState,
  type RollbackSelection,
} from '../services/rollback.service.ts';
import type { PrismaClient } from '../db/prisma-client.ts';

const USAGE = 'usage: npm run rollback -- [--created-after 2026-11-01T00:00:00Z] [--department D] [--mode block|delete] [--execute] [--concurrency N]';
/** After switching off: every process reads the switch within about a second; calls already under way finish. */
const SWITCH_GRACE_MS = 5_000;
const SAMPLE_SIZE = 10;

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
  const [{ prisma }, audit, identity, provisioningSwitch] = await Promise.all([
    gateway.database(),
    gateway.audit(),
    gateway.identity(),
    gateway.provisioningSwitch(),
  ]);
  const deps: RollbackDeps = { prisma, audit, directory: identity.provider, removal: identity.provider };
  const actor: Actor = { id: `cli:rollback:${process.env.USER ?? 'unknown'}`, correlationId: null };
  const verb = selection.mode === 'BLOCK' ? 'block' : 'delete';

  if (!execute) {
    const plan = await planRollback(deps, selection);
    printPlan(plan, provisioningSwitch.isEnabled());
  } else {
    if (provisioningSwitch.isEnabled()) {
      await provisioningSwitch.set(audit, actor, false, `rollback (${describeSelection(selection)})`);
      console.error(`provisioning switched OFF for every gateway and worker; waiting ${SWITCH_GRACE_MS / 1000} s for calls under way to finish`);
      await new Promise((resolve) => setTimeout(resolve, SWITCH_GRACE_MS));
    } else {
      const status = provisioningSwitch.status();
      console.error(`provisioning is already off (since ${status.changedAt.toISOString()}, by ${status.changedBy}: ${status.reason})`);
    }
    let state = await startOrResumeRun(deps, actor, selection, await planRollback(deps, selection));
    console.error(
      `${state.resumed ? 'resuming' : 'started'} rollback run ${state.id}: ${describeSelection(selection)}; ${state.total} users, ${state.done} done, ${state.pending} to ${verb}`,
    );
    const progress = startProgressBar(prisma, selection.mode, state);
    for (let round = 0; ; round += 1) {
      state = await executeRun(deps, actor, state.id, { concurrency, onProgress: (current) => progress.show(current) });
      // Users a call under way created after the first scan: a later scan lists them (the search lags a little).
      if (round >= 2 || state.failed > 0) break;
      const added = await addToRun(prisma, state.id, await planRollback(deps, selection));
      if (added === 0) break;
      state = await runState(prisma, state.id);
      progress.show(state);
    }
    progress.stop();
    state = await finishRun(deps, actor, state.id);
    const elapsed = (Date.now() - startedAt) / 1000;
    const remaining = state.total - state.done;
    const estimate = await estimateRemaining(prisma, selection.mode, remaining, state.done, elapsed);
    console.log(
      [
        `rollback run ${state.id}: ${state.done}/${state.total} users ${verb === 'block' ? 'blocked' : 'deleted'} (or found so), employees unlinked`,
        `failed ${state.failed}`,
        `elapsed ${formatDuration(elapsed)}`,
        `remaining ${remaining}${remaining > 0 ? ` (≈ ${estimate.text})` : ''}`,
      ].join(' | '),
    );
    const handLinked = await prisma.rollbackUser.count({ where: { runId: state.id, unlinkOnly: true, state: 'DONE' } });
    if (handLinked > 0) console.log(`  of which ${handLinked} accounts linked by hand: only unlinked (metadata and roles removed), left in place`);
    for (const user of await prisma.rollbackUser.findMany({ where: { runId: state.id, state: 'FAILED' }, take: SAMPLE_SIZE })) {
      console.log(`  FAILED ${user.auth0UserId} <${user.email}>: ${user.detail ?? ''}`);
    }
    console.log(
      'Provisioning stays OFF. Switch it on again (setProvisioningEnabled) only when the cause is fixed; the unlinked employees are then provisioned again.',
    );
    if (state.failed > 0) exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  exitCode = 1;
} finally {
  await gateway.close();
}
process.exit(exitCode);

function printPlan(plan: RollbackPlan, enabled: boolean): void {
  const users = plan.candidates.filter((user) => !user.unlinkOnly);
  const handLinked = plan.candidates.filter((user) => user.unlinkOnly);
  const unlinked = users.filter((user) => user.employeeId === null).length;
  const blocked = users.filter((user) => user.blocked).length;
  const verb = selection.mode === 'BLOCK' ? 'block (PATCH blocked: true)' : 'delete (DELETE /api/v2/users/{id})';
  const lines = [
    'DRY RUN: nothing was changed. Add --execute to do it.',
    `Selection: ${describeSelection(selection)}`,
    `Auth0 users created by this system (app_metadata.created_by = productivity_system): ${users.length}`,
    `  linked to an employee: ${plan.linkedEmployees}; linked to no employee: ${unlinked}; already blocked: ${blocked}`,
    `Accounts linked by hand (not created by this system): ${handLinked.length}; only unlinked (the gateway's metadata and roles removed), never blocked or deleted`,
    `Employees that would be unlinked (auth0UserId cleared, back to PENDING): ${plan.linkedEmployees}`,
    `Left alone: ${plan.linkedNotCreatedBySystem} linked users this system did not create, ${plan.linkedUserMissing} linked users that no longer exist`,
    `Would: switch provisioning off (${enabled ? 'it is on now' : 'it is already off'}), then ${verb} ${selection.mode === 'BLOCK' ? users.length - blocked : users.length} users.`,
    'Time at the documented Management API limits (search plus one write per user):',
    ...PLAN_LIMITS.map((limits) => `  ${limits.plan.padEnd(26)} ${formatDuration(rollbackSecondsOnPlan(users.length, selection.mode, limits))}`),
    `Sample (${Math.min(SAMPLE_SIZE, plan.candidates.length)} of ${plan.candidates.length}):`,
    ...plan.candidates
      .slice(0, SAMPLE_SIZE)
      .map(
        (user) =>
          `  ${user.auth0UserId} <${user.email}> created ${user.createdAt.toISOString()}${user.blocked ? ' (blocked)' : ''}${user.unlinkOnly ? ' (linked by hand: unlink only)' : ''} ${
            user.employeeId ? `employee ${user.employeeId} (${user.department})` : 'no employee'
          }`,
      ),
  ];
  console.log(lines.join('\n'));
}

/**
 * The time the remaining users take under the tenant's limit, as its rate-limit headers announce it (the
 * pacer's learned bucket for block or delete calls); the rate this run reached when none is known yet.
 */
async function estimateRemaining(
  prisma: PrismaClient,
  mode: RollbackSelection['mode'],
  remaining: number,
  done: number,
  elapsedSeconds: number,
): Promise<{ seconds: number | null; text: string }> {
  const group = mode === 'BLOCK' ? 'users:write' : 'users:delete';
  const bucket = await prisma.auth0RateLimitBucket
    .findFirst({ where: { key: { endsWith: ` ${group}` }, refillPerSec: { gt: 0 } }, orderBy: { updatedAt: 'desc' } })
    .catch(() => null);
  if (bucket) {
    const available = Math.min(bucket.capacity, bucket.tokens + bucket.refillPerSec * ((Date.now() - bucket.updatedAt.getTime()) / 1000));
    const seconds = bucketSeconds(remaining, { available, perSecond: bucket.refillPerSec });
    return { seconds, text: `${formatDuration(seconds)} at the tenant's ${group} limit, ${bucket.capacity} burst + ${Math.round(bucket.refillPerSec * 60)}/min` };
  }
  if (done > 0 && elapsedSeconds > 0) {
    const seconds = remaining / (done / elapsedSeconds);
    return { seconds, text: `${formatDuration(seconds)} at this run's ${(done / elapsedSeconds).toFixed(1)} users/s` };
  }
  return { seconds: null, text: 'unknown yet' };
}

/**
 * Progress on stderr (stdout keeps the summary). On a terminal the bar redraws in place; in a log (not a
 * TTY) it writes a plain line every 10 seconds instead.
 */
function startProgressBar(prisma: PrismaClient, mode: RollbackSelection['mode'], initial: RollbackRunState) {
  const bar = new cliProgress.SingleBar({
    format: `rollback [{bar}] {value}/{total} ${mode === 'BLOCK' ? 'blocked' : 'deleted'}, {failed} failed | elapsed {elapsed} | remaining {estimate}`,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    clearOnComplete: !process.stderr.isTTY,
    // Leave the terminal's line-wrap mode alone: a Ctrl-C would leave it switched off.
    linewrap: true,
  });
  const payload = (state: RollbackRunState, estimate: string) => ({
    failed: state.failed,
    elapsed: formatDuration((Date.now() - startedAt) / 1000),
    estimate,
  });
  let estimate = '?';
  let estimatedAt = 0;
  let estimating = false;
  const runStartedAt = Date.now();
  const doneAtStart = initial.done;
  bar.start(initial.total, initial.done, payload(initial, estimate));
  return {
    show(state: RollbackRunState) {
      bar.setTotal(state.total);
      bar.update(state.done, payload(state, estimate));
      // The estimate reads the pacer's bucket: at most every 2 s.
      if (estimating || Date.now() - estimatedAt < 2000) return;
      estimating = true;
      estimatedAt = Date.now();
      void estimateRemaining(prisma, mode, state.total - state.done, state.done - doneAtStart, (Date.now() - runStartedAt) / 1000)
        .then((result) => {
          estimate = `≈ ${result.text}`;
        })
        .finally(() => {
          estimating = false;
        });
    },
    stop: () => bar.stop(),
  };
}
