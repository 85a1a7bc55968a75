// In-memory identity provider and queue for service tests: failure orders that are awkward over HTTP.
import { randomBytes } from 'node:crypto';
import {
  IdentityError,
  type CreateIdentityUserInput,
  type IdentityProvider,
  type IdentityUser,
  type IdentityUserChange,
} from '../../src/services/identity-provider.ts';
import type { ProvisioningJobKind, ProvisioningQueue } from '../../src/services/provisioning-queue.ts';

export class FakeIdentityProvider implements IdentityProvider {
  users: IdentityUser[] = [];
  roles = new Map<string, Set<string>>();
  roleAssignments: Array<[string, string[]]> = [];
  failAssignRolesTimes = 0;
  failCreateTimes = 0;
  createCalls = 0;
  /** Milliseconds each createUser takes (to stage races). */
  createDelayMs = 0;
  verificationEmails: string[] = [];

  async createUser(input: CreateIdentityUserInput): Promise<IdentityUser> {
    this.createCalls += 1;
    if (this.createDelayMs) await new Promise((resolve) => setTimeout(resolve, this.createDelayMs));
    if (this.failCreateTimes > 0) {
      this.failCreateTimes -= 1;
      throw new IdentityError('transient', 'Auth0 answered 503: Service Unavailable', 503);
    }
    if (this.users.some((user) => user.email === input.email)) {
      throw new IdentityError('already-exists', 'Auth0 answered 409: The user already exists.', 409, 'auth0_idp_error');
    }
    const user: IdentityUser = {
      userId: `auth0|${randomBytes(12).toString('hex')}`,
      email: input.email,
      emailVerified: false,
      appMetadata: { employee_id: input.employeeId, created_by: 'productivity_system' },
      createdAt: new Date(),
    };
    this.users.push(user);
    return user;
  }

  async findUsersByEmail(email: string): Promise<IdentityUser[]> {
    return this.users.filter((user) => user.email === email);
  }

  async assignRoles(userId: string, roleNames: readonly string[]): Promise<void> {
    if (this.failAssignRolesTimes > 0) {
      this.failAssignRolesTimes -= 1;
      throw new IdentityError('transient', 'Auth0 answered 503: Service Unavailable', 503);
    }
    this.roleAssignments.push([userId, [...roleNames]]);
    const held = this.roles.get(userId) ?? new Set();
    for (const name of roleNames) held.add(name);
    this.roles.set(userId, held);
  }

  async removeRoles(userId: string, roleNames: readonly string[]): Promise<void> {
    for (const name of roleNames) this.roles.get(userId)?.delete(name);
  }

  async assignRoleToUsers(roleName: string, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) await this.assignRoles(userId, [roleName]);
  }

  async getUser(userId: string): Promise<IdentityUser> {
    const user = this.users.find((candidate) => candidate.userId === userId);
    if (!user) throw new IdentityError('not-found', 'Auth0 answered 404: The user does not exist.', 404, 'inexistent_user');
    return user;
  }

  async sendVerificationEmail(userId: string): Promise<void> {
    this.verificationEmails.push(userId);
  }

  async updateUser(userId: string, change: IdentityUserChange): Promise<IdentityUser> {
    const user = await this.getUser(userId);
    if (change.profile && change.changeEmail) {
      if (this.users.some((other) => other !== user && other.email === change.profile!.email)) {
        throw new IdentityError('already-exists', 'Auth0 answered 400: The specified new email already exists', 400);
      }
      user.email = change.profile.email;
      user.emailVerified = false;
    }
    if (change.profile) user.appMetadata = { ...user.appMetadata, employee_id: change.profile.employeeId, role_code: change.profile.roleCode };
    if (change.blocked !== undefined) user.blocked = change.blocked;
    return user;
  }

  invitationEmails: string[] = [];

  async sendInvitationEmail(email: string): Promise<void> {
    this.invitationEmails.push(email);
  }
}

export class FakeQueue implements ProvisioningQueue {
  jobs: Array<{ kind: ProvisioningJobKind; employeeId: string; inTransaction: boolean; delaySeconds: number }> = [];
  async enqueue(tx: unknown, kind: ProvisioningJobKind, employeeId: string, options: { delaySeconds?: number } = {}): Promise<void> {
    this.jobs.push({ kind, employeeId, inTransaction: tx !== null, delaySeconds: options.delaySeconds ?? 0 });
  }
  async enqueueMany(tx: unknown, kind: ProvisioningJobKind, employeeIds: readonly string[]): Promise<void> {
    for (const employeeId of employeeIds) await this.enqueue(tx, kind, employeeId);
  }
  /** Recorded as planned (part of the caller's statement, so "in a transaction"); nothing for the statement to write. */
  async plannedInsert(kind: ProvisioningJobKind, employeeIds: readonly string[], options: { delaySeconds?: number } = {}): Promise<null> {
    for (const employeeId of employeeIds) this.jobs.push({ kind, employeeId, inTransaction: true, delaySeconds: options.delaySeconds ?? 0 });
    return null;
  }
  async reschedule(tx: unknown, kind: ProvisioningJobKind, employeeId: string, at: Date | null): Promise<void> {
    this.jobs = this.jobs.filter((job) => job.kind !== kind || job.employeeId !== employeeId);
    if (at) this.jobs.push({ kind, employeeId, inTransaction: tx !== null, delaySeconds: Math.max(0, Math.ceil((at.getTime() - Date.now()) / 1000)) });
  }
}
