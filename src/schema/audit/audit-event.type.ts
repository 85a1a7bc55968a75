import { builder } from '../../builder.ts';
import { AuditAction, AuditOutcome } from '../../generated/prisma/enums.ts';
import { uuidOrNil } from '../common/ids.ts';

export const AuditActionEnum = builder.enumType(AuditAction, {
  name: 'AuditAction',
  description: 'What an audit event records: an Auth0 call (AUTH0_*) or a provisioning state change.',
});

export const AuditOutcomeEnum = builder.enumType(AuditOutcome, {
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
