// auditEvents(first, after, filter) and Employee.auditEvents over HTTP, on audit rows planted with
// known times, actors and outcomes (an actor of its own keeps other test files' rows out).
import { randomBytes } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditOutcome } from '../../../src/generated/prisma/client.ts';
import { AuditEventsDocument, EmployeeAuditEventsDocument, type AuditEventFilter } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment, type SeededEmployee } from './seed.ts';

describe('audit trail connections', () => {
  let gateway: TestGateway;
  let actor: string;
  let first: SeededEmployee;
  let second: SeededEmployee;
  /** Planted rows, newest first (occurredAt desc, id desc), as the API must return them. */
  let planted: { id: string; action: AuditAction; outcome: AuditOutcome; employeeId: string; occurredAt: Date }[];
  const at = (second: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, second));

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    actor = `auth0|audit-reader-${randomBytes(6).toString('hex')}`;
    const department = uniqueDepartment('Audit');
    first = await seedEmployee(gateway, { name: 'Audit One', department });
    second = await seedEmployee(gateway, { name: 'Audit Two', department });
    const rows: { action: AuditAction; outcome: AuditOutcome; employeeId: string; occurredAt: Date }[] = [
      { action: 'EMPLOYEE_CREATED', outcome: 'SUCCESS', employeeId: first.employee.id, occurredAt: at(1) },
      { action: 'AUTH0_CREATE_USER', outcome: 'FAILURE', employeeId: first.employee.id, occurredAt: at(2) },
      { action: 'AUTH0_CREATE_USER', outcome: 'SUCCESS', employeeId: first.employee.id, occurredAt: at(3) },
      // Three rows at the same instant: the id decides their order.
      { action: 'AUTH0_ASSIGN_ROLES', outcome: 'SUCCESS', employeeId: first.employee.id, occurredAt: at(4) },
      { action: 'SYNC_STATUS_CHANGED', outcome: 'SUCCESS', employeeId: first.employee.id, occurredAt: at(4) },
      { action: 'EMPLOYEE_CREATED', outcome: 'SUCCESS', employeeId: second.employee.id, occurredAt: at(4) },
      { action: 'AUTH0_CREATE_USER', outcome: 'FAILURE', employeeId: second.employee.id, occurredAt: at(5) },
    ];
    planted = [];
    for (const row of rows) {
      const created = await gateway.prisma.auditEvent.create({ data: { ...row, actor } });
      planted.push({ ...row, id: created.id });
    }
    planted.sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1));
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const globalAuditId = (id: string) => Buffer.from(`AuditEvent:${id}`).toString('base64');

  async function ids(filter: AuditEventFilter, pageSize = 50): Promise<string[]> {
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: AuditEventsDocument, variables: { first: pageSize, filter: { actor, ...filter } } }),
    ).auditEvents;
    return result.edges.map((edge) => edge.node.id);
  }
  const expected = (keep: (row: (typeof planted)[number]) => boolean) => planted.filter(keep).map((row) => globalAuditId(row.id));

  it('filters by actor, newest first with ties broken by id', async () => {
    expect(await ids({})).toEqual(expected(() => true));
  });

  it('filters by employee, action, outcome and time range, alone and together', async () => {
    expect(await ids({ employeeId: second.id })).toEqual(expected((row) => row.employeeId === second.employee.id));
    expect(await ids({ action: 'AUTH0_CREATE_USER' })).toEqual(expected((row) => row.action === 'AUTH0_CREATE_USER'));
    expect(await ids({ outcome: 'FAILURE' })).toEqual(expected((row) => row.outcome === 'FAILURE'));
    expect(await ids({ action: 'AUTH0_CREATE_USER', outcome: 'FAILURE', employeeId: first.id })).toEqual(
      expected((row) => row.action === 'AUTH0_CREATE_USER' && row.outcome === 'FAILURE' && row.employeeId === first.employee.id),
    );
    // `from` inclusive, `to` exclusive.
    expect(await ids({ from: at(2).toISOString(), to: at(4).toISOString() })).toEqual(
      expected((row) => row.occurredAt >= at(2) && row.occurredAt < at(4)),
    );
    expect(await ids({ from: at(4).toISOString() })).toHaveLength(4);
    expect(await ids({ actor: 'auth0|nobody-at-all' })).toEqual([]);
  });

  it('pages with stable cursors across the tied rows', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } =
        expectNoGraphQLErrors(await gateway.execute({ document: AuditEventsDocument, variables: { first: 2, after, filter: { actor } } }))
          .auditEvents;
      seen.push(...result.edges.map((edge) => edge.node.id));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor ?? null;
    }
    expect(seen).toEqual(expected(() => true));
  });

  it('pages Employee.auditEvents newest first', async () => {
    const mine = expected((row) => row.employeeId === first.employee.id);
    const page1 = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeAuditEventsDocument, variables: { id: first.id, first: 3 } }))
      .employee!.auditEvents;
    const page2 = expectNoGraphQLErrors(
      await gateway.execute({ document: EmployeeAuditEventsDocument, variables: { id: first.id, first: 3, after: page1.pageInfo.endCursor } }),
    ).employee!.auditEvents;
    expect([...page1.edges, ...page2.edges].map((edge) => edge.node.id)).toEqual(mine);
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
  });

  it('refuses an inverted time range and a page over 500 with BAD_USER_INPUT, not an empty or shorter page', async () => {
    const inverted = await gateway.execute({ document: AuditEventsDocument, variables: { first: 10, filter: { actor, from: at(4).toISOString(), to: at(2).toISOString() } } });
    expect(inverted.data ?? null).toBeNull();
    expect(inverted.errors).toEqual([
      expect.objectContaining({ message: 'filter: from is after to (from is inclusive, to exclusive); swap them', extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    // An empty range (from equal to to) is asked for as such: an empty page.
    expect(await ids({ from: at(4).toISOString(), to: at(4).toISOString() })).toEqual([]);

    const tooMany = await gateway.execute({ document: AuditEventsDocument, variables: { first: 501, filter: { actor } } });
    expect(tooMany.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('auditEvents(first): at most 500 per page'), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    const employeeTooMany = await gateway.execute({ document: EmployeeAuditEventsDocument, variables: { id: first.id, first: 501 } });
    expect(employeeTooMany.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('auditEvents(first): at most 500 per page'), extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    // Pothos's own default (100) no longer cuts a page the README promises up to 500 (a small selection, within the cost limit).
    const many = `auth0|audit-many-${randomBytes(6).toString('hex')}`;
    await gateway.prisma.auditEvent.createMany({ data: Array.from({ length: 101 }, () => ({ action: 'EMPLOYEE_CREATED' as const, outcome: 'SUCCESS' as const, actor: many })) });
    const page = await gateway.execute({
      document: parse(`{ auditEvents(first: 101, filter: { actor: "${many}" }) { edges { cursor } } }`) as TypedDocumentNode<{ auditEvents: { edges: unknown[] } }, unknown>,
    });
    expect(expectNoGraphQLErrors(page).auditEvents.edges).toHaveLength(101);
  });

  it('needs read:audit', async () => {
    const response = await gateway.execute({ document: AuditEventsDocument, variables: { first: 1 }, as: 'team_lead' });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
