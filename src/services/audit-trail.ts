// Writes the append-only audit trail: one row per identity-provider call and per provisioning state
// change. Rows carry statuses, Auth0 error codes and secret-free messages only.
import type { AuditAction, Auth0SyncStatus, Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { IdentityError } from './identity-provider.ts';

export interface Actor {
  /** The caller's `sub`, or `system`. */
  id: string;
  correlationId: string | null;
  /** The caller's permissions, for rules that depend on them (assignRole's escalation rules). */
  permissions?: ReadonlySet<string>;
  /** Which attempt at this work this is (a queue job's retry count + 1); 1 when unset. */
  attempt?: number;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', correlationId: null };

type Db = PrismaClient | Prisma.TransactionClient;

interface CallTarget {
  action: AuditAction;
  employeeId: string;
  auth0UserId?: string | null;
  /** Status Auth0 answers on success for this operation (201 create, 204 role assignment...). */
  successStatus: number;
  attempt?: number;
}

export class AuditTrail {
  constructor(private readonly prisma: PrismaClient) {}

  /** Runs one identity-provider call and records its outcome, whichever it is; rethrows failures. */
  async identityCall<T>(
    actor: Actor,
    target: CallTarget,
    operation: () => Promise<T>,
    auth0UserIdOf: (result: T) => string | null = () => target.auth0UserId ?? null,
  ): Promise<T> {
    const started = performance.now();
    try {
      const result = await operation();
      await this.write(this.prisma, actor, target, {
        outcome: 'SUCCESS',
        httpStatus: target.successStatus,
        auth0UserId: auth0UserIdOf(result),
        durationMs: Math.round(performance.now() - started),
      });
      return result;
    } catch (error) {
      const known = error instanceof IdentityError ? error : null;
      await this.write(this.prisma, actor, target, {
        outcome: 'FAILURE',
        httpStatus: known?.httpStatus ?? null,
        auth0ErrorCode: known?.errorCode ?? null,
        detail: known ? known.message : 'unexpected error (see the gateway log)',
        auth0UserId: target.auth0UserId ?? null,
        durationMs: Math.round(performance.now() - started),
      });
      throw error;
    }
  }

  /** One identity-provider call made for several employees (role batching): one audit row per employee. */
  async identityCallForMany<T>(actor: Actor, targets: readonly CallTarget[], operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const detail = `one request for ${targets.length} users`;
    try {
      const result = await operation();
      const durationMs = Math.round(performance.now() - started);
      await this.writeMany(
        this.prisma,
        actor,
        targets.map((target) => ({
          target,
          fields: { outcome: 'SUCCESS', httpStatus: target.successStatus, auth0UserId: target.auth0UserId ?? null, durationMs, detail },
        })),
      );
      return result;
    } catch (error) {
      const known = error instanceof IdentityError ? error : null;
      const durationMs = Math.round(performance.now() - started);
      await this.writeMany(
        this.prisma,
        actor,
        targets.map((target) => ({
          target,
          fields: {
            outcome: 'FAILURE',
            httpStatus: known?.httpStatus ?? null,
            auth0ErrorCode: known?.errorCode ?? null,
            detail: `${known ? known.message : 'unexpected error (see the gateway log)'} (${detail})`,
            auth0UserId: target.auth0UserId ?? null,
            durationMs,
          },
        })),
      );
      throw error;
    }
  }

  async employeeCreated(db: Db, actor: Actor, employeeId: string): Promise<void> {
    await this.write(db, actor, { action: 'EMPLOYEE_CREATED', employeeId }, { outcome: 'SUCCESS' });
  }

  /** `employeeCreated` for many employees in one statement (an import chunk). */
  async employeesCreated(db: Db, actor: Actor, employeeIds: readonly string[]): Promise<void> {
    await this.writeMany(db, actor, employeeIds.map((employeeId) => ({ target: { action: 'EMPLOYEE_CREATED', employeeId }, fields: { outcome: 'SUCCESS' } })));
  }

  /** Many employees reached `to` at once (a role batch): one row each, one statement. */
  async syncStatusesChanged(db: Db, actor: Actor, changes: readonly { employeeId: string; auth0UserId: string | null }[], to: Auth0SyncStatus): Promise<void> {
    await this.writeMany(
      db,
      actor,
      changes.map((change) => ({
        target: { action: 'SYNC_STATUS_CHANGED', employeeId: change.employeeId },
        fields: { outcome: to === 'FAILED' ? 'FAILURE' : 'SUCCESS', auth0UserId: change.auth0UserId, detail: to },
      })),
    );
  }

  async syncStatusChanged(
    db: Db,
    actor: Actor,
    change: { employeeId: string; auth0UserId: string | null; to: Auth0SyncStatus; detail?: string },
  ): Promise<void> {
    await this.write(
      db,
      actor,
      { action: 'SYNC_STATUS_CHANGED', employeeId: change.employeeId },
      {
        outcome: change.to === 'FAILED' ? 'FAILURE' : 'SUCCESS',
        auth0UserId: change.auth0UserId,
        detail: change.detail ? `${change.to}: ${change.detail}` : change.to,
      },
    );
  }

  /** A gateway-side event about an employee (role change, re-queue, manual link). */
  async event(
    db: Db,
    actor: Actor,
    event: { action: AuditAction; employeeId: string; auth0UserId?: string | null; outcome?: 'SUCCESS' | 'FAILURE'; detail?: string },
  ): Promise<void> {
    await this.write(
      db,
      actor,
      { action: event.action, employeeId: event.employeeId },
      { outcome: event.outcome ?? 'SUCCESS', auth0UserId: event.auth0UserId ?? null, detail: event.detail ?? null },
    );
  }

  /** The kill switch was set (no employee): who, and why, in `detail`. */
  async provisioningSwitched(db: Db, actor: Actor, change: { detail: string }): Promise<void> {
    await this.write(db, actor, { action: 'PROVISIONING_SWITCHED', employeeId: null }, { outcome: 'SUCCESS', detail: change.detail });
  }

  /** A rollback step: a run started or finished, a user blocked or deleted (employee null for users no employee links). */
  async rollbackEvent(
    db: Db,
    actor: Actor,
    event: { action: AuditAction; employeeId: string | null; auth0UserId?: string | null; outcome?: 'SUCCESS' | 'FAILURE'; httpStatus?: number | null; auth0ErrorCode?: string | null; detail: string; durationMs?: number; attempt?: number },
  ): Promise<void> {
    await this.write(
      db,
      actor,
      { action: event.action, employeeId: event.employeeId, ...(event.attempt ? { attempt: event.attempt } : {}) },
      {
        outcome: event.outcome ?? 'SUCCESS',
        auth0UserId: event.auth0UserId ?? null,
        httpStatus: event.httpStatus ?? null,
        auth0ErrorCode: event.auth0ErrorCode ?? null,
        detail: event.detail,
        durationMs: event.durationMs ?? null,
      },
    );
  }

  private async writeMany(
    db: Db,
    actor: Actor,
    rows: readonly {
      target: { action: AuditAction; employeeId: string | null; attempt?: number };
      fields: Omit<Prisma.AuditEventCreateManyInput, 'actor' | 'action' | 'employeeId' | 'correlationId'>;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await db.auditEvent.createMany({
      data: rows.map(({ target, fields }) => ({
        actor: actor.id,
        correlationId: actor.correlationId,
        action: target.action,
        employeeId: target.employeeId,
        attempt: target.attempt ?? actor.attempt ?? 1,
        ...fields,
      })),
    });
  }

  private async write(
    db: Db,
    actor: Actor,
    target: { action: AuditAction; employeeId: string | null; attempt?: number },
    fields: Omit<Prisma.AuditEventUncheckedCreateInput, 'actor' | 'action' | 'employeeId' | 'correlationId'>,
  ): Promise<void> {
    await db.auditEvent.create({
      data: {
        actor: actor.id,
        correlationId: actor.correlationId,
        action: target.action,
        employeeId: target.employeeId,
        attempt: target.attempt ?? actor.attempt ?? 1,
        ...fields,
      },
    });
  }
}
