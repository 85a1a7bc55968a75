import { builder } from '../../builder.ts';
import { roleCatalogue, type RoleInfo } from '../../services/role-catalogue.ts';
import { EmployeeRoleEnum } from '../employee/employee.type.ts';

const RoleRef = builder.objectRef<RoleInfo>('Role').implement({
  description: 'An RBAC role an employee can hold, as the gateway defines it.',
  fields: (t) => ({
    role: t.field({ type: EmployeeRoleEnum, description: 'The value used in employee fields and inputs.', resolve: (info) => info.role }),
    auth0Name: t.exposeString('auth0Name', { description: 'The name of the Auth0 role that carries it.' }),
    description: t.exposeString('description', { description: 'What the role is for.' }),
    permissions: t.stringList({
      description: 'The gateway API permissions the role grants (from Auth0 RBAC), e.g. read:employees.',
      resolve: (info) => [...info.permissions],
    }),
  }),
});

builder.queryField('roles', (t) =>
  t.field({
    type: [RoleRef],
    description: 'The four roles, lowest first. Static: answered without calling Auth0.',
    authScopes: { permission: 'read:employees' },
    resolve: () => roleCatalogue(),
  }),
);
