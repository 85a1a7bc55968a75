// Typed fetch wrappers over the emulator's control API (`/__emulator/*`), for tests and tools. Imports
// no server code, so a tool that only talks to a running emulator loads just this file.
import type { EmulatorConfig, EmulatorConfigPatch } from './config.ts';
import type { RequestLogSnapshot } from './request-log.ts';
import type { Auth0User, OutboxEmail, Role, TenantLog } from './state.ts';

export type { RequestLogSnapshot, OutboxEmail, TenantLog, Auth0User };

/** A user as `GET /__emulator/users` lists it: the Auth0 profile plus the names of its roles. */
export type EmulatorUser = Auth0User & { roles: string[] };

export interface MintTokenRequest {
  sub: string;
  /** Explicit permissions; default: the union of the emulator's `callerRoles` table for `roles`. */
  permissions?: string[];
  /** Caller roles, looked up in the emulator's `callerRoles` table (refused when it has none). */
  roles?: string[];
  /** Seconds; default 86400. */
  expiresIn?: number;
}

export interface EmulatorSeeds {
  connection: { id: string; name: string; strategy: string };
  roles: Role[];
  clients: Array<{ client_id: string; name: string; grant_types: string[]; token_endpoint_auth_method: 'client_secret_post' | 'private_key_jwt' }>;
  clientGrants: Array<{ id: string; client_id: string; audience: string; scope: string[] }>;
  resourceServers: Array<{ identifier: string; name: string; aliases: string[]; scopes: string[]; system: boolean }>;
}

export interface CreateClientRequest {
  client_id?: string;
  client_secret?: string;
  /** private_key_jwt credentials (SPKI PEM public keys, at most 2); the client then has no secret. */
  public_keys?: Array<{ pem: string; alg?: 'RS256' | 'RS384' | 'PS256' }>;
  name?: string;
  grant_types?: string[];
  grants?: Array<{ audience: string; scope: string[] }>;
}

export class EmulatorControlError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`Emulator control API answered ${status}: ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.name = 'EmulatorControlError';
  }
}

export class EmulatorControl {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  /** Merges the patch (per top-level key) and returns the resulting config. */
  configure(patch: EmulatorConfigPatch): Promise<EmulatorConfig> {
    return this.call('PUT', '/config', patch);
  }

  config(): Promise<EmulatorConfig> {
    return this.call('GET', '/config');
  }

  requests(): Promise<RequestLogSnapshot> {
    return this.call('GET', '/requests');
  }

  emails(): Promise<OutboxEmail[]> {
    return this.call('GET', '/emails');
  }

  /** Every user as stored now, ignoring the search lag. */
  users(): Promise<EmulatorUser[]> {
    return this.call('GET', '/users');
  }

  logs(): Promise<TenantLog[]> {
    return this.call('GET', '/logs');
  }

  seeds(): Promise<EmulatorSeeds> {
    return this.call('GET', '/seeds');
  }

  /** The employee followed the verification link: email_verified becomes true and `sv` is logged. */
  verify(userId: string): Promise<Auth0User> {
    return this.call('POST', '/verify', { user_id: userId });
  }

  /** A caller access token for the gateway's own API; returns the bare JWT. */
  async mintToken(request: MintTokenRequest): Promise<string> {
    const body = await this.call<{ access_token: string }>('POST', '/tokens', request);
    return body.access_token;
  }

  /**
   * The employee set a password through the change-password email (by its `ticket`, or the user's newest
   * one): `email_verified` becomes true and `scp` is logged.
   */
  setPassword(request: { ticket: string; password?: string } | { user_id: string; password?: string }): Promise<Auth0User> {
    return this.call('POST', '/set-password', request);
  }

  /** Rotates a client's secret (to the given value, or a random one) and returns it. */
  rotateClientSecret(clientId: string, clientSecret?: string): Promise<{ client_id: string; client_secret: string }> {
    return this.call('POST', `/clients/${encodeURIComponent(clientId)}/secret`, clientSecret ? { client_secret: clientSecret } : {});
  }

  /** Every Management API token issued so far answers 401 from now on; returns how many there were. */
  invalidateTokens(): Promise<{ invalidated: number }> {
    return this.call('POST', '/invalidate-tokens', {});
  }

  /**
   * Enables (`status: true`) or disables applications on the database connection, as Auth0's
   * `PATCH /api/v2/connections/{id}/clients` does: a disabled one's change-password requests are refused.
   */
  setConnectionClients(changes: { client_id: string; status: boolean }[]): Promise<{ disabled_clients: string[] }> {
    return this.call('PATCH', '/connection/clients', changes);
  }

  /** Deletes a role (and its assignments) until the next reset. */
  async deleteRole(roleId: string): Promise<void> {
    await this.call('DELETE', `/roles/${encodeURIComponent(roleId)}`);
  }

  createClient(request: CreateClientRequest): Promise<{ client_id: string; client_secret?: string; grant_types: string[] }> {
    return this.call('POST', '/clients', request);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__emulator${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new EmulatorControlError(response.status, parsed);
    return parsed as T;
  }
}
