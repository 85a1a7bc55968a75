import { builder } from '../../builder.ts';
import { prismaOf } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { EmployeeNode, employeeUuid } from '../employee/employee.type.ts';
import { AuditActionEnum, AuditOutcomeEnum } from './audit-event.type.ts';

const AuditEventFilter = builder.inputType('AuditEventFilter', {
  description: 'Narrows the audit trail; every given field must hold.',
  fields: (t) => ({
    employeeId: t.globalID({ for: [EmployeeNode], description: 'Only events about this employee.' }),
    action: t.field({ type: AuditActionEnum, description: 'Only this kind of event.' }),
    outcome: t.field({ type: AuditOutcomeEnum, description: 'Only successes or only failures.' }),
    actor: t.string({ description: 'Only events caused by this caller (their subject), or `system`.' }),
    from: t.field({ type: 'DateTime', description: 'Only events at or after this instant.' }),
    to: t.field({ type: 'DateTime', description: 'Only events before this instant (exclusive).' }),
  }),
});

function auditWhere(filter: typeof AuditEventFilter.$inferInput | null | undefined): Prisma.AuditEventWhereInput {
  if (!filter) return {};
  return {
    ...(filter.employeeId ? { employeeId: employeeUuid(filter.employeeId) } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.actor != null ? { actor: filter.actor } : {}),
    ...(filter.from || filter.to
      ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}

builder.queryField('auditEvents', (t) =>
  t.prismaConnection({
    type: 'AuditEvent',
    cursor: 'id',
    description: 'The audit trail, newest first.',
    authScopes: { permission: 'read:audit' },
    args: {
      filter: t.arg({ type: AuditEventFilter, description: 'Only events matching every given field.' }),
    },
    resolve: (query, _root, args, context) =>
      prismaOf(context).auditEvent.findMany({
        ...query,
        where: auditWhere(args.filter),
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      }),
  }, { name: 'AuditEventConnection', description: 'A page of audit events.' }, { name: 'AuditEventEdge', description: 'An audit event and its cursor.' }),
);
