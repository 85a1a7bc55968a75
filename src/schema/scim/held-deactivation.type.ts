import { builder } from '../../builder.ts';
import type { Employee, ScimDeactivation } from '../../generated/prisma/client.ts';
import { ScimDeactivationState } from '../../generated/prisma/enums.ts';
import { EmployeeNode } from '../employee/employee.type.ts';

export type HeldDeactivationRow = ScimDeactivation & { employee: Employee };

const ScimDeactivationStateEnum = builder.enumType(ScimDeactivationState, {
  name: 'ScimDeactivationState',
  description: 'What became of a SCIM deactivation: APPLIED at once, HELD beyond SCIM_DEPROVISION_LIMIT, then RELEASED (applied) or DISCARDED by an admin.',
});

export const HeldDeactivationType = builder.objectRef<HeldDeactivationRow>('HeldDeactivation').implement({
  description:
    'A deactivation an identity provider or HR system sent through SCIM beyond SCIM_DEPROVISION_LIMIT: not applied, the employee stays active until an admin releases or discards it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Its id (releaseHeldDeactivations and discardHeldDeactivations take it).' }),
    state: t.field({ type: ScimDeactivationStateEnum, description: 'HELD while it waits; RELEASED or DISCARDED once an admin decided.', resolve: (row) => row.state }),
    employee: t.field({ type: EmployeeNode, description: 'The employee it would deactivate, as it is now.', resolve: (row) => row.employee }),
    requestedBy: t.exposeString('actor', { description: 'Who sent it: `scim:<token name>`.' }),
    reason: t.exposeString('reason', { nullable: true, description: 'The reason sent with it, if any.' }),
    requestedAt: t.field({ type: 'DateTime', description: 'When it arrived.', resolve: (row) => row.requestedAt }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, description: 'When an admin released or discarded it.', resolve: (row) => row.resolvedAt }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true, description: "The admin's `sub`, once resolved." }),
  }),
});

builder.queryField('heldDeactivations', (t) =>
  t.field({
    type: [HeldDeactivationType],
    description:
      'SCIM deactivations held by the mass-deprovisioning guard (SCIM_DEPROVISION_LIMIT), oldest first: their employees stay active until an admin releases or discards them. Admins only.',
    authScopes: { permission: 'manage:provisioning' },
    resolve: (_root, _args, context) => context.services.deprovisionGuard.held(),
  }),
);
