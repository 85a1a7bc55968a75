// An in-memory IdentityDirectory that records every call, for the read-strategy tests (the
// emulator-backed tests count real HTTP requests).
import {
  IdentityError,
  type CreatedWindow,
  type IdentityDirectory,
  type IdentityRole,
  type IdentityUserProfile,
} from '../../src/services/identity-provider.ts';

export class FakeDirectory implements IdentityDirectory {
  users = new Map<string, IdentityUserProfile>();
  /** Ids the search index has not caught up with. */
  lagging = new Set<string>();
  roles: IdentityRole[] = [
    { id: 'rol_a', name: 'production_associate', description: null },
    { id: 'rol_b', name: 'team_lead', description: null },
  ];
  members = new Map<string, string[]>();
  failGetFor = new Set<string>();
  calls: string[] = [];

  add(id: string, createdAt = new Date(), roles: string[] = []): void {
    this.users.set(id, {
      userId: id,
      email: `${id.slice(6)}@x.test`,
      emailVerified: false,
      appMetadata: { created_by: 'productivity_system' },
      createdAt,
      name: null,
      blocked: false,
      lastLogin: null,
      loginsCount: 0,
    });
    for (const roleId of roles) this.members.set(roleId, [...(this.members.get(roleId) ?? []), id]);
  }

  async searchUsersByEmails(emails: readonly string[]) {
    const wanted = new Set(emails.map((email) => email.toLowerCase()));
    return [...this.users.values()].filter((user) => wanted.has(user.email.toLowerCase()) && !this.lagging.has(user.userId));
  }

  async searchUsersByIds(ids: readonly string[]) {
    this.calls.push(`search:${ids.length}`);
    return ids.flatMap((id) => (this.users.has(id) && !this.lagging.has(id) ? [this.users.get(id)!] : []));
  }
  async getUserProfile(id: string) {
    this.calls.push(`get:${id}`);
    if (this.failGetFor.has(id)) throw new IdentityError('transient', 'Auth0 answered 503', 503);
    return this.users.get(id) ?? null;
  }
  async getUserRoles(id: string) {
    this.calls.push(`userRoles:${id}`);
    if (!this.users.has(id)) return null;
    return this.roles.filter((role) => this.members.get(role.id)?.includes(id));
  }
  async listRoles() {
    this.calls.push('roles');
    return this.roles;
  }
  async listRoleMembers(roleId: string, from: string | null) {
    this.calls.push(`members:${roleId}:${from ?? 0}`);
    const all = this.members.get(roleId) ?? [];
    const start = Number(from ?? 0);
    return { userIds: all.slice(start, start + 100), next: start + 100 < all.length ? String(start + 100) : null };
  }
  async listUsersInConnection(window: CreatedWindow, page: number, perPage: number) {
    return this.listUsersCreatedBySystem(window, page, perPage);
  }

  async listUsersCreatedBySystem(window: CreatedWindow, page: number, perPage: number) {
    this.calls.push(`scan:${window.from?.getTime() ?? '*'}-${window.to?.getTime() ?? '*'}:${page}`);
    if (page * perPage >= 1000) throw new IdentityError('rejected', 'You can only page through the first 1000 records.', 400);
    const matching = [...this.users.values()]
      .filter((user) => (!window.from || user.createdAt >= window.from) && (!window.to || user.createdAt <= window.to))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.userId.localeCompare(b.userId));
    const capped = matching.slice(0, 1000);
    return { users: capped.slice(page * perPage, (page + 1) * perPage), total: capped.length };
  }
}

/** An Auth0-style user id from a small number. */
export const id = (i: number) => `auth0|${i.toString(16).padStart(24, '0')}`;
