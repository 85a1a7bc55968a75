// Planting employees (and their Auth0 users) directly, for read tests that need many of them fast and
// in states createEmployee never leaves behind (renamed, drifted, missing users, old accounts).
import { randomBytes } from 'node:crypto';
import type { Auth0SyncStatus, Employee, EmployeeRole } from '../../../src/generated/prisma/client.ts';
import { auth0RoleName } from '../../../src/services/employee-input.ts';
import { uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

export interface SeedEmployee {
  name?: string;
  email?: string;
  department: string;
  role?: EmployeeRole;
  status?: Auth0SyncStatus;
  createdAt?: Date;
  auth0AccountCreatedAt?: Date;
  /** true: create the Auth0 user (with the employee's role) and link it; a string: link this id as is. */
  auth0?: boolean | string;
  /** Auth0 roles to assign instead of the employee's own (to plant drift). */
  auth0Roles?: string[];
}

export interface SeededEmployee {
  employee: Employee;
  /** Relay global id. */
  id: string;
}

export function globalId(employeeId: string): string {
  return Buffer.from(`Employee:${employeeId}`).toString('base64');
}

/** A department nobody else uses, so filters see only this test's employees. */
export function uniqueDepartment(prefix = 'Reads'): string {
  return `${prefix} ${randomBytes(5).toString('hex')}`;
}

/** Letters only (names are matched on letters), unique per call. */
export function uniqueNameTag(): string {
  return Array.from(randomBytes(8), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

export async function seedEmployee(gateway: TestGateway, seed: SeedEmployee): Promise<SeededEmployee> {
  const role = seed.role ?? 'PRODUCTION_ASSOCIATE';
  let employee = await gateway.prisma.employee.create({
    data: {
      name: seed.name ?? 'Seed Person',
      email: seed.email ?? uniqueEmail('seed'),
      department: seed.department,
      role,
      auth0SyncStatus: seed.status ?? (seed.auth0 ? 'CREATED' : 'PENDING'),
      ...(seed.createdAt ? { createdAt: seed.createdAt } : {}),
    },
  });
  let auth0UserId: string | null = null;
  let accountCreatedAt: Date | null = seed.auth0AccountCreatedAt ?? null;
  if (seed.auth0 === true) {
    const user = await gateway.identityProvider.createUser({ email: employee.email, name: employee.name, employeeId: employee.id });
    await gateway.identityProvider.assignRoles(user.userId, seed.auth0Roles ?? [auth0RoleName(role)]);
    auth0UserId = user.userId;
    accountCreatedAt ??= user.createdAt;
  } else if (typeof seed.auth0 === 'string') {
    auth0UserId = seed.auth0;
  }
  if (auth0UserId !== null) {
    employee = await gateway.prisma.employee.update({
      where: { id: employee.id },
      data: { auth0UserId, auth0AccountCreatedAt: accountCreatedAt },
    });
  }
  return { employee, id: globalId(employee.id) };
}

/** Seeds in parallel, a few at a time. */
export async function seedEmployees(gateway: TestGateway, seeds: SeedEmployee[], concurrency = 8): Promise<SeededEmployee[]> {
  const results: SeededEmployee[] = new Array(seeds.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < seeds.length) {
        const index = next++;
        results[index] = await seedEmployee(gateway, seeds[index]!);
      }
    }),
  );
  return results;
}

/** Management API requests the emulator answered, per `METHOD /template`, since `before`. */
export async function requestsSince(gateway: TestGateway, before: Record<string, number>): Promise<Record<string, number>> {
  const { counts } = await gateway.control.requests();
  return Object.fromEntries(
    Object.entries(counts)
      .map(([route, count]) => [route, count - (before[route] ?? 0)] as const)
      .filter(([, delta]) => delta > 0),
  );
}

export async function requestCounts(gateway: TestGateway): Promise<Record<string, number>> {
  return (await gateway.control.requests()).counts;
}
