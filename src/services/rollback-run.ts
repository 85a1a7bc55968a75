// The rollback as one use case (`npm run rollback`): a preview that changes nothing, and the run itself:
// switch provisioning off for every process, start or resume the run, execute it, rescan for users a call
// under way created after the first scan, finish it, and estimate what is left. The steps live in
// rollback.service.ts; the CLI only parses, calls this and prints (src/cli/rollback.ts).
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Actor } from './audit-trail.ts';
import type { IdentityGrant } from './identity-provider.ts';
import { DELETE_USERS_SCOPE, missingScopes, requireScopes } from './management-scopes.ts';
import type { ProvisioningStatus, ProvisioningSwitch } from './provisioning/provisioning-switch.ts';
import { bucketSeconds, formatDuration } from './rollback-estimate.ts';
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
} from './rollback.service.ts';

export interface RollbackRunDeps extends RollbackDeps {
  provisioningSwitch: Pick<ProvisioningSwitch, 'isEnabled' | 'set' | 'status'>;
  grant: IdentityGrant;
}

/** What each mode calls: the search and reads, then a block (PATCH) or a delete, and unlinking (PATCH, role removal). */
export function rollbackScopes(mode: RollbackSelection['mode']): string[] {
  return mode === 'DELETE' ? ['read:users', 'update:users', DELETE_USERS_SCOPE] : ['read:users', 'update:users'];
}

/** After switching off: every process reads the switch within about a second; calls already under way finish. */
export const SWITCH_GRACE_MS = 5_000;
const FAILURE_SAMPLE = 10;
/** The estimate reads the pacer's bucket: at most this often while the run goes on. */
const ESTIMATE_EVERY_MS = 2_000;

export interface RemainingEstimate {
  seconds: number | null;
  text: string;
}

export interface RollbackRunOptions {
  selection: RollbackSelection;
  /** Users handled at once (the Auth0 calls are paced by the shared pacer either way). */
  concurrency: number;
  /** Wait after switching provisioning off (default SWITCH_GRACE_MS). */
  switchGraceMs?: number;
  /** When the operator's command started (ms since the epoch; default now): the elapsed time counts from it. */
  startedAt?: number;
  /** Provisioning was on and is now off; the run starts after `graceMs`. */
  onSwitchedOff?(graceMs: number): void;
  onAlreadyOff?(status: ProvisioningStatus): void;
  onStarted?(state: RollbackRunState): void;
  /** After each user and each rescan, with the latest estimate of the time left (none yet at first). */
  onProgress?(state: RollbackRunState, estimate: RemainingEstimate | undefined): void;
  /** Aborted: no further user is started, the ones under way finish, and the run stays open to resume. */
  signal?: AbortSignal;
}

export interface RollbackRunResult {
  state: RollbackRunState;
  elapsedSeconds: number;
  remaining: number;
  estimate: RemainingEstimate;
  /** Accounts linked by hand that the run only unlinked (left in place). */
  handLinked: number;
  /** A sample of the users that failed (rerun to retry them). */
  failures: { auth0UserId: string; email: string; detail: string | null }[];
  /** Stopped by `signal` before every user was handled: the same command resumes the run. */
  interrupted: boolean;
}

/** What a run would do, whether provisioning is on now, and the scopes an --execute would lack; changes nothing. */
export async function previewRollback(
  deps: Pick<RollbackRunDeps, 'prisma' | 'directory' | 'provisioningSwitch' | 'grant'>,
  selection: RollbackSelection,
): Promise<{ plan: RollbackPlan; provisioningEnabled: boolean; missingScopes: string[] }> {
  const plan = await planRollback(deps, selection);
  return { plan, provisioningEnabled: deps.provisioningSwitch.isEnabled(), missingScopes: await missingScopes(deps.grant, rollbackScopes(selection.mode)) };
}

export async function runRollback(deps: RollbackRunDeps, actor: Actor, options: RollbackRunOptions): Promise<RollbackRunResult> {
  const { selection } = options;
  const startedAt = options.startedAt ?? Date.now();
  // Before the first change (switching provisioning off): a run that would fail on every user stops here.
  await requireScopes(deps.grant, `rollback --mode ${selection.mode.toLowerCase()}`, rollbackScopes(selection.mode));
  if (deps.provisioningSwitch.isEnabled()) {
    const graceMs = options.switchGraceMs ?? SWITCH_GRACE_MS;
    await deps.provisioningSwitch.set(deps.audit, actor, false, `rollback (${describeSelection(selection)})`);
    options.onSwitchedOff?.(graceMs);
    await abortableDelay(graceMs, options.signal);
  } else {
    options.onAlreadyOff?.(deps.provisioningSwitch.status());
  }

  let state = await startOrResumeRun(deps, actor, selection, await planRollback(deps, selection));
  options.onStarted?.(state);
  const progress = progressWithEstimate(deps.prisma, selection.mode, state, options.onProgress);
  for (let round = 0; ; round += 1) {
    state = await executeRun(deps, actor, state.id, { concurrency: options.concurrency, onProgress: progress, ...(options.signal ? { signal: options.signal } : {}) });
    // Users a call under way created after the first scan: a later scan lists them (the search lags a little).
    if (round >= 2 || state.failed > 0 || options.signal?.aborted) break;
    const added = await addToRun(deps.prisma, state.id, await planRollback(deps, selection));
    if (added === 0) break;
    state = await runState(deps.prisma, state.id);
    progress(state);
  }
  const interrupted = options.signal?.aborted === true && state.done + state.failed < state.total;
  // An interrupted run stays open: the same command resumes it (startOrResumeRun).
  if (!interrupted) state = await finishRun(deps, actor, state.id);

  const elapsedSeconds = (Date.now() - startedAt) / 1000;
  const remaining = state.total - state.done;
  const [estimate, handLinked, failures] = await Promise.all([
    estimateRemaining(deps.prisma, selection.mode, remaining, state.done, elapsedSeconds),
    deps.prisma.rollbackUser.count({ where: { runId: state.id, unlinkOnly: true, state: 'DONE' } }),
    deps.prisma.rollbackUser.findMany({
      where: { runId: state.id, state: 'FAILED' },
      take: FAILURE_SAMPLE,
      select: { auth0UserId: true, email: true, detail: true },
    }),
  ]);
  return { state, elapsedSeconds, remaining, estimate, handLinked, failures, interrupted };
}

function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Progress reports carrying the latest estimate, refreshed in the background at this run's own rate. */
function progressWithEstimate(
  prisma: PrismaClient,
  mode: RollbackSelection['mode'],
  initial: RollbackRunState,
  report: RollbackRunOptions['onProgress'],
): (state: RollbackRunState) => void {
  let estimate: RemainingEstimate | undefined;
  let estimatedAt = 0;
  let estimating = false;
  const runStartedAt = Date.now();
  return (state) => {
    report?.(state, estimate);
    if (!report || estimating || Date.now() - estimatedAt < ESTIMATE_EVERY_MS) return;
    estimating = true;
    estimatedAt = Date.now();
    void estimateRemaining(prisma, mode, state.total - state.done, state.done - initial.done, (Date.now() - runStartedAt) / 1000)
      .then((result) => {
        estimate = result;
      })
      .finally(() => {
        estimating = false;
      });
  };
}

/**
 * The time the remaining users take under the tenant's limit, as its rate-limit headers announce it (the
 * pacer's learned bucket for block or delete calls); the rate this run reached when none is known yet.
 */
export async function estimateRemaining(
  prisma: PrismaClient,
  mode: RollbackSelection['mode'],
  remaining: number,
  done: number,
  elapsedSeconds: number,
): Promise<RemainingEstimate> {
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
