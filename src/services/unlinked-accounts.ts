// The Auth0 side of day one: accounts in the gateway's connection that no employee links, whoever made
// them, each with the employee it probably belongs to — by email, then by the PodFactory name variants —
// so an operator can adopt them in a reviewed batch (importEmployees with adoptExistingAccounts, or linkAuth0User).
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import type { IdentityUserProfile } from './identity-provider.ts';
import { createRosterMatcher, type NameMatchVariant } from './podfactory.ts';

export interface UnlinkedAuth0Account {
  user: IdentityUserProfile;
  /** `app_metadata.created_by` as the account carries it (null: made by hand or by another tool). */
  createdBy: string | null;
  /** The employee without an account it probably belongs to; null when none (or several) match. */
  probableEmployee: Employee | null;
  matchedBy: NameMatchVariant | null;
}

/** The connection's users (scanUsersInConnection) that no employee links, with their probable employees. */
export async function findUnlinkedAccounts(
  deps: { prisma: PrismaClient },
  users: readonly IdentityUserProfile[],
  options: { department: string | null },
): Promise<UnlinkedAuth0Account[]> {
  const linked = await deps.prisma.employee.findMany({ where: { auth0UserId: { in: users.map((user) => user.userId) } }, select: { auth0UserId: true } });
  const linkedIds = new Set(linked.map((employee) => employee.auth0UserId));
  const withoutAccount = await deps.prisma.employee.findMany({
    where: { active: true, auth0UserId: null, ...(options.department !== null ? { department: options.department } : {}) },
  });
  const match = createRosterMatcher(withoutAccount);
  const accounts: UnlinkedAuth0Account[] = [];
  for (const user of users) {
    if (linkedIds.has(user.userId)) continue;
    const found = match({ name: user.name ?? '', email: user.email });
    const probable = found.status === 'MATCHED' ? found : null;
    // A department narrows the list to accounts that belong to its employees.
    if (options.department !== null && !probable) continue;
    const createdBy = user.appMetadata.created_by;
    accounts.push({
      user,
      createdBy: typeof createdBy === 'string' ? createdBy : null,
      probableEmployee: probable?.employee ?? null,
      matchedBy: probable?.variant ?? null,
    });
  }
  return accounts;
}
