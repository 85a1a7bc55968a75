// Adapts the official auth0 SDK to the IdentityProvider port and turns its errors into IdentityError
// kinds the services can act on. Nothing here decides policy (retry, linking): that is the services' job.
import { ManagementClient, ManagementError, ManagementTimeoutError } from 'auth0';
import {
  EMAILS_PER_SEARCH,
  IdentityError,
  type CreateIdentityUserInput,
  type IdentityProvider,
  type IdentityUser,
  type CreatedWindow,
  type AccountMetadataShape,
  type IdentityAccountProfile,
  type IdentityUserChange,
  type IdentityDirectory,
  type IdentityRole,
  type IdentityUserProfile,
  type IdentityUserRemoval,
  type IdentityGrant,
  type UserSearchFilter,
} from '../services/identity-provider.ts';
import { accountMetadata, CREATED_BY, GATEWAY_APP_METADATA_KEYS, GATEWAY_USER_METADATA_KEYS } from './account-metadata.ts';
import { AUTH0_CREDENTIALS_REJECTED, type Auth0CredentialState } from './auth0-credential-state.ts';
import type { InvitationSender } from './invitation-client.ts';
import { GatewayManagementClient, RenewableManagementClient } from './management-client.ts';
import { unreachable } from './network-error.ts';
import { randomStrongPassword } from './random-password.ts';
import {
  chunkIdsForSearch,
  createdBySystemQuery,
  MAX_ENCODED_QUERY_LENGTH,
  SEARCH_PAGE_SIZE,
  VERIFIED_ONLY,
  toIdentityUserProfile,
  userIdQuery,
  connectionQuery,
  emailQuery,
  type SdkUserProfile,
} from './user-search.ts';


export interface Auth0IdentityProviderOptions {
  connection: string;
  /** Metadata Option B: also store PodFactory's email variants (`app_metadata.podfactory_emails`). */
  podfactoryEmailMetadata?: boolean;
  /** Sends invitations (Authentication API change_password); without it sendInvitationEmail is refused. */
  invitations?: InvitationSender;
  /** Where accepted calls and rejected credentials are recorded (/health reads it). */
  credentials?: Auth0CredentialState;
}

export class Auth0IdentityProvider implements IdentityProvider, IdentityDirectory, AccountMetadataShape, IdentityUserRemoval, IdentityGrant {
  /** Role ids by name; roles are tenant configuration and change rarely, so one lookup per name and process. */
  private readonly roleIds = new Map<string, Promise<string>>();

  private readonly clients: RenewableManagementClient;

  /** A plain client cannot be renewed: a 401 then fails at once (tests that build the adapter by hand). */
  constructor(
    client: ManagementClient | RenewableManagementClient,
    private readonly options: Auth0IdentityProviderOptions,
  ) {
    this.clients = client instanceof ManagementClient ? new RenewableManagementClient(() => client) : client;
  }

  async createUser(input: CreateIdentityUserInput): Promise<IdentityUser> {
    const user = await this.call((client) =>
      client.users.create({
        connection: this.options.connection,
        email: input.email,
        name: input.name,
        email_verified: false,
        // Invite mode passes false: the invitation verifies the address, a second email would only confuse.
        verify_email: input.verifyEmail ?? true,
        password: randomStrongPassword([input.email.split('@')[0] ?? '', input.name]),
        ...accountMetadata(input, this.options),
      }),
    );
    return toIdentityUser(user);
  }

  async findUsersByEmail(email: string): Promise<IdentityUser[]> {
    const users = await this.call((client) => client.users.listUsersByEmail({ email: email.toLowerCase() }));
    return users.map(toIdentityUser);
  }

  async assignRoles(userId: string, roleNames: readonly string[]): Promise<void> {
    const roles = await Promise.all(roleNames.map((name) => this.roleId(name)));
    await this.call((client) => client.users.roles.assign(userId, { roles }));
  }

  async sendVerificationEmail(userId: string): Promise<void> {
    await this.call((client) => client.jobs.verificationEmail.create({ user_id: userId }));
  }

  async sendInvitationEmail(email: string): Promise<void> {
    if (!this.options.invitations) throw new IdentityError('rejected', 'no invitation sender configured');
    await this.options.invitations.send(email);
  }

  async getUser(userId: string): Promise<IdentityUser> {
    return toIdentityUser(await this.call((client) => client.users.get(userId)));
  }

  async removeRoles(userId: string, roleNames: readonly string[]): Promise<void> {
    if (roleNames.length === 0) return;
    const roles = await Promise.all(roleNames.map((name) => this.roleId(name)));
    await this.call((client) => client.users.roles.delete(userId, { roles }));
  }

  async assignRoleToUsers(roleName: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    const roleId = await this.roleId(roleName);
    await this.call((client) => client.roles.users.assign(roleId, { users: [...userIds] }));
  }

  async updateUser(userId: string, change: IdentityUserChange): Promise<IdentityUser> {
    const { profile } = change;
    const body = {
      ...(profile ? { name: profile.name, ...accountMetadata(profile, this.options) } : {}),
      // A new address is unverified; the gateway sends the follow-up email itself (verification-email job), so
      // the PATCH sends none: https://auth0.com/docs/manage-users/user-accounts/change-user-email
      ...(profile && change.changeEmail ? { email: profile.email, email_verified: false, verify_email: false } : {}),
      // https://auth0.com/docs/manage-users/user-accounts/block-and-unblock-users
      ...(change.blocked !== undefined ? { blocked: change.blocked } : {}),
    };
    try {
      return toIdentityUser(await this.call((client) => client.users.update(userId, body)));
    } catch (error) {
      // Auth0 answers a taken address on PATCH with 400 "The specified new email already exists" (409 on create).
      if (error instanceof IdentityError && error.httpStatus === 400 && /email already exists/i.test(error.message)) {
        throw new IdentityError('already-exists', error.message, error.httpStatus, error.errorCode);
      }
      throw error;
    }
  }

  accountMetadataIsCurrent(user: IdentityUser, profile: IdentityAccountProfile): boolean {
    const wanted = accountMetadata(profile, this.options);
    const holds = (current: Record<string, unknown> | undefined, expected: Record<string, unknown>) =>
      Object.entries(expected).every(([key, value]) => JSON.stringify(current?.[key]) === JSON.stringify(value));
    return holds(user.appMetadata, wanted.app_metadata) && holds(user.userMetadata, wanted.user_metadata);
  }

  // https://auth0.com/docs/api/management/v2/users/patch-users-by-id (blocked: true)
  async blockUser(userId: string): Promise<void> {
    await this.call((client) => client.users.update(userId, { blocked: true }));
  }

  // https://auth0.com/docs/api/management/v2/users/delete-users-by-id: 204 whether or not the user existed.
  async deleteUser(userId: string): Promise<void> {
    await this.call((client) => client.users.delete(userId));
  }

  // PATCH merges first-level metadata keys and a null removes one:
  // https://auth0.com/docs/manage-users/user-accounts/metadata/manage-metadata-api
  async unlinkUser(userId: string, roleNames: readonly string[]): Promise<void> {
    const cleared = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, null]));
    await this.call((client) =>
      client.users.update(userId, {
        app_metadata: cleared(GATEWAY_APP_METADATA_KEYS),
        user_metadata: cleared(GATEWAY_USER_METADATA_KEYS),
      }),
    );
    await this.removeRoles(userId, roleNames);
  }

  async grantedScopes(): Promise<readonly string[] | null> {
    return this.call((client) => (client instanceof GatewayManagementClient ? client.grantedScopes() : Promise.resolve(null)));
  }

  async searchUsersByIds(ids: readonly string[], filter: UserSearchFilter = {}): Promise<IdentityUserProfile[]> {
    const narrowing = filter.emailVerified ? VERIFIED_ONLY : '';
    const chunks = chunkIdsForSearch(ids, SEARCH_PAGE_SIZE, MAX_ENCODED_QUERY_LENGTH - encodeURIComponent(narrowing).length);
    const pages = await Promise.all(
      chunks.map((chunk) =>
        this.call((client) =>
          client.users.list({
            q: userIdQuery(chunk) + narrowing,
            search_engine: 'v3',
            per_page: SEARCH_PAGE_SIZE,
            page: 0,
            // The SDK reads pages from the {users, total} shape, so totals stay on (its default).
            include_totals: true,
          }),
        ),
      ),
    );
    return pages.flatMap((page) => profiles(page.data));
  }

  async searchUsersByEmails(emails: readonly string[]): Promise<IdentityUserProfile[]> {
    const unique = [...new Set(emails.map((email) => email.toLowerCase()))];
    const chunks = Array.from({ length: Math.ceil(unique.length / EMAILS_PER_SEARCH) }, (_, index) =>
      unique.slice(index * EMAILS_PER_SEARCH, (index + 1) * EMAILS_PER_SEARCH),
    );
    const pages = await Promise.all(
      chunks.map((chunk) =>
        this.call((client) =>
          client.users.list({ q: emailQuery(chunk), search_engine: 'v3', per_page: SEARCH_PAGE_SIZE, page: 0, include_totals: true }),
        ),
      ),
    );
    return pages.flatMap((page) => profiles(page.data));
  }

  async getUserProfile(userId: string): Promise<IdentityUserProfile | null> {
    const user = await orNullWhenMissing(() => this.call((client) => client.users.get(userId)));
    return user === null ? null : toIdentityUserProfile(user);
  }

  async getUserRoles(userId: string): Promise<IdentityRole[] | null> {
    // A user has at most 50 roles (https://auth0.com/docs/troubleshoot/customer-support/operational-policies/entity-limit-policy): one page of 100 holds them all.
    const page = await orNullWhenMissing(() =>
      this.call((client) => client.users.roles.list(userId, { per_page: 100, page: 0, include_totals: true })),
    );
    return page === null ? null : page.data.flatMap(toIdentityRole);
  }

  async listRoles(): Promise<IdentityRole[]> {
    const roles: IdentityRole[] = [];
    for (let page = 0; ; page += 1) {
      const result = await this.call((client) => client.roles.list({ per_page: 100, page, include_totals: true }));
      roles.push(...result.data.flatMap(toIdentityRole));
      if (result.data.length < 100) return roles;
    }
  }

  async listRoleMembers(roleId: string, from: string | null): Promise<{ userIds: string[]; next: string | null }> {
    const page = await this.call((client) => client.roles.users.list(roleId, { take: 100, ...(from ? { from } : {}) }));
    const next = (page.response as { next?: unknown }).next;
    return {
      userIds: page.data.flatMap((user) => (user.user_id ? [user.user_id] : [])),
      next: typeof next === 'string' && next !== '' ? next : null,
    };
  }

  listUsersInConnection(window: CreatedWindow, page: number, perPage: number): Promise<{ users: IdentityUserProfile[]; total: number }> {
    return this.listUsers(connectionQuery(this.options.connection, window), page, perPage);
  }

  listUsersCreatedBySystem(window: CreatedWindow, page: number, perPage: number): Promise<{ users: IdentityUserProfile[]; total: number }> {
    return this.listUsers(createdBySystemQuery(CREATED_BY, window), page, perPage);
  }

  private async listUsers(q: string, page: number, perPage: number): Promise<{ users: IdentityUserProfile[]; total: number }> {
    const result = await this.call((client) =>
      client.users.list({
        q,
        search_engine: 'v3',
        sort: 'created_at:1',
        per_page: perPage,
        page,
        include_totals: true,
      }),
    );
    const total = (result.response as { total?: unknown }).total;
    return { users: profiles(result.data), total: typeof total === 'number' ? total : result.data.length };
  }

  /**
   * One Management API call. A 401 (the cached token was revoked, or the secret rotated) gets one fresh
   * token and one retry; a second 401 is `credentials-rejected`, recorded for /health and logged once.
   * Nothing was written by a request Auth0 refused at authentication, so retrying a POST is safe.
   */
  private async call<T>(operation: (client: ManagementClient) => Promise<T>): Promise<T> {
    const client = this.clients.current;
    try {
      return this.accepted(await operation(client));
    } catch (error) {
      if (!isUnauthorized(error)) throw this.failed(error);
    }
    try {
      return this.accepted(await operation(this.clients.renew(client)));
    } catch (error) {
      if (!isUnauthorized(error)) throw this.failed(error);
      const answer = toIdentityError(error);
      this.options.credentials?.recordRejected(answer.message);
      throw new IdentityError(
        'credentials-rejected',
        `${AUTH0_CREDENTIALS_REJECTED}: Auth0 rejected the gateway credentials with a fresh token (${answer.message})`,
        401,
        answer.errorCode,
      );
    }
  }

  private accepted<T>(result: T): T {
    this.options.credentials?.recordAccepted();
    return result;
  }

  /** Any HTTP answer but 401 means Auth0 accepted the credentials, even when it refused the request. */
  private failed(error: unknown): IdentityError {
    const mapped = toIdentityError(error);
    if (mapped.httpStatus !== null) this.options.credentials?.recordAccepted();
    return mapped;
  }

  private roleId(name: string): Promise<string> {
    let id = this.roleIds.get(name);
    if (!id) {
      id = this.lookUpRoleId(name);
      this.roleIds.set(name, id);
      // A failed lookup must not be cached: the next caller tries again.
      id.catch(() => this.roleIds.delete(name));
    }
    return id;
  }

  private async lookUpRoleId(name: string): Promise<string> {
    const page = await this.call((client) => client.roles.list({ name_filter: name, per_page: 100 }));
    // name_filter is a case-insensitive substring match: pick the exact name.
    const role = page.data.find((candidate) => candidate.name === name);
    if (!role?.id) throw new IdentityError('not-found', `Auth0 role "${name}" does not exist`, 404, 'role_not_found');
    return role.id;
  }
}


interface SdkUser {
  user_id?: string;
  email?: string;
  email_verified?: boolean;
  blocked?: boolean;
  user_metadata?: Record<string, unknown>;
  app_metadata?: Record<string, unknown>;
  created_at?: string | Record<string, unknown>;
}

function toIdentityUser(user: SdkUser): IdentityUser {
  if (!user.user_id || !user.email) {
    throw new IdentityError('rejected', 'Auth0 returned a user without user_id or email');
  }
  return {
    userId: user.user_id,
    email: user.email,
    emailVerified: user.email_verified ?? false,
    appMetadata: user.app_metadata ?? {},
    createdAt: typeof user.created_at === 'string' ? new Date(user.created_at) : new Date(),
    userMetadata: user.user_metadata ?? {},
    blocked: user.blocked ?? false,
  };
}

function profiles(users: readonly SdkUserProfile[]): IdentityUserProfile[] {
  return users.flatMap((user) => toIdentityUserProfile(user) ?? []);
}

function toIdentityRole(role: { id?: string; name?: string; description?: string }): IdentityRole[] {
  return role.id && role.name ? [{ id: role.id, name: role.name, description: role.description ?? null }] : [];
}

/** 401 from the Management API, or from the token endpoint while fetching a token for it. */
function isUnauthorized(error: unknown): boolean {
  return error instanceof ManagementError && error.statusCode === 401;
}

/** Reads answer null for a missing user instead of throwing `not-found`. */
async function orNullWhenMissing<T>(operation: () => Promise<T>): Promise<T | null> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof IdentityError && error.kind === 'not-found') return null;
    throw error;
  }
}


/** Maps SDK failures to port errors; messages come from Auth0's body, never from request data or headers. */
export function toIdentityError(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof ManagementTimeoutError) return new IdentityError('transient', 'Auth0 did not answer in time');
  // The SDK wraps a failed connection in a ManagementError without a status: name the network error instead.
  if (error instanceof ManagementError && error.statusCode == null) return new IdentityError('transient', unreachable(error));
  if (error instanceof ManagementError) {
    const status = error.statusCode ?? null;
    const body = (typeof error.body === 'object' && error.body !== null ? error.body : {}) as {
      message?: unknown;
      errorCode?: unknown;
      error_description?: unknown;
    };
    const code = typeof body.errorCode === 'string' ? body.errorCode : null;
    const detail = [body.message, body.error_description].find((value) => typeof value === 'string') as string | undefined;
    const message = `Auth0 answered ${status ?? 'without a status'}${detail ? `: ${detail}` : ''}`;
    if (status === 409) return new IdentityError('already-exists', message, status, code);
    if (status === 404) return new IdentityError('not-found', message, status, code);
    if (status === null || status === 408 || status === 429 || status >= 500) {
      return new IdentityError('transient', message, status, code);
    }
    return new IdentityError('rejected', message, status, code);
  }
  // fetch failures (connection refused or reset) surface as plain errors: Auth0 may be down. The message
  // goes to audit rows and API responses, so it carries only the system error code, never free text.
  return new IdentityError('transient', unreachable(error));
}
