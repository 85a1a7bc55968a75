// Raw statements that write and read an employee in one round trip (the lease, CREATED) convert the row
// with employeeFromRow: it must equal Prisma's own read of the same row, column for column.
import { afterAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../../src/db/prisma-client.ts';
import { EmployeeRole } from '../../src/generated/prisma/enums.ts';
import { EMPLOYEE_ROLE_LABELS, employeeFromRow } from '../../src/store/employee-row.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const prisma = createPrismaClient(testDatabaseUrl());
afterAll(() => prisma.$disconnect());

describe('employee rows read by raw statements', () => {
  it('knows every EmployeeRole label the database has, and no other', async () => {
    const labels = await prisma.$queryRaw<{ label: string }[]>`SELECT unnest(enum_range(NULL::"EmployeeRole"))::text AS label`;
    expect(labels.map((row) => row.label).sort()).toEqual(Object.values(EMPLOYEE_ROLE_LABELS).sort());
    expect(Object.keys(EMPLOYEE_ROLE_LABELS).sort()).toEqual(Object.values(EmployeeRole).sort());
  });

  it('converts a raw row to what Prisma reads, with every column set', async () => {
    const email = `employee-row.${crypto.randomUUID()}@warehouse-example.com`;
    const created = await prisma.employee.create({
      data: {
        name: 'Zoë Row',
        email,
        department: 'Packing',
        role: 'TEAM_LEAD',
        auth0Role: 'MANAGER',
        auth0UserId: `auth0|row-${crypto.randomUUID()}`,
        auth0AccountCreatedAt: new Date('2026-01-02T03:04:05.678Z'),
        auth0SyncStatus: 'FAILED',
        auth0SyncError: 'detail',
        auth0SyncFailureReason: 'AUTH0_REJECTED',
        provisioningLeaseUntil: new Date('2026-01-02T03:04:06Z'),
        provisioningLeaseOwner: 'owner',
        idempotencyKey: `key-${crypto.randomUUID()}`,
        idempotencyFingerprint: 'fingerprint',
        verificationEmailSentAt: new Date('2026-01-03T00:00:00Z'),
        previousNames: ['Zoe Row', 'Z. Row'],
        deactivatedAt: new Date('2026-01-04T00:00:00Z'),
        deactivationReason: 'left',
        auth0Profile: { logins_count: 3, nested: { blocked: false } },
        auth0Blocked: true,
        accountRevision: 4,
        auth0AccountRevision: 2,
        invitationSentAt: new Date('2026-01-05T00:00:00Z'),
        startDate: new Date('2026-01-05T00:00:00Z'),
        endDate: new Date('2026-12-31T00:00:00Z'),
        invitationScheduledAt: new Date('2026-01-02T00:00:00Z'),
        scheduledDeactivationAt: new Date('2027-01-01T00:00:00Z'),
        scheduledDeactivationReason: 'end date',
        scheduledDeactivationBy: 'auth0|someone',
        scheduledDeactivationPermissions: ['deactivate:employees'],
        active: false,
        authMethod: 'PIN',
      },
    });
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Employee" WHERE id = ${created.id}::uuid`;
    const read = await prisma.employee.findUniqueOrThrow({ where: { id: created.id } });
    expect(employeeFromRow(row!)).toStrictEqual(read);
    expect(Object.keys(employeeFromRow(row!)).sort()).toEqual(Object.keys(read).sort());
  });

  it('converts a row whose optional columns are empty', async () => {
    const created = await prisma.employee.create({
      data: { name: 'Empty Row', email: `employee-row.${crypto.randomUUID()}@warehouse-example.com`, department: 'Picking' },
    });
    const [row] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Employee" WHERE id = ${created.id}::uuid`;
    expect(employeeFromRow(row!)).toStrictEqual(await prisma.employee.findUniqueOrThrow({ where: { id: created.id } }));
  });
});
