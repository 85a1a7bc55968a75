// The provisioning rules against real PostgreSQL with an in-memory identity provider, for the
// failure orders that are awkward to stage over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../../src/db/prisma-client.ts';
import { AuditTrail, SYSTEM_ACTOR } from '../../src/services/audit-trail.ts';
import { createEmployee, provisionAuth0Account } from '../../src/services/employee-provisioning.service.ts';
import { EmailAlreadyUsedError } from '../../src/services/errors.ts';
import {
  IdentityError,
  type CreateIdentityUserInput,
  type IdentityProvider,
  type IdentityUser,
} from '../../src/services/identity-provider.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { uniqueEmail } from '../helpers/gateway.ts';

class FakeIdentityProvider implements IdentityProvider {
  users: IdentityUser[] = [];
  roleAssignments: Array<[string, string[]]> = [];
  failAssignRolesTimes = 0;
  createCalls = 0;

  async createUser(input: CreateIdentityUserInput): Promise<IdentityUser> {
    this.createCalls += 1;
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
  }

  async sendVerificationEmail(): Promise<void> {}
}

describe('employee provisioning service', () => {
  let prisma: PrismaClient;
  beforeAll(() => {
    prisma = createPrismaClient(testDatabaseUrl(), { maxConnections: 2 });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  function deps(identityProvider: IdentityProvider) {
    return { prisma, identityProvider, audit: new AuditTrail(prisma) };
  }

  const input = (email: string) => ({ name: 'Sam Worker', email, department: 'Picking', role: null });

  it('keeps the Auth0 user id when role assignment fails, and a retry finishes without creating again', async () => {
    const idp = new FakeIdentityProvider();
    idp.failAssignRolesTimes = 1;
    const failed = await createEmployee(deps(idp), SYSTEM_ACTOR, input(uniqueEmail('assign')));
    if (failed instanceof EmailAlreadyUsedError) throw failed;
    expect(failed.auth0SyncStatus).toBe('FAILED');
    expect(failed.auth0SyncError).toContain('503');
    expect(failed.auth0UserId).toBe(idp.users[0]!.userId);

    const retried = await provisionAuth0Account(deps(idp), SYSTEM_ACTOR, failed);
    expect(retried.auth0SyncStatus).toBe('CREATED');
    expect(retried.auth0SyncError).toBeNull();
    expect(idp.createCalls).toBe(1);
    expect(idp.roleAssignments).toEqual([[idp.users[0]!.userId, ['production_associate']]]);
  });

  it('treats a 409 for its own employee as success (the first attempt had committed)', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('mine');
    const employee = await prisma.employee.create({ data: { name: 'Mine', email, department: 'Picking' } });
    await idp.createUser({ email, name: 'Mine', employeeId: employee.id });

    const done = await provisionAuth0Account(deps(idp), SYSTEM_ACTOR, employee);
    expect(done.auth0SyncStatus).toBe('CREATED');
    expect(done.auth0UserId).toBe(idp.users[0]!.userId);
    expect(idp.users).toHaveLength(1);
  });

  it('returns EmailAlreadyUsedError when two creates race for one email, storing one employee', async () => {
    const idp = new FakeIdentityProvider();
    const email = uniqueEmail('race');
    const outcomes = await Promise.all([
      createEmployee(deps(idp), SYSTEM_ACTOR, input(email)),
      createEmployee(deps(idp), SYSTEM_ACTOR, input(email)),
    ]);
    expect(outcomes.filter((outcome) => outcome instanceof EmailAlreadyUsedError)).toHaveLength(1);
    expect(await prisma.employee.count({ where: { email } })).toBe(1);
    expect(idp.users).toHaveLength(1);
  });
});
