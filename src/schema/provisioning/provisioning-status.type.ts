import { builder } from '../../builder.ts';
import type { ProvisioningStatus } from '../../services/provisioning/provisioning-switch.ts';

export const ProvisioningStatusType = builder.objectRef<ProvisioningStatus>('ProvisioningStatus').implement({
  description:
    'The kill switch of Auth0 provisioning, as every gateway and worker obeys it (within a few seconds of a change). Off: employees are stored PENDING with their job and nothing calls Auth0; the backlog drains once it is on again.',
  fields: (t) => ({
    enabled: t.exposeBoolean('enabled', { description: 'Whether new Auth0 calls may start.' }),
    reason: t.exposeString('reason', { description: 'Why it was last changed, as the admin wrote it.' }),
    changedAt: t.field({ type: 'DateTime', description: 'When it was last changed.', resolve: (status) => status.changedAt }),
    changedBy: t.exposeString('changedBy', {
      description: "Who changed it: an admin's `sub`, `cli:rollback:<user>`, or `environment` (AUTH0_PROVISIONING_ENABLED at first start).",
    }),
  }),
});

builder.queryField('provisioningStatus', (t) =>
  t.field({
    type: ProvisioningStatusType,
    description:
      'Whether Auth0 provisioning is switched on, and who changed it last and why. Readable by whoever may read employees (their auth0SyncStatus stays PENDING while it is off).',
    authScopes: { permission: 'read:employees' },
    resolve: (_root, _args, context) => context.services.provisioningStatus(),
  }),
);
