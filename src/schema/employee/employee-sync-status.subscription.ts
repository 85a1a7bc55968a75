import { builder } from '../../builder.ts';
import { openLiveStream, streamCaller } from '../common/live-stream.ts';
import { EmployeeNode, employeeIdArg, employeeUuid } from './employee.type.ts';

builder.subscriptionField('employeeSyncStatus', (t) =>
  t.field({
    type: EmployeeNode,
    nullable: true,
    description:
      'The employee now, then again each time its auth0SyncStatus or active flag changes, whichever process changed it; null (and the end of the stream) when there is no such employee. The stream also ends when the caller\'s token expires.',
    authScopes: { permission: 'read:employees' },
    args: { employeeId: employeeIdArg(t) },
    subscribe: (_root, args, context) =>
      openLiveStream(() => context.services.watchEmployee(streamCaller(context), employeeUuid(args.employeeId))),
    resolve: (employee) => employee,
  }),
);
