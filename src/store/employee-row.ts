// Employee rows read by the store's raw statements (a write and its read in one round trip: the lease,
// CREATED). $queryRaw returns the columns as PostgreSQL holds them; the one difference from Prisma's model
// is the EmployeeRole enum, whose database labels are schema.prisma's @map names. test/db/employee-row.test.ts
// checks that a raw row converted here equals Prisma's own read of it, and the labels against the database.
import { Prisma, type Employee } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';

const COLUMN_NAMES = Object.values(Prisma.EmployeeScalarFieldEnum);

/**
 * The Employee model's columns, listed, for RETURNING and SELECT lists of raw statements (built once: they
 * go into every create's statements). Not `*`: the statements are prepared once per connection
 * (src/db/prisma-client.ts), and PostgreSQL refuses to run a prepared statement whose `*` has come to mean
 * more columns (a migration of a newer version during a rolling deploy): "cached plan must not change
 * result type".
 */
export const EMPLOYEE_COLUMNS = Prisma.raw(COLUMN_NAMES.map((column) => `"${column}"`).join(', '));

/** The database labels of EmployeeRole (schema.prisma @map), for raw statements. */
export const EMPLOYEE_ROLE_LABELS: Readonly<Record<EmployeeRole, string>> = {
  PRODUCTION_ASSOCIATE: 'production_associate',
  TEAM_LEAD: 'team_lead',
  MANAGER: 'manager',
  ADMIN: 'admin',
};

const ROLE_BY_LABEL = new Map(Object.entries(EMPLOYEE_ROLE_LABELS).map(([role, label]) => [label, role as EmployeeRole]));

/** An Employee row (`EMPLOYEE_COLUMNS`) from $queryRaw as Prisma's Employee. */
export function employeeFromRow(row: Record<string, unknown>): Employee {
  return {
    ...(row as unknown as Employee),
    role: roleOf(row.role),
    auth0Role: row.auth0Role === null ? null : roleOf(row.auth0Role),
  };
}

function roleOf(label: unknown): EmployeeRole {
  const role = ROLE_BY_LABEL.get(String(label));
  if (!role) throw new Error(`Unknown EmployeeRole label in the database: ${String(label)}`);
  return role;
}
