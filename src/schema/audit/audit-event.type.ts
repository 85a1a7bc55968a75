import { builder } from '../../builder.ts';
import { prismaOf } from '../../context.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { AuditAction, AuditOutcome } from '../../generated/prisma/enums.ts';
import { EmployeeNode } from '../employee/employee.type.ts';
import { uuidOrNil } from '../ids.ts';

const AuditActionEnum = builder.enumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit event records: an Auth0 call (AUTH0_*) or a provisioning state change.',
});

const AuditOutcomeEnum = builder.enumType(AuditOutcome, {
  name: 'AuditOutcome',
  description: 'Whether the recorded operation succeeded.',
});

builder.prismaNode('AuditEvent', {
  description: 'One Auth0 operation or provisioning state change. Append-only; never holds a secret or a token.',
  authScopes: { permission: 'read:audit' },
  id: { field: 'id', description: 'Global id (Relay).' },
  findUnique: (id) => ({ id: uuidOrNil(id) }),
  fields: (t) => ({
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: 'When it happened.' }),
    actor: t.exposeString('actor', { description: 'Who caused it: the caller\'s subject, or system.' }),
    action: t.expose('action', { type: AuditActionEnum, description: 'What was done.' }),
    outcome: t.expose('outcome', { type: AuditOutcomeEnum, description: 'Whether it succeeded.' }),
    employee: t.relation('employee', { nullable: true, description: 'The employee concerned.' }),
    auth0UserId: t.exposeString('auth0UserId', { nullable: true, description: 'The Auth0 user concerned, when known.' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: 'HTTP status Auth0 answered, for Auth0 calls.' }),
    auth0ErrorCode: t.exposeString('auth0ErrorCode', { nullable: true, description: 'Auth0\'s errorCode, on failure.' }),
    detail: t.exposeString('detail', { nullable: true, description: 'Short secret-free description.' }),
    attempt: t.exposeInt('attempt', { description: 'Which attempt this was (1 for the first).' }),
    durationMs: t.exposeInt('durationMs', { nullable: true, description: 'How long the Auth0 call took.' }),
    correlationId: t.exposeString('correlationId', {
      nullable: true,
      description: 'The request id (X-Request-Id) that caused it.',
    }),
  }),
});

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
    ...(filter.employeeId ? { employeeId: uuidOrNil(filter.employeeId.id) } : {}),
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
