import { z } from 'zod';
import { builder } from '../../builder.ts';
import { prismaOf } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { MAX_PAGE_SIZE } from '../common/page-size.ts';
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
    to: t.field({ type: 'DateTime', description: 'Only events before this instant (exclusive); not before from.' }),
  }),
  validate: z.looseObject({ from: z.date().nullish(), to: z.date().nullish() }).refine(
    (range) => !range.from || !range.to || range.from <= range.to,
    'filter: from is after to (from is inclusive, to exclusive); swap them',
  ),
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
    maxSize: MAX_PAGE_SIZE,
    description: 'The audit trail, newest first (at most 500 per page).',
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
