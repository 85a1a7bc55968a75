// Dated work on an employee: the first invitation timed by the start date, and the deactivation at the end
// of the end date (or deactivateEmployee's effectiveAt). The row says what will happen
// (invitationScheduledAt, scheduledDeactivationAt); the queue holds a job due then, moved or removed in the
// transaction that changes the row; a job that finds the row changed does nothing. docs/design.md "Effective dates".
import type { Employee, Prisma } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import {
  DEFAULT_SCHEDULE_SETTINGS,
  endOfDay,
  endsBeforeStart,
  formatCalendarDate,
  invitationMoment,
  type ScheduleSettings,
} from './effective-dates.ts';
import { GRANT_ANY_ROLE_PERMISSION, GRANT_JUNIOR_ROLES_PERMISSION, mayReach } from './employee-reach.ts';
import { EndDateBeforeStartDateError, ScheduleNotAllowedError } from './errors.ts';
import type { EnqueueOptions, ProvisioningQueue } from './provisioning-queue.ts';
import type { ProvisioningSettings } from './provisioning/provisioning-settings.ts';

type Tx = Prisma.TransactionClient;

/** Setting an end date or a future deactivation is deactivating, later: the same permission. */
export const SCHEDULE_DEACTIVATION_PERMISSION = 'deactivate:employees';

/** The audit actor of everything the schedule does itself. */
export const SCHEDULE_ACTOR_ID = 'schedule';

export interface ScheduleDeps {
  queue: ProvisioningQueue;
  audit: AuditTrail;
  settings: Pick<ProvisioningSettings, 'onboardingEmail' | 'schedule'>;
}

export function scheduleOf(settings: Pick<ProvisioningSettings, 'schedule'>): ScheduleSettings {
  return settings.schedule ?? DEFAULT_SCHEDULE_SETTINGS;
}

/**
 * Where the first invitation is deferred, the one place that decides it: in invite mode, a start date
 * whose invitation moment (INVITE_DAYS_BEFORE_START days before, at the start of that day) is still ahead
 * defers it to then; otherwise it goes at once (null). Every write of the column takes its value from here.
 */
export function deferredInvitation(
  startDate: Date | null,
  settings: Pick<ProvisioningSettings, 'onboardingEmail' | 'schedule'>,
): { invitationScheduledAt: Date | null } {
  if (settings.onboardingEmail !== 'invite' || startDate === null) return { invitationScheduledAt: null };
  const schedule = scheduleOf(settings);
  const moment = invitationMoment(startDate, schedule);
  return { invitationScheduledAt: moment.getTime() > schedule.clock.now().getTime() ? moment : null };
}

/** The send-invitation job's start for this row: its deferred moment (in real time), else at once. */
export function invitationJobOptions(employee: Pick<Employee, 'invitationScheduledAt'>, settings: Pick<ProvisioningSettings, 'schedule'>): EnqueueOptions {
  return employee.invitationScheduledAt ? { startAfter: scheduleOf(settings).clock.realInstant(employee.invitationScheduledAt) } : {};
}

/** A deactivation to run later: when, why, and with whose reach. */
export interface PlannedDeactivation {
  at: Date;
  reason: string;
  actor: Actor;
}

/** The end of an end date, in the company's time zone. */
export function endDateDeactivation(endDate: Date, actor: Actor, settings: Pick<ProvisioningSettings, 'schedule'>): PlannedDeactivation {
  const schedule = scheduleOf(settings);
  return { at: endOfDay(endDate, schedule.timeZone), reason: `end date ${formatCalendarDate(endDate)} (${schedule.timeZone})`, actor };
}

/**
 * Whether the caller may schedule this employee's deactivation: the permission to deactivate and reach over
 * their role, judged now (the schedule then acts with this reach, judged again when it runs).
 */
export function refuseSchedule(actor: Actor, role: EmployeeRole): ScheduleNotAllowedError | null {
  const permissions = actor.permissions ?? new Set<string>();
  return permissions.has(SCHEDULE_DEACTIVATION_PERMISSION) && mayReach(actor, role) ? null : new ScheduleNotAllowedError();
}

/** The end date may not come before the start date (given, or stored when only one is given). */
export function refuseDates(startDate: Date | null, endDate: Date | null): EndDateBeforeStartDateError | null {
  return endsBeforeStart(startDate, endDate) ? new EndDateBeforeStartDateError(formatCalendarDate(startDate!), formatCalendarDate(endDate!)) : null;
}

/** Stored among the kept permissions when the scheduler had a role ceiling (a SCIM token's maxRole). */
const CEILING_PREFIX = 'role-ceiling:';

/** The permissions a scheduled deactivation keeps: those that decide reach (employee-reach.ts), and the ceiling. */
export function reachPermissions(actor: Actor): string[] {
  const reach = [SCHEDULE_DEACTIVATION_PERMISSION, GRANT_ANY_ROLE_PERMISSION, GRANT_JUNIOR_ROLES_PERMISSION];
  const kept = reach.filter((permission) => actor.permissions?.has(permission));
  return actor.roleCeiling ? [...kept, `${CEILING_PREFIX}${actor.roleCeiling}`] : kept;
}

/** The reach a scheduled deactivation runs with: what reachPermissions kept when it was scheduled. */
export function scheduledReach(kept: readonly string[]): Pick<Actor, 'permissions' | 'roleCeiling'> {
  const ceiling = kept.find((entry) => entry.startsWith(CEILING_PREFIX))?.slice(CEILING_PREFIX.length) as EmployeeRole | undefined;
  return { permissions: new Set(kept.filter((entry) => !entry.startsWith(CEILING_PREFIX))), ...(ceiling ? { roleCeiling: ceiling } : {}) };
}

/**
 * Sets (or, with null, cancels) the employee's pending deactivation: the row, its job (moved to the new
 * moment, or removed) and an audit row, in the caller's transaction. Nothing pending and nothing asked: no-op.
 */
export async function setScheduledDeactivation(
  tx: Tx,
  deps: ScheduleDeps,
  actor: Actor,
  employee: Pick<Employee, 'id' | 'auth0UserId' | 'scheduledDeactivationAt'>,
  plan: PlannedDeactivation | null,
  why: string,
): Promise<void> {
  if (plan === null && employee.scheduledDeactivationAt === null) return;
  const clock = scheduleOf(deps.settings).clock;
  await tx.employee.update({
    where: { id: employee.id },
    data: {
      scheduledDeactivationAt: plan?.at ?? null,
      scheduledDeactivationReason: plan?.reason ?? null,
      scheduledDeactivationBy: plan?.actor.id ?? null,
      scheduledDeactivationPermissions: plan ? reachPermissions(plan.actor) : [],
    },
  });
  await deps.queue.reschedule(tx, 'scheduled-deactivation', employee.id, plan ? clock.realInstant(plan.at) : null);
  await deps.audit.event(tx, actor, {
    action: plan ? 'EMPLOYEE_DEACTIVATION_SCHEDULED' : 'EMPLOYEE_DEACTIVATION_CANCELLED',
    employeeId: employee.id,
    auth0UserId: employee.auth0UserId,
    detail: plan ? `at ${plan.at.toISOString()}: ${plan.reason} (${why})` : why,
  });
}

/**
 * A changed start date moves the first invitation still owed to a linked account (its job is queued
 * already); one not linked yet is queued by the link, from the row. Sent already: nothing to move.
 */
export async function rescheduleInvitation(
  tx: Tx,
  deps: ScheduleDeps,
  employee: Pick<Employee, 'id' | 'auth0UserId' | 'invitationSentAt' | 'invitationScheduledAt' | 'auth0LinkedAt'>,
  invitationScheduledAt: Date | null,
): Promise<void> {
  if (deps.settings.onboardingEmail !== 'invite' || employee.auth0UserId === null || employee.invitationSentAt !== null) return;
  // An account linked by hand gets no automatic invitation, unless one was deferred for it (an unused adopted one).
  if (employee.auth0LinkedAt !== null && employee.invitationScheduledAt === null) return;
  const clock = scheduleOf(deps.settings).clock;
  await deps.queue.reschedule(tx, 'send-invitation', employee.id, invitationScheduledAt ? clock.realInstant(invitationScheduledAt) : new Date());
}
