// The schedule as a door: when a pending deactivation is due, the scheduled-deactivation job calls
// deactivateEmployee as the actor `schedule`, with the reach of the caller who scheduled it (judged
// again now, against the role the employee holds now), and says how late it ran (a stopped gateway
// catches up when it is back). docs/design.md "Effective dates".
import type { Actor } from './audit-trail.ts';
import { deactivateEmployee, type EmployeeLifecycleDeps } from './employee-lifecycle.service.ts';
import { scheduledReach, scheduleOf, SCHEDULE_ACTOR_ID, setScheduledDeactivation } from './employee-schedule.ts';
import { EmployeeOutOfReachError } from './errors.ts';

export type ScheduledDeactivationOutcome =
  /** Deactivated, this long after its moment. */
  | { kind: 'deactivated'; scheduledAt: Date; lateMs: number }
  /** Nothing pending (cancelled, done, or the employee left already), or not due yet (moved later). */
  | { kind: 'nothing-due' }
  /** The employee now holds a role outside the scheduler's reach: refused (audited) and cancelled. */
  | { kind: 'refused'; scheduledAt: Date };

/** pg-boss and the gateway read two clocks; a job this early is taken as on time. */
const EARLY_TOLERANCE_MS = 2000;

export async function runScheduledDeactivation(deps: EmployeeLifecycleDeps, jobId: string, employeeId: string): Promise<ScheduledDeactivationOutcome> {
  const employee = await deps.prisma.employee.findUnique({ where: { id: employeeId } });
  const scheduledAt = employee?.active ? employee.scheduledDeactivationAt : null;
  if (!employee || !scheduledAt) return { kind: 'nothing-due' };
  const lateMs = scheduleOf(deps.settings).clock.now().getTime() - scheduledAt.getTime();
  if (lateMs < -EARLY_TOLERANCE_MS) return { kind: 'nothing-due' };
  const actor: Actor = {
    id: SCHEDULE_ACTOR_ID,
    correlationId: `schedule:${jobId}`,
    ...scheduledReach(employee.scheduledDeactivationPermissions),
  };
  const note = `scheduled by ${employee.scheduledDeactivationBy ?? 'unknown'} for ${scheduledAt.toISOString()}, ran ${describeLateness(lateMs)}`;
  const result = await deactivateEmployee(deps, actor, employeeId, `${employee.scheduledDeactivationReason ?? 'scheduled'} (${note})`);
  if (result instanceof EmployeeOutOfReachError) {
    // Promoted since it was scheduled, beyond the scheduler's reach: someone who may must decide again.
    await deps.prisma.$transaction((tx) => setScheduledDeactivation(tx, deps, actor, employee, null, `refused: ${result.message}`));
    return { kind: 'refused', scheduledAt };
  }
  return { kind: 'deactivated', scheduledAt, lateMs: Math.max(0, lateMs) };
}

export function describeLateness(lateMs: number): string {
  if (lateMs <= 1000) return 'on time';
  const seconds = Math.round(lateMs / 1000);
  return seconds < 120 ? `${seconds} s late` : `${Math.round(seconds / 60)} min late`;
}
