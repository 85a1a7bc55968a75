// `me` answers from a per-process cache of the caller's own employee, kept exact by the change feed
// (LISTEN/NOTIFY). Over real HTTP against real PostgreSQL: the answer is what the database holds, a
// write by another connection or through the API shows up as soon as its notification arrives, a
// caller who gets linked sees the employee, and while the LISTEN connection is down nothing is served
// from memory.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewerEmployeeCache } from '../../../src/live/viewer-employee-cache.ts';
import { ROLE_PERMISSIONS } from '../../../src/auth/permissions.ts';
import type { Employee } from '../../../src/generated/prisma/client.ts';
import { UpdateEmployeeDocument } from '../../generated/graphql.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { serveOverHttp } from '../../helpers/sse.ts';

const ME = '{ me { id name email department role active auth0UserId auth0SyncStatus previousNames updatedAt } }';

// A database of its own: a test drops every change-feed connection on its database, which on the shared one
// would hit the gateways of the files running alongside.
describe('me, cached per process and kept exact by the change feed', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;
  let cache: ViewerEmployeeCache<Employee>;
  let writer: pg.Client;

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    gateway = await startTestGateway({ databaseUrl: database.url, workers: false });
    http = await serveOverHttp(gateway.app);
    cache = await gateway.composition.viewerEmployees();
    // Another connection than the gateway's own pool: the writer is "another process" to the cache.
    writer = new pg.Client({ connectionString: database.url });
    await writer.connect();
  });

  afterAll(async () => {
    await writer?.end();
    await http?.close();
    await gateway?.close();
    await database?.drop();
  });

  let serial = 0;
  async function caller(options: { employee: boolean; permissions?: string[] }) {
    serial += 1;
    const sub = `auth0|me${process.pid}x${Date.now().toString(16)}x${serial}`;
    const employee = options.employee
      ? await gateway.prisma.employee.create({ data: { name: `Self ${serial}`, email: uniqueEmail('me.cache'), department: 'Picking', auth0UserId: sub } })
      : undefined;
    const token = await gateway.control.mintToken({ sub, permissions: options.permissions ?? [...ROLE_PERMISSIONS.production_associate], expiresIn: 600 });
    return { sub, employee, token };
  }

  async function me(token: string, query = ME) {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: { me: Record<string, unknown> | null }; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body)).toBeUndefined();
    return body.data!.me;
  }

  /** Asks until the answer comes from the cache (the feed's connection opens with the first `me`). */
  async function warm(sub: string, token: string) {
    await expect.poll(async () => (await me(token), cache.has(sub)), { timeout: 10_000 }).toBe(true);
  }

  /** A write that fires no trigger (replica mode): nobody is told, so only a cached answer misses it. */
  async function silentRename(id: string, name: string) {
    await writer.query('BEGIN');
    await writer.query("SET LOCAL session_replication_role = 'replica'");
    await writer.query('UPDATE "Employee" SET "name" = $1 WHERE "id" = $2', [name, id]);
    await writer.query('COMMIT');
  }

  it('answers what the database holds, from the cache once warm', async () => {
    const { sub, employee, token } = await caller({ employee: true });
    const expected = {
      id: Buffer.from(`Employee:${employee!.id}`).toString('base64'),
      name: employee!.name,
      email: employee!.email,
      department: 'Picking',
      role: 'PRODUCTION_ASSOCIATE',
      active: true,
      auth0UserId: sub,
      auth0SyncStatus: 'PENDING',
      previousNames: [],
      updatedAt: employee!.updatedAt.toISOString(),
    };
    expect(await me(token)).toEqual(expected);
    await warm(sub, token);
    expect(await me(token)).toEqual(expected);

    // Served from memory: a write that notifies nobody is not seen...
    await silentRename(employee!.id, 'Renamed Silently');
    expect((await me(token))?.name).toBe(employee!.name);
    // ...and one that notifies is.
    await writer.query('UPDATE "Employee" SET "department" = $1 WHERE "id" = $2', ['Packing', employee!.id]);
    await expect.poll(async () => (await me(token))?.department, { timeout: 5_000 }).toBe('Packing');
    expect((await me(token))?.name).toBe('Renamed Silently');
  });

  it('reads relations through, as before', async () => {
    const { sub, employee, token } = await caller({ employee: true, permissions: ['read:self', 'read:audit'] });
    await gateway.prisma.auditEvent.create({
      data: { employeeId: employee!.id, action: 'EMPLOYEE_CREATED', actor: 'auth0|someone', outcome: 'SUCCESS' },
    });
    await warm(sub, token);
    const answer = await me(token, '{ me { name auditEvents(first: 5) { edges { node { action } } } } }');
    expect(answer).toEqual({ name: employee!.name, auditEvents: { edges: [{ node: { action: 'EMPLOYEE_CREATED' } }] } });
  });

  it("shows another connection's update and an update through the API at the next request after the notification", async () => {
    const { sub, employee, token } = await caller({ employee: true });
    await warm(sub, token);
    await writer.query('UPDATE "Employee" SET "name" = $1 WHERE "auth0UserId" = $2', ['Raw Update', sub]);
    await expect.poll(async () => (await me(token))?.name, { timeout: 5_000 }).toBe('Raw Update');

    await warm(sub, token);
    const updated = await gateway.execute({
      document: UpdateEmployeeDocument,
      variables: { employeeId: Buffer.from(`Employee:${employee!.id}`).toString('base64'), input: { name: 'Api Update' } },
      as: 'manager',
    });
    expect(expectNoGraphQLErrors(updated).updateEmployee.__typename).toBe('UpdateEmployeePayload');
    await expect.poll(async () => (await me(token))?.name, { timeout: 5_000 }).toBe('Api Update');
    expect((await me(token))?.previousNames).toEqual(['Raw Update']);
  });

  it('shows the employee to a caller who had none once an employee is linked to them, and none once unlinked', async () => {
    const { sub, token } = await caller({ employee: false });
    expect(await me(token)).toBeNull();
    await warm(sub, token);
    expect(await me(token)).toBeNull();

    const other = await gateway.prisma.employee.create({ data: { name: 'Linked Later', email: uniqueEmail('me.link'), department: 'Picking' } });
    await writer.query('UPDATE "Employee" SET "auth0UserId" = $1 WHERE "id" = $2', [sub, other.id]);
    await expect.poll(async () => (await me(token))?.name, { timeout: 5_000 }).toBe('Linked Later');

    await warm(sub, token);
    await writer.query('UPDATE "Employee" SET "auth0UserId" = NULL WHERE "id" = $1', [other.id]);
    await expect.poll(async () => me(token), { timeout: 5_000 }).toBeNull();
  });

  it('serves nothing from memory while the LISTEN connection is down, and nothing stale after it comes back', { timeout: 40_000 }, async () => {
    const { sub, employee, token } = await caller({ employee: true });
    await warm(sub, token);
    const listeners = async () =>
      (await writer.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'gateway-change-feed' AND datname = current_database()",
      )).rows.map((row) => row.pid);
    const before = await listeners();
    const dropped = await writer.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gateway-change-feed' AND datname = current_database()",
    );
    expect(dropped.rowCount).toBeGreaterThan(0);
    await expect.poll(() => cache.live, { timeout: 5_000 }).toBe(false);

    // Silent writes while down: a cache in use would miss them; every answer now reads.
    await silentRename(employee!.id, 'Changed While Down');
    expect((await me(token))?.name).toBe('Changed While Down');
    expect(cache.has(sub)).toBe(false);

    // Back up on a new connection: what was cached before is gone, the next answers are current...
    await expect.poll(async () => (await listeners()).some((pid) => !before.includes(pid)), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => cache.live, { timeout: 15_000 }).toBe(true);
    await silentRename(employee!.id, 'Changed While Reconnecting');
    expect((await me(token))?.name).toBe('Changed While Reconnecting');
    // ...and the new connection delivers notifications.
    await warm(sub, token);
    await writer.query('UPDATE "Employee" SET "name" = $1 WHERE "id" = $2', ['Changed After', employee!.id]);
    await expect.poll(async () => (await me(token))?.name, { timeout: 5_000 }).toBe('Changed After');
  });
});
