// Adapts the official auth0 SDK to the IdentityProvider port and turns its errors into IdentityError
// kinds the services can act on. Nothing here decides policy (retry, linking): that is the services' job.
import { ManagementError, ManagementTimeoutError, type ManagementClient } from 'auth0';
import {
  IdentityError,
  type CreateIdentityUserInput,
  type IdentityProvider,
  type IdentityUser,
} from '../services/identity-provider.ts';
import { randomStrongPassword } from './random-password.ts';

export const CREATED_BY = 'productivity_system';

export interface Auth0IdentityProviderOptions {
  connection: string;
}

export class Auth0IdentityProvider implements IdentityProvider {
  /** Role ids by name; roles are tenant configuration and change rarely, so one lookup per name and process. */
  private readonly roleIds = new Map<string, Promise<string>>();

  constructor(
    private readonly client: ManagementClient,
    private readonly options: Auth0IdentityProviderOptions,
  ) {}

  async createUser(input: CreateIdentityUserInput): Promise<IdentityUser> {
    const user = await call(() =>
      this.client.users.create({
        connection: this.options.connection,
        email: input.email,
        name: input.name,
        email_verified: false,
        verify_email: true,
        password: randomStrongPassword([input.email.split('@')[0] ?? '', input.name]),
        app_metadata: { employee_id: input.employeeId, created_by: CREATED_BY },
      }),
    );
    return toIdentityUser(user);
  }

  async findUsersByEmail(email: string): Promise<IdentityUser[]> {
    const users = await call(() => this.client.users.listUsersByEmail({ email: email.toLowerCase() }));
    return users.map(toIdentityUser);
  }

  async assignRoles(userId: string, roleNames: readonly string[]): Promise<void> {
    const roles = await Promise.all(roleNames.map((name) => this.roleId(name)));
    await call(() => this.client.users.roles.assign(userId, { roles }));
  }

  async sendVerificationEmail(userId: string): Promise<void> {
    await call(() => this.client.jobs.verificationEmail.create({ user_id: userId }));
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
    const page = await call(() => this.client.roles.list({ name_filter: name, per_page: 100 }));
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
  };
}

async function call<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toIdentityError(error);
  }
}

/** Maps SDK failures to port errors; messages come from Auth0's body, never from request data or headers. */
export function toIdentityError(error: unknown): IdentityError {
  if (error instanceof IdentityError) return error;
  if (error instanceof ManagementTimeoutError) return new IdentityError('transient', 'Auth0 did not answer in time');
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
  // fetch failures (connection refused or reset) surface as plain errors: Auth0 may be down.
  return new IdentityError('transient', `Auth0 unreachable: ${error instanceof Error ? error.message : String(error)}`);
}
