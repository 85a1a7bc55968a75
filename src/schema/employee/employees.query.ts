import { z } from 'zod';
import { builder } from '../../builder.ts';
import { prismaOf } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { Auth0SyncStatus } from '../../generated/prisma/enums.ts';
import { MAX_PAGE_SIZE } from '../common/page-size.ts';
import { EmployeeRoleEnum } from './employee.type.ts';

const EmployeeFilter = builder.inputType('EmployeeFilter', {
  description: 'Narrows the employee list; every given field must hold.',
  fields: (t) => ({
    department: t.string({ description: 'Exactly this department.' }),
    role: t.field({ type: EmployeeRoleEnum, description: 'Only employees holding this role.' }),
    syncStatus: t.field({ type: Auth0SyncStatus, description: 'Only employees whose Auth0 account is in this state.' }),
    active: t.boolean({
      description: 'true: employees still here; false: only deactivated ones (leavers). Omitted: active ones only, unless includeDeactivated.',
    }),
    includeDeactivated: t.boolean({ description: 'With active omitted: deactivated employees are listed too.' }),
    search: t.string({
      description: 'Case-insensitive part of the name or the email (at most 200 characters).',
      validate: z.string().max(200, 'filter.search must be at most 200 characters'),
    }),
  }),
});

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { description: 'Smallest (or oldest, or A) first.' },
    DESC: { description: 'Largest (or newest, or Z) first.' },
  },
});

const EmployeeOrderField = builder.enumType('EmployeeOrderField', {
  description: 'What the employee list is sorted by; ties are broken by id, so pages never overlap.',
  values: {
    CREATED_AT: { description: 'When the employee was added.' },
    NAME: { description: 'Full name.' },
    EMAIL: { description: 'Email address.' },
    DEPARTMENT: { description: 'Department, then the id.' },
  },
});

const EmployeeOrder = builder.inputType('EmployeeOrder', {
  description: 'Sort order of the employee list.',
  fields: (t) => ({
    field: t.field({ type: EmployeeOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, required: true, defaultValue: 'ASC', description: 'Ascending (default) or descending.' }),
  }),
});

const ORDER_COLUMNS = { CREATED_AT: 'createdAt', NAME: 'name', EMAIL: 'email', DEPARTMENT: 'department' } as const;

/** The where clause of a filter (exported for the search-index test, which explains the SQL it produces). */
export function employeeWhere(filter: typeof EmployeeFilter.$inferInput | null | undefined): Prisma.EmployeeWhereInput {
  // Deactivated employees (leavers) are left out unless the filter asks for them.
  if (!filter) return { active: true };
  const search = filter.search?.trim();
  // Prisma passes `contains` to (I)LIKE as is: %, _ and \ would be wildcards and the escape, not what was typed.
  const literal = search?.replace(/[\\%_]/g, (character) => `\\${character}`);
  const active = filter.active ?? (filter.includeDeactivated ? null : true);
  return {
    ...(active !== null ? { active } : {}),
    ...(filter.department != null ? { department: filter.department } : {}),
    ...(filter.role != null ? { role: filter.role } : {}),
    ...(filter.syncStatus != null ? { auth0SyncStatus: filter.syncStatus } : {}),
    ...(search && literal
      ? {
          OR: [
            { name: { contains: literal, mode: 'insensitive' as const } },
            { email: { contains: literal.toLowerCase() } },
          ],
        }
      : {}),
  };
}

builder.queryField('employees', (t) =>
  t.prismaConnection(
    {
      type: 'Employee',
      cursor: 'id',
      defaultSize: 20,
      maxSize: MAX_PAGE_SIZE,
      description:
        'Employees, newest first unless orderBy says otherwise (Relay connection, at most 500 per page). Deactivated employees are left out unless filter.active is false or filter.includeDeactivated is true.',
      authScopes: { permission: 'read:employees' },
      args: {
        filter: t.arg({ type: EmployeeFilter, description: 'Only employees matching every given field.' }),
        orderBy: t.arg({ type: EmployeeOrder, description: 'Sort order; default: newest first (createdAt descending).' }),
      },
      resolve: (query, _root, args, context) => {
        const column = args.orderBy ? ORDER_COLUMNS[args.orderBy.field] : 'createdAt';
        const direction = args.orderBy ? (args.orderBy.direction === 'DESC' ? 'desc' : 'asc') : 'desc';
        return prismaOf(context).employee.findMany({
          ...query,
          where: employeeWhere(args.filter),
          orderBy: [{ [column]: direction }, { id: direction }],
        });
      },
      totalCount: (_parent, args, context) => context.services.countEmployees(employeeWhere(args.filter)),
    },
    { name: 'EmployeeConnection', description: 'A page of employees.' },
    { name: 'EmployeeEdge', description: 'One employee in a page.' },
  ),
);
