// Queue workers (in the gateway by default, or alone with `npm run worker`), the sweep that re-queues
// employees whose job went missing (kill switch backlog, retention, a crash between attempts), and the
// periodic email_verified check.
//
// The kill switch (services/provisioning/provisioning-switch.ts) is obeyed live: while it is off this
// process fetches no job (its pg-boss workers are stopped, so waiting jobs keep their retry count and
// never turn FAILED), and the sweep and the email_verified check skip their runs. A job fetched just
// before the switch went off is not started: it completes without work and is queued again when the
// switch is back on. Jobs already calling Auth0 finish.
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Logger } from '../logger.ts';
import type { Actor } from '../services/audit-trail.ts';
import type { AttemptOutcome } from '../services/provisioning/provisioning-attempt.ts';
import type { ProvisioningObserver } from '../services/provisioning/provisioning-observer.ts';
import type { InvitationOutcome } from '../services/verification.service.ts';
import type { ScheduleClock } from '../services/effective-dates.ts';
import { describeLateness, type ScheduledDeactivationOutcome } from '../services/scheduled-deactivation.service.ts';
import * as schedules from '../store/employee-schedule-store.ts';
import { failsWhenRetriesRunOut, isLastAttempt, SWEEP_POLICY } from '../services/provisioning/job-policy.ts';
import { JOB_KINDS, type ProvisioningJobKind } from '../services/provisioning-queue.ts';
import * as employees from '../store/employee-store.ts';
import { claimQueueLease, releaseQueueLease } from '../store/queue-lease.ts';
import { attemptOf, type PgBossQueue, type ProvisioningJob } from './pg-boss-queue.ts';

export interface WorkerOptions {
  concurrency: number;
  pollingIntervalSeconds: number;
  /** Re-queue PENDING employees and roles out of step with Auth0 this often (0 = never). */
  sweepIntervalSeconds: number;
  /** Read email_verified of CREATED employees this often (0 = never). */
  verificationCheckIntervalSeconds: number;
  /** Most new users given their role by one POST /roles/{id}/users (default 100). */
  roleBatchSize?: number;
  /**
   * How long a role batch waits to fill while more new users are on their way (provision jobs queued, or
   * being worked by this process); a lone new user's batch goes out at once. Default 10 000 ms.
   */
  roleBatchWindowMs?: number;
}

/** The use cases the handlers and timers below call, bound once by the composition root. */
export interface WorkerServices {
  provisionEmployee(actor: Actor, employeeId: string, options: { batchRole: boolean; lastAttempt?: boolean }): Promise<AttemptOutcome>;
  markFailed(actor: Actor, employeeId: string, reason: 'RETRIES_EXHAUSTED', detail: string): Promise<unknown>;
  syncEmployeeRole(actor: Actor, employeeId: string): Promise<AttemptOutcome>;
  syncEmployeeAccount(actor: Actor, employeeId: string): Promise<AttemptOutcome>;
  assignNewUserRoles(actor: Actor, employeeIds: readonly string[]): Promise<{ transient: string | null; credentialsRejected: boolean }>;
  /** `finalAttempt`: the queue's last try, after which a transient failure leaves the invitation FAILED. */
  sendInvitation(actor: Actor, employeeId: string, options: { finalAttempt: boolean }): Promise<InvitationOutcome>;
  checkVerifiedEmails(actor: Actor): Promise<unknown>;
  runScheduledDeactivation(jobId: string, employeeId: string): Promise<ScheduledDeactivationOutcome>;
}

export interface ProvisioningWorkerDeps {
  /** Leases and the sweep. */
  prisma: PrismaClient;
  settings: { leaseMs: number };
  provisioningObserver?: Pick<ProvisioningObserver, 'attemptFailed'>;
  services: WorkerServices;
  /** The schedule's clock, for the sweep's due dated work (default: real time). */
  scheduleClock?: Pick<ScheduleClock, 'now'>;
}

/** The job's audit rows carry its real attempt number: pg-boss counts retries (0 on the first run). */
const jobActor = (job: ProvisioningJob): Actor => ({ id: 'system', correlationId: `job:${job.id}`, attempt: attemptOf(job) });

/** The kill switch as the workers follow it. */
export interface WorkerSwitch {
  isEnabled(): boolean;
  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (status: { enabled: boolean }) => void): () => void;
}

const ALWAYS_ON: WorkerSwitch = { isEnabled: () => true, onChange: () => () => undefined };

/** Thrown to hand a job back to pg-boss, which retries it with exponential backoff and jitter. */
class RetryLater extends Error {}

export async function startProvisioningWorkers(
  queue: PgBossQueue,
  deps: ProvisioningWorkerDeps,
  options: WorkerOptions,
  logger: Logger,
  provisioningSwitch: WorkerSwitch = ALWAYS_ON,
): Promise<() => Promise<void>> {
  const enabled = () => provisioningSwitch.isEnabled();
  // Jobs fetched but not started because the switch went off: queued again when it is back on.
  const deferred = new Map<string, { kind: ProvisioningJobKind; employeeId: string }>();
  const defer = (kind: ProvisioningJobKind, employeeId: string) => deferred.set(`${kind}:${employeeId}`, { kind, employeeId });

  // A job retried after its process died (no heartbeat) usually finds that process's lease still running
  // for a few seconds. Waiting for the lease to end, once, costs those seconds; answering "busy" would cost
  // a retry with exponential backoff each time, which is what stretched crash recovery past a minute.
  const waitingOutALease = async (employeeId: string, attempt: () => Promise<AttemptOutcome>): Promise<AttemptOutcome> => {
    const first = await attempt();
    if (first.kind !== 'busy') return first;
    const lease = await deps.prisma.employee.findUnique({ where: { id: employeeId }, select: { provisioningLeaseUntil: true } });
    const remainingMs = (lease?.provisioningLeaseUntil?.getTime() ?? 0) - Date.now();
    // A lease longer than ours (clock skew, another setting) is not waited for: back off as before.
    if (remainingMs > deps.settings.leaseMs) return first;
    // Polled: a live holder (another job for the same employee) usually lets go long before its lease ends.
    const until = Date.now() + Math.max(0, remainingMs) + 250;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(250, until - Date.now()))));
      const next = await attempt();
      if (next.kind !== 'busy' || Date.now() >= until) return next;
    }
  };

  const settle = async (job: ProvisioningJob, outcome: AttemptOutcome, onGiveUp: (reason: string) => Promise<void>) => {
    if (outcome.kind === 'settled' || outcome.kind === 'role-queued') return;
    const reason = outcome.kind === 'busy' ? 'another process is working on this employee' : outcome.reason;
    if (isLastAttempt(job)) {
      // One line per attempt: "failed for good" below when the employee turns FAILED, this one otherwise.
      if (!failsWhenRetriesRunOut(outcome)) logger.warn({ jobId: job.id, employeeId: job.data.employeeId, attempt: attemptOf(job), reason }, 'provisioning job gave up');
      if (failsWhenRetriesRunOut(outcome)) {
        deps.provisioningObserver?.attemptFailed({ employeeId: job.data.employeeId, attempt: attemptOf(job), final: true, reason: `${reason} (retries exhausted)` });
        await onGiveUp(reason);
      }
      return;
    }
    throw new RetryLater(reason);
  };

  // New users on their way, for the role batch's window: provision jobs queued or being worked, by any
  // process of this queue (counted here too, so this process's own need no query).
  let creatingNow = 0;
  // The tenant's role batch fills in one process at a time (a lease in PostgreSQL), so replicas make one
  // role call per role and window between them, not one each; the others wait their turn with what they
  // fetched. A batch holding a retried job does not wait for the turn (crash recovery adds no window).
  const holder = crypto.randomUUID();
  const roleBatchLease = `role-batch ${queue.schema}/${queue.nameOf('assign-new-user-role')}`;
  const windowMs = options.roleBatchWindowMs ?? 20_000;
  const turn = {
    take: async ({ retried }: { retried: boolean }) => {
      for (;;) {
        const mine = await claimQueueLease(deps.prisma, roleBatchLease, holder, windowMs / 1000 + 30).catch((error: unknown) => {
          logger.warn({ err: error }, 'role batch turn not taken; the batch goes without it');
          return true;
        });
        if (mine || retried) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    giveBack: () => releaseQueueLease(deps.prisma, roleBatchLease, holder).catch((error: unknown) => logger.warn({ err: error }, 'role batch turn not given back')),
  };

  const register = async () => {
    await queue.work('provision-employee', options, async (job) => {
      if (!enabled()) return void defer('provision-employee', job.data.employeeId);
      const actor = jobActor(job);
      const attempt = () => deps.services.provisionEmployee(actor, job.data.employeeId, { batchRole: true, lastAttempt: isLastAttempt(job) });
      creatingNow += 1;
      const outcome = await waitingOutALease(job.data.employeeId, attempt).finally(() => {
        creatingNow -= 1;
      });
      await settle(job, outcome, async (reason) => {
        await deps.services.markFailed(actor, job.data.employeeId, 'RETRIES_EXHAUSTED', `${reason} (gave up after ${attemptOf(job)} attempts)`);
      });
    });
    await queue.work('sync-employee-role', options, async (job) => {
      if (!enabled()) return void defer('sync-employee-role', job.data.employeeId);
      // A role change that ran out of retries stays visible as auth0Role != role and the sweep re-queues it.
      await settle(job, await deps.services.syncEmployeeRole(jobActor(job), job.data.employeeId), async () => undefined);
    });

    await queue.work('sync-employee-account', options, async (job) => {
      if (!enabled()) return void defer('sync-employee-account', job.data.employeeId);
      // Like the role sync: one that ran out of retries stays behind (accountRevision) and the sweep re-queues it.
      await settle(job, await deps.services.syncEmployeeAccount(jobActor(job), job.data.employeeId), async () => undefined);
    });

    // Role batching: one worker per process takes every waiting new user at once (up to roleBatchSize) and
    // gives each role with one POST /roles/{id}/users. While users are still being created (a bulk import at
    // the rate limit trickles them in), the batch waits up to roleBatchWindowMs to fill, so an import costs
    // a few role calls instead of one every few users; a lone hire's batch goes out at once.
    await queue.workBatch(
      'assign-new-user-role',
      {
        batchSize: options.roleBatchSize ?? 100,
        pollingIntervalSeconds: Math.max(options.pollingIntervalSeconds, 0.5),
        windowMs,
        moreComing: async () => creatingNow > 0 || (await queue.hasUnfinished('provision-employee')),
        turn,
      },
      async (jobs) => {
        if (!enabled()) {
          for (const job of jobs) defer('assign-new-user-role', job.data.employeeId);
          return;
        }
        const actor: Actor = { id: 'system', correlationId: `role-batch:${jobs[0]?.id ?? ''}`, attempt: Math.max(1, ...jobs.map(attemptOf)) };
        const { transient, credentialsRejected } = await deps.services.assignNewUserRoles(actor, jobs.map((job) => job.data.employeeId));
        if (!transient) return;
        const exhausted = jobs.filter(isLastAttempt);
        // With rejected credentials the employees stay PENDING; the sweep queues them again.
        for (const job of credentialsRejected ? [] : exhausted) {
          const employee = await deps.prisma.employee.findUnique({ where: { id: job.data.employeeId } });
          if (employee?.auth0SyncStatus === 'PENDING') {
            await deps.services.markFailed(actor, employee.id, 'RETRIES_EXHAUSTED', `${transient} (role assignment gave up after ${attemptOf(job)} attempts)`);
          }
        }
        if (exhausted.length < jobs.length) throw new RetryLater(transient);
      },
    );

    // Invite mode: the first invitation, queued when the account was linked; sent once, retried on transient failures.
    await queue.work('send-invitation', options, async (job) => {
      if (!enabled()) return void defer('send-invitation', job.data.employeeId);
      const outcome = await deps.services.sendInvitation(jobActor(job), job.data.employeeId, { finalAttempt: isLastAttempt(job) });
      if (outcome.kind === 'sent' || outcome.kind === 'skipped') return;
      // Refused outright (e.g. the application is not enabled on the database connection): a configuration
      // problem an operator must see (invitationStatus FAILED, its metric and alert). Either way
      // resendVerification sends it once fixed.
      if (outcome.kind === 'rejected') {
        logger.error({ jobId: job.id, employeeId: job.data.employeeId, reason: outcome.reason }, 'Auth0 refused the invitation; resendVerification sends it');
        return;
      }
      if (isLastAttempt(job)) {
        logger.warn({ jobId: job.id, employeeId: job.data.employeeId, reason: outcome.reason }, 'invitation not sent; resendVerification sends it');
        return;
      }
      throw new RetryLater(outcome.reason);
    });

    // Effective dates: a due deactivation runs as the actor `schedule`, and says how late (a stopped gateway catches up).
    await queue.work('scheduled-deactivation', options, async (job) => {
      if (!enabled()) return void defer('scheduled-deactivation', job.data.employeeId);
      const outcome = await deps.services.runScheduledDeactivation(job.id, job.data.employeeId);
      const fields = { jobId: job.id, employeeId: job.data.employeeId, scheduledAt: 'scheduledAt' in outcome ? outcome.scheduledAt.toISOString() : undefined };
      if (outcome.kind === 'deactivated') {
        const late = outcome.lateMs > 60_000;
        logger[late ? 'warn' : 'info']({ ...fields, lateSeconds: Math.round(outcome.lateMs / 1000) }, `scheduled deactivation ran ${describeLateness(outcome.lateMs)}`);
      } else if (outcome.kind === 'refused') {
        logger.error(fields, "scheduled deactivation refused: the employee's role is now outside the scheduler's reach; cancelled");
      }
    });
  };

  // Switch changes are applied one at a time, in order.
  let working = false;
  let transitions: Promise<void> = Promise.resolve();
  const follow = () => {
    transitions = transitions
      .then(async () => {
        if (enabled() && !working) {
          await register();
          working = true;
          const waiting = [...deferred.values()];
          deferred.clear();
          for (const { kind, employeeId } of waiting) await queue.enqueue(null, kind, employeeId);
          logger.info({ requeued: waiting.length }, 'provisioning switched on: queue workers started');
          // The backlog of employees whose job went missing (retention, crashes) is the sweep's.
          if (options.sweepIntervalSeconds > 0) await sweep(queue, deps);
        } else if (!enabled() && working) {
          working = false;
          for (const kind of JOB_KINDS) await queue.stopWorking(kind);
          logger.warn('provisioning switched off: queue workers stopped, jobs wait in the queue');
        }
      })
      .catch((error: unknown) => logger.error({ err: error }, 'applying the provisioning switch failed'));
  };
  if (enabled()) {
    await register();
    working = true;
  } else {
    logger.warn('provisioning is switched off: queue workers wait for it to be switched on');
  }
  const unsubscribe = provisioningSwitch.onChange(follow);

  const timers: NodeJS.Timeout[] = [];
  const every = (seconds: number, name: string, task: () => Promise<unknown>) => {
    if (seconds <= 0) return;
    let running = false;
    const run = () => {
      if (running || !enabled()) return;
      running = true;
      task()
        .catch((error: unknown) => logger.error({ err: error }, `${name} failed`))
        .finally(() => {
          running = false;
        });
    };
    run();
    timers.push(setInterval(run, seconds * 1000).unref());
  };
  every(options.sweepIntervalSeconds, 'provisioning sweep', () => sweep(queue, deps));
  every(options.verificationCheckIntervalSeconds, 'email_verified check', () =>
    deps.services.checkVerifiedEmails({ id: 'system', correlationId: 'verification-check' }),
  );
  return async () => {
    unsubscribe();
    for (const timer of timers) clearInterval(timer);
    await transitions;
  };
}

/** Re-queues what has no job: PENDING employees and roles out of step (the exclusive policy drops duplicates). */
export async function sweep(queue: PgBossQueue, deps: Pick<ProvisioningWorkerDeps, 'prisma' | 'scheduleClock'>): Promise<number> {
  const pending = await employees.quietPendingIds(deps.prisma, SWEEP_POLICY);
  for (const id of pending) await queue.enqueue(null, 'provision-employee', id);
  const drifted = await employees.roleOutOfStepIds(deps.prisma, SWEEP_POLICY);
  for (const id of drifted) await queue.enqueue(null, 'sync-employee-role', id);
  return pending.length + drifted.length + (await requeueAccountSyncs(queue, deps)) + (await requeueDueSchedules(queue, deps));
}

/** Dated work whose moment has passed: queued again (a waiting job of the kind makes this a no-op). */
async function requeueDueSchedules(queue: PgBossQueue, deps: Pick<ProvisioningWorkerDeps, 'prisma' | 'scheduleClock'>): Promise<number> {
  const now = deps.scheduleClock?.now() ?? new Date();
  const deactivations = await schedules.dueDeactivationIds(deps.prisma, now, SWEEP_POLICY.batchSize);
  for (const id of deactivations) await queue.enqueue(null, 'scheduled-deactivation', id);
  const invitations = await schedules.dueInvitationIds(deps.prisma, now, SWEEP_POLICY.batchSize);
  for (const id of invitations) await queue.enqueue(null, 'send-invitation', id);
  return deactivations.length + invitations.length;
}

/** The sweep's part for account changes (update, deactivation, reactivation) Auth0 has not caught up with. */
export async function requeueAccountSyncs(queue: PgBossQueue, deps: Pick<ProvisioningWorkerDeps, 'prisma'>): Promise<number> {
  const behind = await employees.accountBehindIds(deps.prisma, SWEEP_POLICY);
  for (const id of behind) await queue.enqueue(null, 'sync-employee-account', id);
  return behind.length;
}
