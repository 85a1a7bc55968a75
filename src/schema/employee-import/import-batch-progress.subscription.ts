import { builder } from '../../builder.ts';
import { uuidOrNil } from '../common/ids.ts';
import { openLiveStream, streamCaller } from '../common/live-stream.ts';
import { ImportBatchType } from './import-batch.type.ts';

builder.subscriptionField('importBatchProgress', (t) =>
  t.field({
    type: ImportBatchType,
    nullable: true,
    description:
      "An import batch's counts now, then after each change of its rows' provisioning, until no row is PENDING (the last event has finished: true and the stream ends); null (and the end) when the batch is unknown or someone else's (only its creator and admins follow it). The stream also ends when the caller's token expires.",
    authScopes: { permission: 'create:employees' },
    args: { batchId: t.arg.id({ required: true, description: 'The batch id importEmployees returned.' }) },
    subscribe: (_root, args, context) =>
      openLiveStream(() => context.services.watchImportBatch(streamCaller(context), uuidOrNil(String(args.batchId)))),
    resolve: (batch) => batch,
  }),
);
