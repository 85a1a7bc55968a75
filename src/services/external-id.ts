// The source system's own id (Employee.externalId): a re-sent person is recognised by it, and one id never
// names two employees. docs/design.md "External ids".
import type { Employee, PrismaClient } from '../generated/prisma/client.ts';
import { EmployeeAlreadyExistsError, ExternalIdAlreadyUsedError } from './errors.ts';

/**
 * For a new person with this external id and email: the employee already stored under the id (matched by
 * id even when the source system changed the address), a conflict when the email belongs to another
 * employee than the id's, or null when the id is new.
 */
export async function matchExternalId(
  prisma: PrismaClient,
  externalId: string,
  email: string,
): Promise<EmployeeAlreadyExistsError | ExternalIdAlreadyUsedError | null> {
  const held = await prisma.employee.findUnique({ where: { externalId } });
  if (!held) return null;
  if (held.email === email) return new EmployeeAlreadyExistsError(held);
  const byEmail = await prisma.employee.findUnique({ where: { email }, select: { id: true } });
  return byEmail ? new ExternalIdAlreadyUsedError(externalId) : new EmployeeAlreadyExistsError(held);
}

/** Whether another employee than `employeeId` holds the external id. */
export async function externalIdHeldByAnother(prisma: PrismaClient, externalId: string, employeeId: string): Promise<boolean> {
  const held: Pick<Employee, 'id'> | null = await prisma.employee.findUnique({ where: { externalId }, select: { id: true } });
  return held !== null && held.id !== employeeId;
}
