// The tenant held in memory: seeded configuration (connection, roles, clients, APIs) and everything
// requests create (users, role assignments, jobs, tickets, emails, tenant logs), plus the search index
// that lags behind the users. Rules about what a request may do live in the route handlers.
import { UsedAssertionIds } from './client-assertion.ts';
import { newClientGrantId, newConnectionId, newRoleId } from './ids.ts';
import type { CallerRoleTable } from './caller-roles.ts';

export interface UserIdentity {
  connection: string;
  user_id: string;
  provider: 'auth0';
  isSocial: false;
}

/** The user exactly as the Management API prints it. Optional keys are absent, never undefined. */
export interface Auth0User {
  user_id: string;
  email: string;
  email_verified: boolean;
  username?: string;
  phone_number?: string;
  phone_verified?: boolean;
  name?: string;
  nickname?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  blocked?: boolean;
  identities: UserIdentity[];
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface StoredUser {
  user: Auth0User;
  connectionId: string;
  /** Role ids in assignment order. */
  roleIds: string[];
}

export interface Connection {
  id: string;
  name: string;
  strategy: 'auth0';
  requiresUsername: boolean;
}

export interface Client {
  client_id: string;
  /** Absent for a client that authenticates with private_key_jwt only (Auth0 then refuses secrets). */
  client_secret?: string;
  /** Public keys (SPKI PEM) of a private_key_jwt client; Auth0 allows two, for rotation. */
  private_key_jwt_credentials?: Array<{ id: string; alg: string; pem: string }>;
  name: string;
  app_type: 'non_interactive' | 'spa' | 'regular_web';
  grant_types: string[];
}

export interface ClientGrant {
  id: string;
  client_id: string;
  audience: string;
  scope: string[];
}

export interface ResourceServer {
  identifier: string;
  name: string;
  /** Permissions the API defines (empty for the Management API, whose scopes are Auth0's own). */
  scopes: string[];
  /** Other identifiers the same API answers to (the Management API's plain-HTTP spelling). */
  aliases: string[];
  system: boolean;
}

export interface Role {
  id: string;
  name: string;
  description: string;
}

export interface Job {
  id: string;
  type: 'verification_email';
  status: 'pending' | 'completed';
  created_at: string;
  user_id: string;
}

export interface OutboxEmail {
  id: string;
  /** `change_password`: sent by the Authentication API's `POST /dbconnections/change_password`. */
  type: 'verification_email' | 'change_password';
  to: string;
  user_id: string;
  /**
   * The link the employee clicks. A verification link verifies the address when opened (or with POST
   * /__emulator/verify); a change-password link is used with POST /__emulator/set-password.
   */
  link: string;
  ticket: string;
  reason: 'signup' | 'job' | 'email_change' | 'change_password';
  sent_at: string;
}

export interface Ticket {
  secret: string;
  kind: 'email-verification' | 'password-change';
  user_id: string;
  expires_at: number;
}

export interface TenantLog {
  log_id: string;
  data: Record<string, unknown>;
}

export interface SeedSettings {
  clientId: string;
  clientSecret: string;
  managementAudiences: string[];
  apiAudience: string;
  managementScopes: string[];
  apiScopes: string[];
  /** For caller tokens minted by role; absent = only explicit permissions. */
  callerRoles?: CallerRoleTable;
}

export const DATABASE_CONNECTION = 'Username-Password-Authentication';
export const SEEDED_ROLES = [
  { name: 'production_associate', description: 'Warehouse production associate' },
  { name: 'team_lead', description: 'Leads a production team' },
  { name: 'manager', description: 'Manages teams and provisions employees' },
  { name: 'admin', description: 'Administers the provisioning gateway' },
] as const;

function emailKey(connectionId: string, email: string): string {
  return `${connectionId}|${email}`;
}

interface IndexVersion {
  visibleAt: number;
  user: Auth0User | null;
}

export class TenantState {
  readonly connection: Connection;
  private readonly seedRoles: Role[];
  private readonly seedClients: Client[];
  private readonly seedGrants: ClientGrant[];
  readonly resourceServers: ResourceServer[];

  users = new Map<string, StoredUser>();
  roles = new Map<string, Role>();
  clients = new Map<string, Client>();
  grants: ClientGrant[] = [];
  jobs = new Map<string, Job>();
  tickets = new Map<string, Ticket>();
  emails: OutboxEmail[] = [];
  logs: TenantLog[] = [];
  /** Per-(ip, email) buckets of `POST /dbconnections/change_password`: tokens and the time they were counted. */
  changePasswordBuckets = new Map<string, { tokens: number; at: number }>();
  /** Applications switched off on the database connection (its Applications tab); every other one is enabled. */
  connectionDisabledClients = new Set<string>();
  /**
   * Management API tokens the token endpoint issued (kept across resets, like the signing key that makes
   * them valid), and those a control call invalidated (cleared by a reset).
   */
  issuedTokens = new Set<string>();
  /** jtis of private_key_jwt assertions already used (each is single-use). */
  readonly usedAssertionIds = new UsedAssertionIds();
  invalidatedTokens = new Set<string>();
  private index = new Map<string, IndexVersion[]>();
  /** `${connectionId}|${email}` → user_id: email is the identifier of a database connection. */
  private byEmail = new Map<string, string>();

  readonly seed: SeedSettings;

  constructor(seed: SeedSettings) {
    this.seed = seed;
    // Seed ids are drawn once per process and survive resets, like a tenant's configuration does.
    this.connection = { id: newConnectionId(), name: DATABASE_CONNECTION, strategy: 'auth0', requiresUsername: false };
    this.seedRoles = SEEDED_ROLES.map((role) => ({ id: newRoleId(), name: role.name, description: role.description }));
    this.seedClients = [
      {
        client_id: seed.clientId,
        client_secret: seed.clientSecret,
        name: 'Employee Provisioning Gateway',
        app_type: 'non_interactive',
        grant_types: ['client_credentials'],
      },
    ];
    this.seedGrants = [
      { id: newClientGrantId(), client_id: seed.clientId, audience: seed.managementAudiences[0] ?? '', scope: [...seed.managementScopes] },
    ];
    this.resourceServers = [
      { identifier: seed.managementAudiences[0] ?? '', aliases: seed.managementAudiences.slice(1), name: 'Auth0 Management API', scopes: [], system: true },
      { identifier: seed.apiAudience, aliases: [], name: 'Employee Provisioning Gateway API', scopes: [...seed.apiScopes], system: false },
    ];
    this.reset();
  }

  reset(): void {
    this.users = new Map();
    this.roles = new Map(this.seedRoles.map((role) => [role.id, { ...role }]));
    this.clients = new Map(this.seedClients.map((client) => [client.client_id, structuredClone(client)]));
    this.grants = this.seedGrants.map((grant) => ({ ...grant, scope: [...grant.scope] }));
    this.jobs = new Map();
    this.tickets = new Map();
    this.emails = [];
    this.logs = [];
    this.changePasswordBuckets = new Map();
    this.connectionDisabledClients = new Set();
    this.invalidatedTokens = new Set();
    this.index = new Map();
    this.byEmail = new Map();
  }

  /** Inserts or replaces a user, keeping the email index in step (an email change frees the old one). */
  putUser(stored: StoredUser): void {
    const previous = this.users.get(stored.user.user_id);
    if (previous) this.byEmail.delete(emailKey(previous.connectionId, previous.user.email));
    this.users.set(stored.user.user_id, stored);
    this.byEmail.set(emailKey(stored.connectionId, stored.user.email), stored.user.user_id);
  }

  deleteUser(userId: string): boolean {
    const previous = this.users.get(userId);
    if (!previous) return false;
    this.byEmail.delete(emailKey(previous.connectionId, previous.user.email));
    return this.users.delete(userId);
  }

  resourceServer(audience: string): ResourceServer | undefined {
    return this.resourceServers.find((server) => server.identifier === audience || server.aliases.includes(audience));
  }

  grantFor(clientId: string, server: ResourceServer): ClientGrant | undefined {
    return this.grants.find((grant) => grant.client_id === clientId && grant.audience === server.identifier);
  }

  findUserByEmail(connectionId: string, email: string): StoredUser | undefined {
    const userId = this.byEmail.get(emailKey(connectionId, email));
    return userId === undefined ? undefined : this.users.get(userId);
  }

  roleByName(name: string): Role | undefined {
    for (const role of this.roles.values()) if (role.name === name) return role;
    return undefined;
  }

  /**
   * Records a write in the search index: the new version (null = deleted) becomes what search sees
   * at `visibleAt`; until then search keeps returning the previous version, or nothing for a new user.
   */
  indexUser(userId: string, user: Auth0User | null, visibleAt: number): void {
    const versions = this.index.get(userId) ?? [];
    versions.push({ visibleAt, user: user ? structuredClone(user) : null });
    this.index.set(userId, versions);
  }

  /**
   * What `GET /api/v2/users` sees at `now`: each user's last version whose indexing time has passed.
   * `onlyIds` restricts the scan when the query pins user_id to a set (the batch lookup by ids).
   */
  indexedUsers(now: number, onlyIds?: Iterable<string>): Auth0User[] {
    const visible: Auth0User[] = [];
    const entries: Iterable<[string, IndexVersion[]]> = onlyIds
      ? [...new Set(onlyIds)].flatMap((id) => {
          const versions = this.index.get(id);
          return versions ? [[id, versions] as [string, IndexVersion[]]] : [];
        })
      : this.index;
    for (const [userId, versions] of entries) {
      let current = -1;
      for (let i = versions.length - 1; i >= 0; i -= 1) {
        if ((versions[i] as IndexVersion).visibleAt <= now) {
          current = i;
          break;
        }
      }
      if (current > 0) versions.splice(0, current);
      const version = current >= 0 ? versions[0] : undefined;
      if (version?.user) visible.push(version.user);
      else if (version && versions.length === 1) this.index.delete(userId);
    }
    return visible;
  }
}

/** What survives a restart when the emulator keeps its state in a file (`stateFile`). */
export interface TenantSnapshot {
  version: 1;
  connectionId: string;
  roles: Role[];
  users: StoredUser[];
  jobs: Job[];
  tickets: Ticket[];
  emails: OutboxEmail[];
  logs: TenantLog[];
}

export function snapshotOf(state: TenantState): TenantSnapshot {
  return structuredClone({
    version: 1,
    connectionId: state.connection.id,
    roles: [...state.roles.values()],
    users: [...state.users.values()],
    jobs: [...state.jobs.values()],
    tickets: [...state.tickets.values()],
    emails: state.emails,
    logs: state.logs,
  });
}

/** Puts a snapshot's tenant in place of the current one; restored users are searchable at once. */
export function restoreSnapshot(state: TenantState, snapshot: TenantSnapshot): void {
  state.reset();
  state.connection.id = snapshot.connectionId;
  state.roles = new Map(snapshot.roles.map((role) => [role.id, role]));
  for (const stored of snapshot.users) {
    state.putUser(stored);
    state.indexUser(stored.user.user_id, stored.user, 0);
  }
  state.jobs = new Map(snapshot.jobs.map((job) => [job.id, job]));
  state.tickets = new Map(snapshot.tickets.map((ticket) => [ticket.secret, ticket]));
  state.emails = snapshot.emails;
  state.logs = snapshot.logs;
}
