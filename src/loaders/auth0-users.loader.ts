// Live Auth0 state for lists of employees, per request: DataLoader collects every id a query asks for,
// and one batch costs one call of the batch reads (src/services/auth0-user-reads.ts), behind an optional
// short cache shared by every request.
import DataLoader from 'dataloader';
import type { IdentityDirectory, IdentityUserProfile } from '../services/identity-provider.ts';
import { readRoleNamesByUserIds, readUsersByIds, RoleReadState, type ReadsById } from '../services/auth0-user-reads.ts';
import { TtlCache } from './ttl-cache.ts';

/**
 * Lives as long as the process (one per app), shared by every request: the optional short cache of
 * users and roles (off unless a TTL is configured), and what the role reads remember between batches.
 */
export class Auth0ReadState extends RoleReadState {
  readonly users: TtlCache<string, IdentityUserProfile | null> | null;
  readonly roles: TtlCache<string, string[] | null> | null;

  constructor(options: { cacheTtlMs?: number; now?: () => number } = {}) {
    super();
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
      cachedBatch(state.users, ids, (missing) => readUsersByIds(directory, missing)),
    ),
    /** Names of the Auth0 roles a user holds; null when the user does not exist. */
    auth0RoleNamesByUserId: new DataLoader<string, string[] | null>((ids) =>
      cachedBatch(state.roles, ids, (missing) => readRoleNamesByUserIds(directory, state, missing)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

async function cachedBatch<V>(
  cache: TtlCache<string, V> | null,
  ids: readonly string[],
  load: (ids: string[]) => Promise<ReadsById<V>>,
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
