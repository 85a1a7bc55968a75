// The per-employee lease: two processes never work on one employee's Auth0 account at once.
import { Prisma, type Employee, type PrismaClient } from '../../generated/prisma/client.ts';
import { EMPLOYEE_COLUMNS, EMPLOYEE_TABLE_COLUMNS, employeeFromRow } from './employee-row.ts';
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
  // The lease and the row in one statement: the updated row when the lease was taken, else the row as it is.
  const rows = await deps.prisma.$queryRaw<Record<string, unknown>[]>`
    WITH taken AS (
      UPDATE "Employee"
         SET "provisioningLeaseUntil" = now() + make_interval(secs => ${deps.settings.leaseMs / 1000}::float8),
             "provisioningLeaseOwner" = ${ownerOf(deps)}
       WHERE id = ${employeeId}::uuid
         AND (${!options.onlyPending} OR "auth0SyncStatus" = 'PENDING')
         AND ("provisioningLeaseUntil" IS NULL OR "provisioningLeaseUntil" < now())
      RETURNING ${EMPLOYEE_COLUMNS})
    SELECT taken.*, true AS "leaseTaken" FROM taken
    UNION ALL
    SELECT ${EMPLOYEE_TABLE_COLUMNS}, false AS "leaseTaken" FROM "Employee" WHERE id = ${employeeId}::uuid AND NOT EXISTS (SELECT 1 FROM taken)`;
  const [row] = rows;
  if (!row) throw new Prisma.PrismaClientKnownRequestError(`No Employee ${employeeId}`, { code: 'P2025', clientVersion: Prisma.prismaVersion.client });
  const { leaseTaken, ...columns } = row;
  const employee = employeeFromRow(columns);
  if (leaseTaken === true) return { kind: 'leased', employee };
  if (options.onlyPending && employee.auth0SyncStatus !== 'PENDING') return { kind: 'not-pending', employee };
  return { kind: 'busy' };
}

/** Until when a lease taken now runs, by PostgreSQL's clock (for a statement that takes it with other work). */
export function leaseUntilSql(deps: Pick<LeaseDeps, 'settings'>): Prisma.Sql {
  return Prisma.sql`clock_timestamp() + make_interval(secs => ${deps.settings.leaseMs / 1000}::float8)`;
}

/** The owner this process writes into the leases it takes. */
export function leaseOwner(deps: Pick<LeaseDeps, 'instanceId'>): string {
  return ownerOf(deps);
}

/**
 * `acquireLease` for many PENDING employees at once (the role batch): one UPDATE, one read. Returns the
 * employees leased; those leased elsewhere, settled, or without their Auth0 user yet are left out.
 */
export async function acquireLinkedPendingLeases(deps: LeaseDeps, employeeIds: readonly string[]): Promise<Employee[]> {
  if (employeeIds.length === 0) return [];
  const taken = await deps.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Employee"
       SET "provisioningLeaseUntil" = now() + make_interval(secs => ${deps.settings.leaseMs / 1000}::float8),
           "provisioningLeaseOwner" = ${ownerOf(deps)}
     WHERE id = ANY(${[...employeeIds]}::uuid[])
       AND "auth0SyncStatus" = 'PENDING' AND "auth0UserId" IS NOT NULL
       AND ("provisioningLeaseUntil" IS NULL OR "provisioningLeaseUntil" < now())
 RETURNING id::text`;
  if (taken.length === 0) return [];
  return deps.prisma.employee.findMany({ where: { id: { in: taken.map((row) => row.id) } } });
}

/** `releaseLease` for many employees in one statement. */
export async function releaseLeases(deps: Pick<LeaseDeps, 'prisma' | 'instanceId'>, employeeIds: readonly string[]): Promise<void> {
  if (employeeIds.length === 0) return;
  await deps.prisma.employee.updateMany({
    where: { id: { in: [...employeeIds] }, provisioningLeaseOwner: ownerOf(deps) },
    data: { provisioningLeaseUntil: null, provisioningLeaseOwner: null },
  });
}

export async function releaseLease(deps: Pick<LeaseDeps, 'prisma' | 'instanceId'>, employeeId: string): Promise<void> {
  await deps.prisma.employee.updateMany({
    where: { id: employeeId, provisioningLeaseOwner: ownerOf(deps) },
    data: { provisioningLeaseUntil: null, provisioningLeaseOwner: null },
  });
}

/**
 * Renews the lease every third of its length while the work goes on, so a short lease (a killed
 * process blocks the employee only that long) never runs out under a live but slow Auth0 call.
 * Returns the function that stops renewing.
 */
export function keepLeaseAlive(deps: LeaseDeps, employeeId: string): () => void {
  const owner = ownerOf(deps);
  const timer = setInterval(() => {
    deps.prisma.$executeRaw`
      UPDATE "Employee" SET "provisioningLeaseUntil" = now() + make_interval(secs => ${deps.settings.leaseMs / 1000}::float8)
       WHERE id = ${employeeId}::uuid AND "provisioningLeaseOwner" = ${owner}`.catch(() => undefined);
  }, Math.max(500, deps.settings.leaseMs / 3));
  timer.unref();
  return () => clearInterval(timer);
}

const PROCESS_INSTANCE = `pid-${process.pid}-${crypto.randomUUID().slice(0, 8)}`;

function ownerOf(deps: Pick<LeaseDeps, 'instanceId'>): string {
  return deps.instanceId ?? PROCESS_INSTANCE;
}
