import type { Employee } from '../../generated/prisma/client.ts';
import { builder } from '../../builder.ts';
import { DomainError } from '../../services/errors.ts';
import { EmployeeNode } from './employee.type.ts';

/** The success member of an employee mutation's result union: the employee after the change. */
export const employeePayload = (name: string, description: string, employeeDescription = 'The employee as it is now.') =>
  builder.objectRef<{ employee: Employee }>(name).implement({
    description,
    fields: (t) => ({
      employee: t.field({ type: EmployeeNode, description: employeeDescription, resolve: (result) => result.employee }),
    }),
  });

/** Expected failures are returned by services; the errors plugin needs them thrown to pick the union member. */
export function unwrapEmployee(outcome: Employee | DomainError): { employee: Employee } {
  if (outcome instanceof DomainError) throw outcome;
  return { employee: outcome };
}
