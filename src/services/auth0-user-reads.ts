// Batch reads of Auth0 users at a bounded Management API cost, for the per-request loaders and the
// reconciliation report. Users by id: one user search per chunk of up to 100 ids (`q=user_id:("a" OR
// ...)`) plus one `GET /users/{id}` per id the eventually consistent search index did not return yet.
// Roles are not in the search index: a batch reads them per role (member lists) or per user, whichever
// costs fewer requests. The users this system created: the user search, paged and split by creation time.
import type { CreatedWindow, IdentityDirectory, IdentityRole, IdentityUserProfile } from './identity-provider.ts';

/** Parallel per-id reads in one batch (the SDK paces 429s; this keeps a burst reasonable). */
const PER_ID_CONCURRENCY = 8;
/** Batches this small read roles per user: the role catalogue alone would cost about as much. */
const PER_USER_ROLES_MAX = 4;
/** Roles are tenant configuration: the catalogue is re-read at most this often. */
const ROLE_CATALOGUE_TTL_MS = 5 * 60_000;

/** Each id's value, or the error its read ended with (one failed read fails only its own id). */
export type ReadsById<V> = Map<string, V | Error>;

/**
 * What role reads remember from one batch to the next: the role catalogue, and what the last role-member
 * walk cost, so a large tenant stops walking member lists that are longer than the batches.
 */
export class RoleReadState {
  roleCatalogue: { roles: Promise<IdentityRole[]>; expiresAt: number } | null = null;
  /** Pages the last member walk needed (a lower bound when it was cut short); null before the first. */
  roleWalkPages: number | null = null;
}

/**
 * Users by id: the search first, then a direct read for each id the search did not return (index lag,
 * or a user that no longer exists: the direct read says which, as null).
 */
export async function readUsersByIds(
  directory: IdentityDirectory,
  ids: readonly string[],
): Promise<ReadsById<IdentityUserProfile | null>> {
  const result: ReadsById<IdentityUserProfile | null> = new Map();
  const wanted = new Set(ids);
  for (const user of await directory.searchUsersByIds(ids)) {
    if (wanted.has(user.userId)) result.set(user.userId, user);
  }
  const missing = [...wanted].filter((id) => !result.has(id));
  const direct = await settleEach(missing, (id) => directory.getUserProfile(id));
  for (const [id, outcome] of direct) result.set(id, outcome);
  return result;
}

/** Role names per user, by the cheaper of the two ways Auth0 offers (neither is in the search index). */
export async function readRoleNamesByUserIds(
  directory: IdentityDirectory,
  state: RoleReadState,
  ids: readonly string[],
): Promise<ReadsById<string[] | null>> {
  const unique = [...new Set(ids)];
  const walkLooksCheaper = state.roleWalkPages === null || state.roleWalkPages <= unique.length;
  if (unique.length > PER_USER_ROLES_MAX && walkLooksCheaper) {
    const walked = await walkRoleMembers(directory, state, unique);
    if (walked) return walked;
  }
  const perUser = await settleEach(unique, (id) => directory.getUserRoles(id));
  const result: ReadsById<string[] | null> = new Map();
  for (const [id, roles] of perUser) result.set(id, roles instanceof Error || roles === null ? roles : roles.map((role) => role.name));
  return result;
}

/**
 * Reads every role's member list, at most as many pages as there are ids (beyond that, per-user reads
 * cost less); null when the budget ran out. A user found in no list holds no role.
 */
async function walkRoleMembers(
  directory: IdentityDirectory,
  state: RoleReadState,
  ids: readonly string[],
): Promise<ReadsById<string[]> | null> {
  const roles = await roleCatalogue(directory, state);
  const wanted = new Set(ids);
  const held = new Map<string, string[]>(ids.map((id) => [id, []]));
  const budget = ids.length;
  let pages = 0;
  let exhausted = false;
  await Promise.all(
    roles.map(async (role) => {
      let from: string | null = null;
      do {
        if (exhausted || pages >= budget) {
          exhausted = true;
          return;
        }
        pages += 1;
        const page: { userIds: string[]; next: string | null } = await directory.listRoleMembers(role.id, from);
        for (const userId of page.userIds) if (wanted.has(userId)) held.get(userId)!.push(role.name);
        from = page.next;
      } while (from !== null);
    }),
  );
  state.roleWalkPages = exhausted ? budget + 1 : pages;
  if (exhausted) return null;
  return new Map([...held].map(([id, names]) => [id, names.sort()]));
}

function roleCatalogue(directory: IdentityDirectory, state: RoleReadState): Promise<IdentityRole[]> {
  const now = Date.now();
  if (!state.roleCatalogue || state.roleCatalogue.expiresAt <= now) {
    const roles = directory.listRoles();
    state.roleCatalogue = { roles, expiresAt: now + ROLE_CATALOGUE_TTL_MS };
    // A failed read is not kept: the next batch asks again.
    roles.catch(() => {
      if (state.roleCatalogue?.roles === roles) state.roleCatalogue = null;
    });
  }
  return state.roleCatalogue.roles;
}

/** Runs `read` for each id, a few at a time; each id gets its value or its own error. */
async function settleEach<V>(ids: readonly string[], read: (id: string) => Promise<V>): Promise<ReadsById<V>> {
  const results: ReadsById<V> = new Map();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        results.set(id, await read(id));
      } catch (error) {
        results.set(id, error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PER_ID_CONCURRENCY, ids.length) }, worker));
  return results;
}

export interface ScanOptions {
  /** Users created before this are left out (the rollback's --created-after); default: from the first. */
  from?: Date;
  /** Users created after this are left out (the report's "now"). */
  to?: Date;
  pageSize?: number;
  /** The search's result cap: a window whose total reaches it is split. */
  cap?: number;
}

/**
 * Every user this system created, oldest first. A window whose total reaches the cap is split in two
 * by creation time until each half can be paged through; the first query (no window) tells the
 * earliest creation time, so splitting starts from real bounds.
 */
export function scanUsersCreatedBySystem(
  directory: Pick<IdentityDirectory, 'listUsersCreatedBySystem'>,
  options: ScanOptions = {},
): Promise<IdentityUserProfile[]> {
  return scanUsers((window, page, perPage) => directory.listUsersCreatedBySystem(window, page, perPage), options);
}

/** Every user of the gateway's connection, whoever created them, oldest first (the day-one reconciliation). */
export function scanUsersInConnection(
  directory: Pick<IdentityDirectory, 'listUsersInConnection'>,
  options: ScanOptions = {},
): Promise<IdentityUserProfile[]> {
  return scanUsers((window, page, perPage) => directory.listUsersInConnection(window, page, perPage), options);
}

type ListPage = (window: CreatedWindow, page: number, perPage: number) => Promise<{ users: IdentityUserProfile[]; total: number }>;

async function scanUsers(list: ListPage, options: ScanOptions): Promise<IdentityUserProfile[]> {
  const pageSize = options.pageSize ?? 100;
  const cap = options.cap ?? 1000;
  const to = options.to ?? new Date();
  const users = new Map<string, IdentityUserProfile>();

  const scan = async (window: CreatedWindow & { to: Date }): Promise<void> => {
    const first = await list(window, 0, pageSize);
    // Oldest first, so the first user gives the real lower bound of an open window.
    const from = window.from ?? first.users[0]?.createdAt;
    if (first.total < cap || from === undefined || window.to.getTime() <= from.getTime()) {
      // Below the cap, or one millisecond holding more users than the cap (then only the first `cap`
      // can be read: the search offers no way past it).
      await pageThrough(window, first);
      return;
    }
    const middle = new Date(Math.floor((from.getTime() + window.to.getTime()) / 2));
    await scan({ from, to: middle });
    await scan({ from: new Date(middle.getTime() + 1), to: window.to });
  };

  const pageThrough = async (window: CreatedWindow, first: { users: IdentityUserProfile[]; total: number }) => {
    for (const user of first.users) users.set(user.userId, user);
    const pages = Math.ceil(Math.min(first.total, cap) / pageSize);
    for (let page = 1; page < pages; page += 1) {
      const next = await list(window, page, pageSize);
      for (const user of next.users) users.set(user.userId, user);
      if (next.users.length < pageSize) break;
    }
  };

  await scan({ ...(options.from ? { from: options.from } : {}), to });
  return [...users.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.userId.localeCompare(b.userId));
}
