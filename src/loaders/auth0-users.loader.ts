// Live Auth0 state for lists of employees at a bounded Management API cost. Per request, DataLoader
// collects every id a query asks for; one batch then costs one user search per chunk of up to 100 ids
// (`q=user_id:("a" OR ...)`) plus one `GET /users/{id}` per id the eventually consistent search index
// did not return yet. Roles are not in the search index: a batch reads them per role (member lists) or
// per user, whichever costs fewer requests.
import DataLoader from 'dataloader';
import type { IdentityDirectory, IdentityRole, IdentityUserProfile } from '../services/identity-provider.ts';
import { TtlCache } from './ttl-cache.ts';

/** Parallel per-id reads in one batch (the SDK paces 429s; this keeps a burst reasonable). */
const PER_ID_CONCURRENCY = 8;
/** Batches this small read roles per user: the role catalogue alone would cost about as much. */
const PER_USER_ROLES_MAX = 4;
/** Roles are tenant configuration: the catalogue is re-read at most this often. */
const ROLE_CATALOGUE_TTL_MS = 5 * 60_000;

/**
 * Lives as long as the process (one per app), shared by every request: the optional short cache of
 * users and roles (off unless a TTL is configured), the role catalogue, and what the last role-member
 * walk cost, so a large tenant stops walking member lists that are longer than the batches.
 */
export class Auth0ReadState {
  readonly users: TtlCache<string, IdentityUserProfile | null> | null;
  readonly roles: TtlCache<string, string[] | null> | null;
  roleCatalogue: { roles: Promise<IdentityRole[]>; expiresAt: number } | null = null;
  /** Pages the last member walk needed (a lower bound when it was cut short); null before the first. */
  roleWalkPages: number | null = null;

  constructor(options: { cacheTtlMs?: number; now?: () => number } = {}) {
    const ttl = options.cacheTtlMs ?? 0;
    this.users = ttl > 0 ? new TtlCache(ttl, 10_000, options.now) : null;
    this.roles = ttl > 0 ? new TtlCache(ttl, 10_000, options.now) : null;
  }
}

export interface LoaderDeps {
  identityDirectory: IdentityDirectory;
  auth0State: Auth0ReadState;
}

export function createLoaders(deps: LoaderDeps) {
  const { identityDirectory: directory, auth0State: state } = deps;
  return {
    /** The live Auth0 profile by Auth0 user id; null when the user does not exist. */
    auth0UserByUserId: new DataLoader<string, IdentityUserProfile | null>((ids) =>
      cachedBatch(state.users, ids, (missing) => loadAuth0Users(directory, missing)),
    ),
    /** Names of the Auth0 roles a user holds; null when the user does not exist. */
    auth0RoleNamesByUserId: new DataLoader<string, string[] | null>((ids) =>
      cachedBatch(state.roles, ids, (missing) => loadRoleNames(directory, state, missing)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

type BatchResult<V> = Map<string, V | Error>;

async function cachedBatch<V>(
  cache: TtlCache<string, V> | null,
  ids: readonly string[],
  load: (ids: string[]) => Promise<BatchResult<V>>,
): Promise<(V | Error)[]> {
  const hits = new Map<string, V>();
  const misses: string[] = [];
  for (const id of ids) {
    const hit = cache?.get(id);
    if (hit) hits.set(id, hit.value);
    else misses.push(id);
  }
  const loaded = misses.length > 0 ? await load(misses) : new Map<string, V | Error>();
  for (const [id, value] of loaded) if (!(value instanceof Error)) cache?.set(id, value);
  return ids.map((id) => {
    if (hits.has(id)) return hits.get(id) as V;
    return loaded.has(id) ? (loaded.get(id) as V | Error) : new Error(`Auth0 gave no answer for ${id}`);
  });
}

/**
 * Users by id: the search first, then a direct read for each id the search did not return (index lag,
 * or a user that no longer exists: the direct read says which, as null).
 */
export async function loadAuth0Users(
  directory: IdentityDirectory,
  ids: readonly string[],
): Promise<BatchResult<IdentityUserProfile | null>> {
  const result: BatchResult<IdentityUserProfile | null> = new Map();
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
export async function loadRoleNames(
  directory: IdentityDirectory,
  state: Auth0ReadState,
  ids: readonly string[],
): Promise<BatchResult<string[] | null>> {
  const unique = [...new Set(ids)];
  const walkLooksCheaper = state.roleWalkPages === null || state.roleWalkPages <= unique.length;
  if (unique.length > PER_USER_ROLES_MAX && walkLooksCheaper) {
    const walked = await walkRoleMembers(directory, state, unique);
    if (walked) return walked;
  }
  const perUser = await settleEach(unique, (id) => directory.getUserRoles(id));
  const result: BatchResult<string[] | null> = new Map();
  for (const [id, roles] of perUser) result.set(id, roles instanceof Error || roles === null ? roles : roles.map((role) => role.name));
  return result;
}

/**
 * Reads every role's member list, at most as many pages as there are ids (beyond that, per-user reads
 * cost less); null when the budget ran out. A user found in no list holds no role.
 */
async function walkRoleMembers(
  directory: IdentityDirectory,
  state: Auth0ReadState,
  ids: readonly string[],
): Promise<BatchResult<string[]> | null> {
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

function roleCatalogue(directory: IdentityDirectory, state: Auth0ReadState): Promise<IdentityRole[]> {
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
async function settleEach<V>(ids: readonly string[], read: (id: string) => Promise<V>): Promise<Map<string, V | Error>> {
  const results = new Map<string, V | Error>();
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
