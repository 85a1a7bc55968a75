// The runtime kill switch: one row in PostgreSQL ("ProvisioningSwitch"), read by every gateway and worker
// process about once a second, so turning provisioning off through any gateway (setProvisioningEnabled)
// or the rollback CLI stops every process's new Auth0 calls within a few seconds, without a restart.
//
// Why polling and not LISTEN/NOTIFY: a primary-key read per second per process costs nothing, needs no
// dedicated connection, and cannot miss a change across a reconnect; a one-second delay is well inside
// the five seconds promised. `isEnabled()` answers from memory (no query on the createEmployee path).
// When the row cannot be read (database down) the last known state stays.
//
// The row is keyed by the provisioning queue it governs (`<pg-boss schema>/<queue prefix>`): a deployment
// has exactly one; gateways that keep their queues apart in one database (tests) keep their switches apart.
// AUTH0_PROVISIONING_ENABLED is only the value written when no row exists yet (the first start).
import type { PrismaClient } from '../../db/prisma-client.ts';
import type { Actor, AuditTrail } from '../audit-trail.ts';

export interface ProvisioningStatus {
  enabled: boolean;
  reason: string;
  changedAt: Date;
  /** The caller's `sub`, `cli:rollback:<user>`, or `environment` (the first start's value). */
  changedBy: string;
}

/** What provisioning code needs of the switch: the current state, from memory. */
export interface ProvisioningSwitchReader {
  isEnabled(): boolean;
  status(): ProvisioningStatus;
}

export const MAX_SWITCH_REASON_LENGTH = 500;

export interface ProvisioningSwitchOptions {
  /** The queue the switch governs (`<schema>/<prefix>`). */
  scope: string;
  /** Written when no row exists yet (AUTH0_PROVISIONING_ENABLED). */
  initiallyEnabled: boolean;
  /** How often the row is read (default 1000 ms). */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** Called after the state changed (a poll saw another process's change, or `set` here). */
  onChange?: (status: ProvisioningStatus) => void;
}

export class ProvisioningSwitch implements ProvisioningSwitchReader {
  private current: ProvisioningStatus;
  private timer: NodeJS.Timeout | undefined;
  /** One report per outage, not one per poll. */
  private failing = false;
  private readonly listeners = new Set<(status: ProvisioningStatus) => void>();

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly options: ProvisioningSwitchOptions,
    initial: ProvisioningStatus,
  ) {
    this.current = initial;
    if (options.onChange) this.listeners.add(options.onChange);
  }

  /** Reads the row (writing the environment's value when there is none) and starts polling it. */
  static async open(prisma: PrismaClient, options: ProvisioningSwitchOptions): Promise<ProvisioningSwitch> {
    await prisma.provisioningSwitch.createMany({
      data: [
        {
          scope: options.scope,
          enabled: options.initiallyEnabled,
          reason: `AUTH0_PROVISIONING_ENABLED=${options.initiallyEnabled} at first start`,
          changedBy: 'environment',
        },
      ],
      skipDuplicates: true,
    });
    const row = await prisma.provisioningSwitch.findUniqueOrThrow({ where: { scope: options.scope } });
    const opened = new ProvisioningSwitch(prisma, options, toStatus(row));
    opened.timer = setInterval(() => void opened.refresh(), options.pollMs ?? 1000);
    opened.timer.unref();
    return opened;
  }

  isEnabled(): boolean {
    return this.current.enabled;
  }

  status(): ProvisioningStatus {
    return { ...this.current };
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (status: ProvisioningStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the row now (the poll does this every second). */
  async refresh(): Promise<ProvisioningStatus> {
    try {
      const row = await this.prisma.provisioningSwitch.findUnique({ where: { scope: this.options.scope } });
      this.failing = false;
      if (row) this.update(toStatus(row));
    } catch (error) {
      if (!this.failing) this.options.onError?.(error);
      this.failing = true;
    }
    return this.status();
  }

  /**
   * Turns provisioning on or off for every process, with an audit event (actor and reason) in the same
   * transaction. Setting the state it already has still records who confirmed it and why.
   */
  async set(audit: AuditTrail, actor: Actor, enabled: boolean, reason: string): Promise<ProvisioningStatus> {
    const trimmed = reason.trim().slice(0, MAX_SWITCH_REASON_LENGTH);
    const row = await this.prisma.$transaction(async (tx) => {
      const previous = await tx.provisioningSwitch.findUnique({ where: { scope: this.options.scope } });
      const written = await tx.provisioningSwitch.upsert({
        where: { scope: this.options.scope },
        create: { scope: this.options.scope, enabled, reason: trimmed, changedBy: actor.id },
        update: { enabled, reason: trimmed, changedBy: actor.id, changedAt: new Date() },
      });
      await audit.provisioningSwitched(tx, actor, {
        detail: `${previous?.enabled === enabled ? 'kept' : 'switched'} ${enabled ? 'on' : 'off'}: ${trimmed}`,
      });
      return written;
    });
    this.update(toStatus(row));
    return this.status();
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  private update(next: ProvisioningStatus): void {
    const changed = next.enabled !== this.current.enabled;
    this.current = next;
    if (!changed) return;
    for (const listener of this.listeners) listener(this.status());
  }
}

/** A switch that is always on: for code paths (and tests) that run without the database row. */
export const ALWAYS_ENABLED: ProvisioningSwitchReader = {
  isEnabled: () => true,
  status: () => ({ enabled: true, reason: 'always on', changedAt: new Date(0), changedBy: 'system' }),
};

function toStatus(row: { enabled: boolean; reason: string; changedAt: Date; changedBy: string }): ProvisioningStatus {
  return { enabled: row.enabled, reason: row.reason, changedAt: row.changedAt, changedBy: row.changedBy };
}

/** The switch row's key for a provisioning queue. */
export function switchScope(queueSchema: string, queuePrefix: string): string {
  return `${queueSchema}/${queuePrefix}`;
}

/**
 * For /ready and /metrics (built in parallel; plug these in there): a named readiness check that is
 * always ok (a switched-off gateway still serves reads and must stay in the load balancer) but says so,
 * and the value of a `provisioning_enabled` gauge (1 on, 0 off). Both read memory only.
 */
export function provisioningSwitchCheck(reader: ProvisioningSwitchReader): { name: string; check: () => Promise<{ ok: boolean; detail?: string }> } {
  return {
    name: 'provisioning',
    check: async () => {
      const status = reader.status();
      return {
        ok: true,
        detail: status.enabled ? 'on' : `switched off since ${status.changedAt.toISOString()} by ${status.changedBy}: no Auth0 call starts`,
      };
    },
  };
}

export function provisioningEnabledGaugeValue(reader: ProvisioningSwitchReader): number {
  return reader.isEnabled() ? 1 : 0;
}
