// Writes the append-only audit trail: one row per identity-provider call and per provisioning state
// change. Rows carry statuses, Auth0 error codes and secret-free messages only.
import { Prisma, type AuditAction, type Auth0SyncStatus, type EmployeeRole, type PrismaClient } from '../generated/prisma/client.ts';
import { IdentityError } from './identity-provider.ts';

export interface Actor {
  /** The caller's `sub`, or `system`. */
  id: string;
  correlationId: string | null;
  /** The caller's permissions, for rules that depend on them (assignRole's escalation rules). */
  permissions?: ReadonlySet<string>;
  /** Which attempt at this work this is (a queue job's retry count + 1); 1 when unset. */
  attempt?: number;
  /** The most senior role this caller may reach or grant, whatever its permissions (a SCIM token's maxRole). */
  roleCeiling?: EmployeeRole;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', correlationId: null };

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * One audit row, built when its event happens; written at once or with the state change it explains.
 * `happenedAt` (performance.now() at the event) is not a column: a row written later is stamped with the
 * database clock minus the time since its event, so `occurredAt` stays when it happened. The clock is the
 * statement's (`statement_timestamp()`), not the transaction's (`now()`): inside a transaction `now()` is
 * when it began, earlier than the offsets were measured from, and rows written there would be stamped
 * before events that came first.
 */
export type AuditRow = Omit<Prisma.AuditEventCreateManyInput, 'occurredAt'> & { id: string; happenedAt: number };

/**
 * Audit rows of one piece of work not written yet: a successful Auth0 call's row waits for the database
 * write that follows the call (linking the user, marking CREATED) and goes in the same statement, so an
 * attempt writes its rows without a round trip of their own. A failure's row is written at once.
 */
export class PendingAuditRows {
  private readonly rows: AuditRow[] = [];

  add(row: AuditRow): void {
    this.rows.push(row);
  }

  /** The rows waiting, oldest first; they are the caller's to write now. */
  take(): AuditRow[] {
    return this.rows.splice(0);
  }
}

/**
 * `INSERT INTO "AuditEvent" ... SELECT ... WHERE <when>`: the rows in one statement, for raw statements that
 * write them with another change (`when` ties them to it, e.g. `EXISTS (SELECT 1 FROM changed)`).
 */
export function insertAuditRowsSql(rows: readonly AuditRow[], when: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  const offsets = millisecondsBeforeNow(rows);
  const values = rows.map((row, index) => Prisma.sql`(
    ${row.id}::uuid, statement_timestamp() - make_interval(secs => ${offsets[index]! / 1000}::float8), ${row.actor}, ${row.action}::"AuditAction",
    ${row.employeeId ?? null}::uuid, ${row.auth0UserId ?? null}, ${row.outcome}::"AuditOutcome", ${row.httpStatus ?? null}::int,
    ${row.auth0ErrorCode ?? null}, ${row.detail ?? null}, ${row.attempt ?? 1}::int, ${row.durationMs ?? null}::int, ${row.correlationId ?? null})`);
  return Prisma.sql`
    INSERT INTO "AuditEvent" (id, "occurredAt", actor, action, "employeeId", "auth0UserId", outcome, "httpStatus", "auth0ErrorCode", detail, attempt, "durationMs", "correlationId")
    SELECT * FROM (VALUES ${Prisma.join(values)}) AS row WHERE ${when}`;
}

/**
 * How long before the statement each row's event happened, in whole milliseconds (the column's precision),
 * and at least 1 ms apart between one employee's rows: their newest-first order stays exact.
 */
function millisecondsBeforeNow(rows: readonly AuditRow[]): number[] {
  const now = performance.now();
  const offsets: number[] = [];
  const laterOfEmployee = new Map<string | null | undefined, number>();
  for (let index = rows.length - 1; index >= 0; index -= 1) {
    const row = rows[index]!;
    const later = laterOfEmployee.get(row.employeeId);
    const offset = Math.max(0, Math.round(now - row.happenedAt), later === undefined ? 0 : later + 1);
    offsets[index] = offset;
    laterOfEmployee.set(row.employeeId, offset);
  }
  return offsets;
}

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

  /**
   * Runs one identity-provider call and records its outcome, whichever it is; rethrows failures. With
   * `pending`, a success's row joins it (the caller writes it with its next change) and a failure's row is
   * written at once together with every row still pending.
   */
  async identityCall<T>(
    actor: Actor,
    target: CallTarget,
    operation: () => Promise<T>,
    auth0UserIdOf: (result: T) => string | null = () => target.auth0UserId ?? null,
    pending?: PendingAuditRows,
  ): Promise<T> {
    const started = performance.now();
    try {
      const result = await operation();
      const row = auditRow(actor, target, {
        outcome: 'SUCCESS',
        httpStatus: target.successStatus,
        auth0UserId: auth0UserIdOf(result),
        durationMs: Math.round(performance.now() - started),
      });
      if (pending) pending.add(row);
      else await this.writeRows(this.prisma, [row]);
      return result;
    } catch (error) {
      const known = error instanceof IdentityError ? error : null;
      const row = auditRow(actor, target, {
        outcome: 'FAILURE',
        httpStatus: known?.httpStatus ?? null,
        auth0ErrorCode: known?.errorCode ?? null,
        detail: known ? known.message : 'unexpected error (see the gateway log)',
        auth0UserId: target.auth0UserId ?? null,
        durationMs: Math.round(performance.now() - started),
      });
      await this.writeRows(this.prisma, [...(pending?.take() ?? []), row]);
      throw error;
    }
  }

  /** Writes rows (e.g. those an attempt left pending) in one statement. */
  async writeRows(db: Db, rows: readonly AuditRow[]): Promise<void> {
    if (rows.length > 0) await db.$executeRaw(insertAuditRowsSql(rows));
  }

  /** One identity-provider call made for several employees (role batching): one audit row per employee. */
  async identityCallForMany<T>(actor: Actor, targets: readonly CallTarget[], operation: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const detail = `one request for ${targets.length} users`;
    try {
      const result = await operation();
      const durationMs = Math.round(performance.now() - started);
      await this.writeRows(
        this.prisma,
        targets.map((target) =>
          auditRow(actor, target, { outcome: 'SUCCESS', httpStatus: target.successStatus, auth0UserId: target.auth0UserId ?? null, durationMs, detail }),
        ),
      );
      return result;
    } catch (error) {
      const known = error instanceof IdentityError ? error : null;
      const durationMs = Math.round(performance.now() - started);
      await this.writeRows(
        this.prisma,
        targets.map((target) =>
          auditRow(actor, target, {
            outcome: 'FAILURE',
            httpStatus: known?.httpStatus ?? null,
            auth0ErrorCode: known?.errorCode ?? null,
            detail: `${known ? known.message : 'unexpected error (see the gateway log)'} (${detail})`,
            auth0UserId: target.auth0UserId ?? null,
            durationMs,
          }),
        ),
      );
      throw error;
    }
  }

  async employeeCreated(db: Db, actor: Actor, employeeId: string): Promise<void> {
    await this.writeRows(db, [employeeCreatedRow(actor, employeeId)]);
  }

  async syncStatusChanged(db: Db, actor: Actor, change: SyncStatusChange): Promise<void> {
    await this.writeRows(db, [syncStatusChangedRow(actor, change)]);
  }

  /** `employeeCreated` for many employees in one statement (an import chunk). */
  async employeesCreated(db: Db, actor: Actor, employeeIds: readonly string[]): Promise<void> {
    await this.writeRows(db, employeeIds.map((employeeId) => employeeCreatedRow(actor, employeeId)));
  }

  /** Existing Auth0 accounts adopted for new employees (an import with adoptExistingAccounts): one row each, one statement. */
  async accountsAdopted(db: Db, actor: Actor, adopted: readonly { employeeId: string; auth0UserId: string; detail: string }[]): Promise<void> {
    await this.writeRows(
      db,
      adopted.map((entry) =>
        auditRow(actor, { action: 'AUTH0_USER_ADOPTED', employeeId: entry.employeeId }, { outcome: 'SUCCESS', auth0UserId: entry.auth0UserId, detail: entry.detail }),
      ),
    );
  }

  /** Many employees reached `to` at once (a role batch): one row each, one statement. */
  async syncStatusesChanged(db: Db, actor: Actor, changes: readonly { employeeId: string; auth0UserId: string | null }[], to: Auth0SyncStatus): Promise<void> {
    await this.writeRows(db, changes.map((change) => syncStatusChangedRow(actor, { ...change, to })));
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

  /** A SCIM token created or revoked (no employee): its name and id in `detail`, never the secret. */
  async scimTokenChanged(db: Db, actor: Actor, detail: string): Promise<void> {
    await this.write(db, actor, { action: 'SCIM_TOKEN_CHANGED', employeeId: null }, { outcome: 'SUCCESS', detail });
  }

  /** A webhook endpoint created, changed, deleted, its secret rotated or events queued again (no employee): what, in `detail`, never a secret. */
  async webhookEndpointChanged(db: Db, actor: Actor, detail: string): Promise<void> {
    await this.write(db, actor, { action: 'WEBHOOK_ENDPOINT_CHANGED', employeeId: null }, { outcome: 'SUCCESS', detail });
  }

  /** One SCIM request: method, resource and status in `detail`, never its body, query values or token. */
  async scimRequest(db: Db, actor: Actor, request: { detail: string; httpStatus: number; durationMs: number; employeeId: string | null }): Promise<void> {
    await this.write(
      db,
      actor,
      { action: 'SCIM_REQUEST', employeeId: request.employeeId },
      { outcome: request.httpStatus < 400 ? 'SUCCESS' : 'FAILURE', httpStatus: request.httpStatus, detail: request.detail, durationMs: request.durationMs },
    );
  }

  private async write(db: Db, actor: Actor, target: AuditTarget, fields: AuditFields): Promise<void> {
    await this.writeRows(db, [auditRow(actor, target, fields)]);
  }
}

type AuditTarget = { action: AuditAction; employeeId: string | null; attempt?: number };
type AuditFields = Omit<Prisma.AuditEventCreateManyInput, 'id' | 'occurredAt' | 'actor' | 'action' | 'employeeId' | 'correlationId'>;

export interface SyncStatusChange {
  employeeId: string;
  auth0UserId: string | null;
  to: Auth0SyncStatus;
  detail?: string;
}

function auditRow(actor: Actor, target: AuditTarget, fields: AuditFields): AuditRow {
  return {
    id: crypto.randomUUID(),
    happenedAt: performance.now(),
    actor: actor.id,
    correlationId: actor.correlationId,
    action: target.action,
    employeeId: target.employeeId,
    attempt: target.attempt ?? actor.attempt ?? 1,
    ...fields,
  };
}

export function employeeCreatedRow(actor: Actor, employeeId: string): AuditRow {
  return auditRow(actor, { action: 'EMPLOYEE_CREATED', employeeId }, { outcome: 'SUCCESS' });
}

export function syncStatusChangedRow(actor: Actor, change: SyncStatusChange): AuditRow {
  return auditRow(
    actor,
    { action: 'SYNC_STATUS_CHANGED', employeeId: change.employeeId },
    {
      outcome: change.to === 'FAILED' ? 'FAILURE' : 'SUCCESS',
      auth0UserId: change.auth0UserId,
      detail: change.detail ? `${change.to}: ${change.detail}` : change.to,
    },
  );
}
