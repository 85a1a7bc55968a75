// The guard against mass deprovisioning: a broken HR feed must not lock out the workforce. Deactivations
// through SCIM beyond SCIM_DEPROVISION_LIMIT within its window are held, not applied: the employee stays
// active, the request answers success, and an admin releases or discards the held changes. The count is
// the ScimDeactivation rows of the window, decided under one advisory lock, so every process shares one
// limit. docs/design.md "SCIM tokens and the deprovisioning guard", docs/runbook.md "Held SCIM deactivations".
import type { Employee, Prisma, PrismaClient, ScimDeactivation } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { EmployeeNotFoundError, EmployeeOutOfReachError } from './errors.ts';
import { refuseOutOfReach } from './employee-reach.ts';
import { isUuid } from './uuid.ts';

/**
 * SCIM_DEPROVISION_LIMIT as parsed (src/env.ts): a deactivation is held when the window's deactivations,
 * this one included, exceed `count` and exceed `percent` % of the workforce (each when set); null: no limit.
 */
export type DeprovisionLimit = { count: number | null; percent: number | null; windowSeconds: number } | null;

export const DEFAULT_SCIM_DEACTIVATION_REASON = 'deactivated through SCIM';

export type DeprovisionOutcome = 'DEACTIVATED' | 'HELD';

export interface DeprovisionGuard {
  /**
   * Deactivates through the same service as deactivateEmployee, or holds the change when the limit is
   * passed (the employee stays active). Errors as deactivateEmployee's (out of reach, not found, ...).
   */
  deactivate(
    actor: Actor,
    employeeId: string,
    reason: string | null,
  ): Promise<{ outcome: DeprovisionOutcome; employee: Employee } | EmployeeNotFoundError | EmployeeOutOfReachError>;
  /** Discards the employee's held deactivations (a SCIM reactivation: the source changed its mind). */
  withdraw(actor: Actor, employeeId: string): Promise<number>;
  /** The held deactivations waiting for an admin, oldest first. */
  held(): Promise<HeldDeactivation[]>;
  /** Applies held deactivations (as the admin); ids not held (unknown, already resolved) are skipped. */
  release(actor: Actor, ids: readonly string[]): Promise<ResolvedDeactivation[]>;
  /** Drops held deactivations: the employees stay active. */
  discard(actor: Actor, ids: readonly string[]): Promise<ResolvedDeactivation[]>;
}

type Db = PrismaClient | Prisma.TransactionClient;

export type HeldDeactivation = ScimDeactivation & { employee: Employee };

export interface ResolvedDeactivation {
  held: HeldDeactivation;
  /** After a release: the employee as deactivateEmployee left it, or why it refused. */
  result: Employee | EmployeeNotFoundError | EmployeeOutOfReachError;
}

export interface DeprovisionGuardDeps {
  prisma: PrismaClient;
  audit: () => Promise<AuditTrail>;
  /** The bound deactivateEmployee service. */
  deactivateEmployee: (actor: Actor, employeeId: string, reason: string) => Promise<Employee | EmployeeNotFoundError | EmployeeOutOfReachError>;
  limit: DeprovisionLimit;
  /** Told each decision, for the metrics. */
  onDecision?: (outcome: DeprovisionOutcome) => void;
}

// One lock for every process's decisions: pg_advisory_xact_lock takes a bigint; this one is 'SCIMDEPR'.
const GUARD_LOCK_KEY = 0x5343494d44455052n;

/** Whether the window's `nth` deactivation (this one included) passes the limit for a workforce of `workforce`. */
export function passesLimit(limit: DeprovisionLimit, nth: number, workforce: number): boolean {
  if (limit === null || (limit.count === null && limit.percent === null)) return false;
  const overCount = limit.count === null || nth > limit.count;
  const overShare = limit.percent === null || nth > (limit.percent / 100) * workforce;
  return overCount && overShare;
}

/** A burst of deactivations queues for the lock; the decision itself is a few indexed statements. */
const DECISION_TRANSACTION = { maxWait: 10_000, timeout: 10_000 };

export function createDeprovisionGuard(deps: DeprovisionGuardDeps): DeprovisionGuard {
  const { prisma } = deps;
  // One decision at a time in this process (a promise chain, not a library: three lines), so a burst
  // holds one pooled connection waiting on the advisory lock instead of the whole pool.
  let last: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
  // No foreign key to Employee (its model stays untouched; employees are never deleted): joined here.
  const withEmployees = async (db: Db, rows: ScimDeactivation[]): Promise<HeldDeactivation[]> => {
    const employees = await db.employee.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.employeeId))] } } });
    const byId = new Map(employees.map((employee) => [employee.id, employee]));
    return rows.flatMap((row) => {
      const employee = byId.get(row.employeeId);
      return employee ? [{ ...row, employee }] : [];
    });
  };
  const heldRows = async (where: { employeeId?: string }) =>
    withEmployees(prisma, await prisma.scimDeactivation.findMany({ where: { ...where, state: 'HELD' }, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }] }));

  /** Marks the rows resolved, only those still HELD (a concurrent admin's release or discard wins once). */
  const resolve = async (actor: Actor, ids: readonly string[], state: 'RELEASED' | 'DISCARDED') => {
    const wanted = ids.filter(isUuid);
    if (wanted.length === 0) return [];
    const audit = await deps.audit();
    return prisma.$transaction(async (tx) => {
      const claimed = await tx.scimDeactivation.updateManyAndReturn({
        where: { id: { in: wanted }, state: 'HELD' },
        data: { state, resolvedAt: new Date(), resolvedBy: actor.id },
        select: { id: true },
      });
      const rows = await withEmployees(
        tx,
        await tx.scimDeactivation.findMany({ where: { id: { in: claimed.map((row) => row.id) } }, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }] }),
      );
      for (const row of rows) {
        await audit.event(tx, actor, {
          action: state === 'RELEASED' ? 'DEACTIVATION_RELEASED' : 'DEACTIVATION_DISCARDED',
          employeeId: row.employeeId,
          auth0UserId: row.employee.auth0UserId,
          detail: `held SCIM deactivation ${row.id} requested by ${row.actor} at ${row.requestedAt.toISOString()}`,
        });
      }
      return rows;
    });
  };

  return {
    async deactivate(actor, employeeId, reason) {
      if (!isUuid(employeeId)) return new EmployeeNotFoundError(employeeId);
      const employee = await prisma.employee.findUnique({ where: { id: employeeId } });
      if (!employee) return new EmployeeNotFoundError(employeeId);
      const audit = await deps.audit();
      const outOfReach = await refuseOutOfReach({ prisma, audit }, actor, employee, 'deactivateEmployee');
      if (outOfReach) return outOfReach;
      const why = reason ?? DEFAULT_SCIM_DEACTIVATION_REASON;
      if (!employee.active) {
        const result = await deps.deactivateEmployee(actor, employeeId, why);
        return result instanceof Error ? result : { outcome: 'DEACTIVATED', employee: result };
      }
      const decided = await serially(() => prisma.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${GUARD_LOCK_KEY})`;
        // A repeated request (an identity provider retries) for an employee already held stays one held row.
        const pending = await tx.scimDeactivation.findFirst({ where: { employeeId, state: 'HELD' }, select: { id: true } });
        if (pending) return { state: 'HELD' as const, id: pending.id, repeated: true };
        const since = new Date(Date.now() - (deps.limit?.windowSeconds ?? 0) * 1000);
        const applied = deps.limit === null ? 0 : await tx.scimDeactivation.count({ where: { state: 'APPLIED', requestedAt: { gte: since } } });
        // The workforce as it stood when the window opened: those deactivated within it count as active.
        const workforce = deps.limit?.percent == null ? 0 : (await tx.employee.count({ where: { active: true } })) + applied;
        const state = passesLimit(deps.limit, applied + 1, workforce) ? ('HELD' as const) : ('APPLIED' as const);
        const row = await tx.scimDeactivation.create({
          data: { employeeId, actor: actor.id, reason, correlationId: actor.correlationId, state },
          select: { id: true },
        });
        if (state === 'HELD') {
          await audit.event(tx, actor, {
            action: 'DEACTIVATION_HELD',
            employeeId,
            auth0UserId: employee.auth0UserId,
            detail: `held SCIM deactivation ${row.id}: ${applied} deactivations through SCIM in the last ${deps.limit?.windowSeconds ?? 0} s passed SCIM_DEPROVISION_LIMIT; the employee stays active until an admin releases it`,
          });
        }
        return { state, id: row.id, repeated: false };
      }, DECISION_TRANSACTION));
      if (decided.state === 'HELD') {
        if (!decided.repeated) deps.onDecision?.('HELD');
        return { outcome: 'HELD', employee };
      }
      try {
        const result = await deps.deactivateEmployee(actor, employeeId, why);
        if (result instanceof Error) {
          await prisma.scimDeactivation.delete({ where: { id: decided.id } });
          return result;
        }
        deps.onDecision?.('DEACTIVATED');
        return { outcome: 'DEACTIVATED', employee: result };
      } catch (error) {
        await prisma.scimDeactivation.delete({ where: { id: decided.id } }).catch(() => undefined);
        throw error;
      }
    },

    async withdraw(actor, employeeId) {
      if (!isUuid(employeeId)) return 0;
      const rows = await heldRows({ employeeId });
      return (await resolve(actor, rows.map((row) => row.id), 'DISCARDED')).length;
    },

    held: () => heldRows({}),

    async release(actor, ids) {
      const rows = await resolve(actor, ids, 'RELEASED');
      const resolved: ResolvedDeactivation[] = [];
      for (const held of rows) {
        const reason = `${held.reason ?? DEFAULT_SCIM_DEACTIVATION_REASON} (held SCIM deactivation released)`;
        resolved.push({ held, result: await deps.deactivateEmployee(actor, held.employeeId, reason) });
      }
      return resolved;
    },

    async discard(actor, ids) {
      const rows = await resolve(actor, ids, 'DISCARDED');
      return rows.map((held) => ({ held, result: held.employee }));
    },
  };
}
