// The metadata backfill (`npm run metadata:backfill`): brings the Auth0 users of existing employees to the
// metadata shape the gateway writes today (Option A; Option B's PodFactory emails when enabled), so a
// tenant can move between the two. Dry run by default. Resumable by construction: a user already current
// is skipped, so a rerun after a crash (or an outage) only does what is left. Every Auth0 call goes through
// the adapter, and so through the shared rate-limit pacer.
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import type { Actor, AuditTrail } from './audit-trail.ts';
import { readUsersByIds } from './auth0-user-reads.ts';
import { accountProfileOf } from './employee-account-sync.ts';
import type { AccountMetadataShape, IdentityDirectory, IdentityProvider } from './identity-provider.ts';
import { acquireLease, releaseLease } from './provisioning/employee-lease.ts';

export interface MetadataBackfillDeps {
  prisma: PrismaClient;
  audit: AuditTrail;
  identityProvider: Pick<IdentityProvider, 'updateUser'> & IdentityDirectory & AccountMetadataShape;
  /** The per-employee lease, so the backfill never writes a user a sync job is writing. */
  leaseMs: number;
}

export type BackfillOutcome =
  /** Dry run: the user would be updated. */
  | 'WOULD_UPDATE'
  | 'UPDATED'
  /** Already current (skipped). */
  | 'CURRENT'
  /** The linked user no longer exists in Auth0 (see the reconciliation report). */
  | 'USER_MISSING'
  /** Another process held the employee (a sync job); rerun to cover it. */
  | 'BUSY'
  /** Auth0 refused or failed; rerun to retry. */
  | 'FAILED';

export interface BackfillItem {
  employeeId: string;
  email: string;
  auth0UserId: string;
  outcome: BackfillOutcome;
  detail?: string;
}

const PAGE = 100;

export interface BackfillOptions {
  execute: boolean;
  department?: string | null;
  onItem?: (item: BackfillItem) => void;
  /** Aborted: no further user is started (the one under way finishes); a rerun skips what is current. */
  signal?: AbortSignal;
}

/** Users per outcome; `total` linked employees in the selection; `interrupted` when the signal stopped it first. */
export type BackfillCounts = Record<BackfillOutcome, number> & { total: number; interrupted: boolean };

export async function backfillMetadata(
  deps: MetadataBackfillDeps,
  actor: Actor,
  options: BackfillOptions,
): Promise<BackfillCounts> {
  const counts: BackfillCounts = { WOULD_UPDATE: 0, UPDATED: 0, CURRENT: 0, USER_MISSING: 0, BUSY: 0, FAILED: 0, total: 0, interrupted: false };
  const linked = { auth0UserId: { not: null }, ...(options.department ? { department: options.department } : {}) };
  counts.total = await deps.prisma.employee.count({ where: linked });
  const report = (item: BackfillItem) => {
    counts[item.outcome] += 1;
    options.onItem?.(item);
  };
  let after: string | null = null;
  for (;;) {
    const employees: Employee[] = await deps.prisma.employee.findMany({
      where: { ...linked, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    if (employees.length === 0) break;
    after = employees[employees.length - 1]!.id;
    // One search per page; users the lagging index does not have (or has stale) are read directly below.
    const users = await readUsersByIds(deps.identityProvider, employees.map((employee) => employee.auth0UserId!));
    for (const employee of employees) {
      if (options.signal?.aborted) {
        counts.interrupted = true;
        return counts;
      }
      const userId = employee.auth0UserId!;
      const base = { employeeId: employee.id, email: employee.email, auth0UserId: userId };
      const profile = accountProfileOf(employee);
      let user = users.get(userId);
      if (user instanceof Error) {
        report({ ...base, outcome: 'FAILED', detail: user.message });
        continue;
      }
      // The search trails writes: confirm "not current" with the immediately consistent read.
      if (user && !deps.identityProvider.accountMetadataIsCurrent(user, profile)) user = await deps.identityProvider.getUserProfile(userId);
      if (!user) {
        report({ ...base, outcome: 'USER_MISSING' });
        continue;
      }
      if (deps.identityProvider.accountMetadataIsCurrent(user, profile)) {
        report({ ...base, outcome: 'CURRENT' });
        continue;
      }
      if (!options.execute) {
        report({ ...base, outcome: 'WOULD_UPDATE' });
        continue;
      }
      report(await update(deps, actor, employee.id, base));
    }
  }
  return counts;
}

async function update(deps: MetadataBackfillDeps, actor: Actor, employeeId: string, base: Omit<BackfillItem, 'outcome'>): Promise<BackfillItem> {
  const lease = await acquireLease({ prisma: deps.prisma, settings: { leaseMs: deps.leaseMs } }, employeeId, { onlyPending: false });
  if (lease.kind !== 'leased') return { ...base, outcome: 'BUSY' };
  try {
    // The row as it is under the lease: a rename since the page was read is what Auth0 gets.
    const current = lease.employee;
    if (current.auth0UserId !== base.auth0UserId) return { ...base, outcome: 'BUSY', detail: 'the employee was relinked meanwhile' };
    await deps.audit.identityCall(
      actor,
      { action: 'AUTH0_UPDATE_USER', employeeId, auth0UserId: base.auth0UserId, successStatus: 200 },
      () => deps.identityProvider.updateUser(base.auth0UserId, { profile: { ...accountProfileOf(current), email: current.email } }),
    );
    return { ...base, outcome: 'UPDATED' };
  } catch (error) {
    return { ...base, outcome: 'FAILED', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await releaseLease(deps, employeeId);
  }
}
