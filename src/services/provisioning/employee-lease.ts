// The per-employee lease: two processes never work on one employee's Auth0 account at once.
import type { Employee, PrismaClient } from '../../generated/prisma/client.ts';
import * as employees from '../../store/employee-store.ts';
import type { ProvisioningSettings } from './provisioning-settings.ts';

export interface LeaseDeps {
  prisma: PrismaClient;
  settings: Pick<ProvisioningSettings, 'leaseMs'>;
  /** Names this process in leases (diagnostics only). */
  instanceId?: string;
}

/**
 * The per-employee lock: a lease row-update decided by PostgreSQL's clock, so it works across processes
 * without holding a connection or a transaction open during Auth0 calls. A process that dies holding it
 * blocks the employee only until the lease runs out.
 */
export type Lease =
  | { kind: 'leased'; employee: Employee }
  | { kind: 'busy' }
  /** Only with `onlyPending`: the employee as read, so the caller need not read it again. */
  | { kind: 'not-pending'; employee: Employee };

export async function acquireLease(deps: LeaseDeps, employeeId: string, options: { onlyPending: boolean }): Promise<Lease> {
  const { employee, taken } = await employees.takeLease(deps.prisma, employeeId, leaseTerms(deps), options.onlyPending);
  if (taken) return { kind: 'leased', employee };
  if (options.onlyPending && employee.auth0SyncStatus !== 'PENDING') return { kind: 'not-pending', employee };
  return { kind: 'busy' };
}

/** The lease this process takes: its length and its owner. */
export function leaseTerms(deps: Pick<LeaseDeps, 'settings' | 'instanceId'>): employees.LeaseTerms {
  return { seconds: deps.settings.leaseMs / 1000, owner: ownerOf(deps) };
}

/**
 * `acquireLease` for many PENDING employees at once (the role batch): one UPDATE, one read. Returns the
 * employees leased; those leased elsewhere, settled, or without their Auth0 user yet are left out.
 */
export async function acquireLinkedPendingLeases(deps: LeaseDeps, employeeIds: readonly string[]): Promise<Employee[]> {
  return employees.takeLinkedPendingLeases(deps.prisma, employeeIds, leaseTerms(deps));
}

/** `releaseLease` for many employees in one statement. */
export async function releaseLeases(deps: Pick<LeaseDeps, 'prisma' | 'instanceId'>, employeeIds: readonly string[]): Promise<void> {
  await employees.releaseLeases(deps.prisma, employeeIds, ownerOf(deps));
}

export async function releaseLease(deps: Pick<LeaseDeps, 'prisma' | 'instanceId'>, employeeId: string): Promise<void> {
  await employees.releaseLeases(deps.prisma, [employeeId], ownerOf(deps));
}

/**
 * Renews the lease every third of its length while the work goes on, so a short lease (a killed
 * process blocks the employee only that long) never runs out under a live but slow Auth0 call.
 * Returns the function that stops renewing.
 */
export function keepLeaseAlive(deps: LeaseDeps, employeeId: string): () => void {
  const terms = leaseTerms(deps);
  const timer = setInterval(() => {
    employees.renewLease(deps.prisma, employeeId, terms).catch(() => undefined);
  }, Math.max(500, deps.settings.leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

const PROCESS_INSTANCE = `pid-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

function ownerOf(deps: Pick<LeaseDeps, 'instanceId'>): string {
  return deps.instanceId ?? PROCESS_INSTANCE;
}
