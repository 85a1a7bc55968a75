// Day one: accounts an administrator made by hand before the gateway existed. An import row without an
// employee may adopt the one Auth0 account that has its email — only when exactly one account has it, in
// the gateway's connection, not blocked, and claimed by no employee — otherwise the row is a CONFLICT
// and nothing is written for it. docs/design.md "Adopting existing accounts".
import type { IdentityDirectory, IdentityUserProfile } from './identity-provider.ts';

export type AdoptionMatch =
  | { kind: 'none' }
  | { kind: 'adopt'; user: IdentityUserProfile; inUse: boolean }
  | { kind: 'conflict'; reason: string };

/** What each email finds in Auth0; one search per 50 emails (the search is eventually consistent: accounts made moments ago may be missed). */
export async function matchExistingAccounts(
  directory: Pick<IdentityDirectory, 'searchUsersByEmails'>,
  emails: readonly string[],
  connection: string,
): Promise<Map<string, AdoptionMatch>> {
  const found = emails.length === 0 ? [] : await directory.searchUsersByEmails(emails);
  const byEmail = new Map<string, IdentityUserProfile[]>();
  for (const user of found) {
    const email = user.email.toLowerCase();
    byEmail.set(email, [...(byEmail.get(email) ?? []), user]);
  }
  return new Map(emails.map((email) => [email, classify(byEmail.get(email) ?? [], connection)]));
}

function classify(candidates: readonly IdentityUserProfile[], connection: string): AdoptionMatch {
  if (candidates.length === 0) return { kind: 'none' };
  if (candidates.length > 1) {
    return { kind: 'conflict', reason: `auth0: several Auth0 accounts have this email (${candidates.map((user) => user.userId).join(', ')})` };
  }
  const user = candidates[0]!;
  if (user.connection !== undefined && user.connection !== connection) {
    return { kind: 'conflict', reason: `auth0: the Auth0 account ${user.userId} is in another connection (${user.connection})` };
  }
  if (user.blocked) return { kind: 'conflict', reason: `auth0: the Auth0 account ${user.userId} is blocked` };
  const claimedBy = user.appMetadata.employee_id;
  if (typeof claimedBy === 'string' && claimedBy !== '') {
    return { kind: 'conflict', reason: `auth0: the Auth0 account ${user.userId} belongs to another employee (app_metadata.employee_id ${claimedBy})` };
  }
  return { kind: 'adopt', user, inUse: user.emailVerified || user.loginsCount > 0 };
}
