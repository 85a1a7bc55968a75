// Which accounts count as "in use" for an email change (src/services/email-change-guard.ts), on real
// PostgreSQL with a stub Auth0 directory: the cases the emulator cannot produce (a user who signed in
// without verifying, an Auth0 that cannot be asked) and the ones the gateway knows without asking.
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/prisma-client.ts';
import { AuditTrail, type Actor } from '../../src/services/audit-trail.ts';
import { refuseEmailChange } from '../../src/services/email-change-guard.ts';
import { IdentityError, type IdentityUserProfile } from '../../src/services/identity-provider.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const prisma = createPrismaClient(testDatabaseUrl());
afterAll(() => prisma.$disconnect());

const manager: Actor = { id: 'auth0|guard-manager', correlationId: null, permissions: new Set(['update:employees', 'update:employee_roles']) };
const admin: Actor = { id: 'auth0|guard-admin', correlationId: null, permissions: new Set(['manage:provisioning']) };

function profile(overrides: Partial<IdentityUserProfile>): IdentityUserProfile {
  return {
    userId: 'auth0|guard',
    email: 'guard@warehouse-example.com',
    emailVerified: false,
    appMetadata: {},
    createdAt: new Date(),
    name: null,
    blocked: false,
    lastLogin: null,
    loginsCount: 0,
    ...overrides,
  };
}

async function employee(data: { auth0UserId?: string | null; auth0LinkedAt?: Date | null } = {}) {
  return prisma.employee.create({
    data: {
      name: 'Guard Case',
      email: `guard.${crypto.randomUUID()}@warehouse-example.com`,
      department: 'Guard',
      auth0UserId: data.auth0UserId === undefined ? `auth0|guard-${crypto.randomUUID()}` : data.auth0UserId,
      auth0LinkedAt: data.auth0LinkedAt ?? null,
      auth0SyncStatus: 'CREATED',
    },
  });
}

function guard(read: (userId: string) => Promise<IdentityUserProfile | null>) {
  let reads = 0;
  const deps = {
    prisma,
    audit: new AuditTrail(prisma),
    identityProvider: {
      getUserProfile: (userId: string) => {
        reads += 1;
        return read(userId);
      },
    },
  };
  return { deps, reads: () => reads };
}

describe('email change of an account in use', () => {
  it('refuses a manager when the user signed in without verifying, and audits the refusal', async () => {
    const target = await employee();
    const { deps } = guard(async () => profile({ loginsCount: 3 }));
    expect(await refuseEmailChange(deps, manager, target)).toMatchObject({ code: 'EMAIL_CHANGE_NOT_ALLOWED' });
    const refused = await prisma.auditEvent.findMany({ where: { employeeId: target.id, action: 'ACCESS_REFUSED' } });
    expect(refused.map((event) => [event.actor, event.outcome, event.detail])).toEqual([
      ['auth0|guard-manager', 'FAILURE', 'updateEmployee: email change of an account in use (signed in) needs an admin'],
    ]);
  });

  it('refuses when Auth0 says verified, and lets a manager go on when nobody has used the account', async () => {
    expect(await refuseEmailChange(guard(async () => profile({ emailVerified: true })).deps, manager, await employee())).toMatchObject({
      code: 'EMAIL_CHANGE_NOT_ALLOWED',
    });
    expect(await refuseEmailChange(guard(async () => profile({})).deps, manager, await employee())).toBeNull();
    // A linked user that no longer exists: nobody can be locked out of it.
    expect(await refuseEmailChange(guard(async () => null).deps, manager, await employee())).toBeNull();
  });

  it('knows without asking Auth0: a hand-linked account, an employee who was ever VERIFIED, one with no account yet', async () => {
    const linked = guard(async () => profile({}));
    expect(await refuseEmailChange(linked.deps, manager, await employee({ auth0LinkedAt: new Date() }))).toMatchObject({ code: 'EMAIL_CHANGE_NOT_ALLOWED' });

    const once = await employee();
    await prisma.auditEvent.create({ data: { actor: 'system', action: 'SYNC_STATUS_CHANGED', employeeId: once.id, outcome: 'SUCCESS', detail: 'VERIFIED' } });
    expect(await refuseEmailChange(linked.deps, manager, once)).toMatchObject({ code: 'EMAIL_CHANGE_NOT_ALLOWED' });

    expect(await refuseEmailChange(linked.deps, manager, await employee({ auth0UserId: null }))).toBeNull();
    expect(linked.reads()).toBe(0);
  });

  it('fails closed when Auth0 cannot be asked, and never asks for an admin', async () => {
    const down = guard(async () => {
      throw new IdentityError('transient', 'Auth0 answered 503', 503);
    });
    expect(await refuseEmailChange(down.deps, manager, await employee())).toMatchObject({ code: 'AUTH0_UNAVAILABLE' });
    expect(await refuseEmailChange(down.deps, admin, await employee({ auth0LinkedAt: new Date() }))).toBeNull();
    expect(down.reads()).toBe(1);
  });
});
