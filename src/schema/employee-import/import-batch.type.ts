import { builder } from '../../builder.ts';
import type { ImportBatchProgress } from '../../services/employee-import.service.ts';
import { uuidOrNil } from '../common/ids.ts';
import { ImportRowOutcomeType, rowCounts } from './import-row-outcome.type.ts';

export const ImportBatchType = builder.objectRef<ImportBatchProgress>('ImportBatch').implement({
  description: "An import's outcomes and its employees' provisioning progress.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The batch id importEmployees returned.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the import was stored.', resolve: (batch) => batch.createdAt }),
    total: t.exposeInt('total', { description: rowCounts.total }),
    created: t.exposeInt('created', { description: rowCounts.created }),
    adopted: t.exposeInt('adopted', { description: rowCounts.adopted }),
    alreadyExists: t.exposeInt('alreadyExists', { description: rowCounts.alreadyExists }),
    conflicts: t.exposeInt('conflicts', { description: rowCounts.conflicts }),
    invalid: t.exposeInt('invalid', { description: rowCounts.invalid }),
    pending: t.exposeInt('pending', { description: 'Stored rows whose Auth0 account is not done yet.' }),
    provisioned: t.exposeInt('provisioned', { description: 'Stored rows CREATED or VERIFIED in Auth0.' }),
    failed: t.exposeInt('failed', { description: 'Stored rows FAILED (retryProvisioning re-queues them).' }),
    finished: t.exposeBoolean('finished', { description: 'No stored row is PENDING.' }),
    rows: t.field({ type: [ImportRowOutcomeType], description: 'One outcome per input row, in order.', resolve: (batch) => batch.rows }),
  }),
});

builder.queryField('importBatch', (t) =>
  t.field({
    type: ImportBatchType,
    nullable: true,
    description: 'An import batch by the batchId importEmployees returned, for its creator and admins; null when unknown or someone else\'s.',
    authScopes: { permission: 'create:employees' },
    args: { id: t.arg.id({ required: true, description: 'The batch id importEmployees returned.' }) },
    resolve: (_root, args, context) => context.services.importBatchProgress(context.actor, uuidOrNil(String(args.id))),
  }),
);
