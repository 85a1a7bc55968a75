// `employees { totalCount }` answers from a per-process cache of counts, kept exact by the change feed. Over
// real HTTP against real PostgreSQL, on a database of this file's own (any Employee write drops every count,
// so other files' writes would decide what is cached): a count is read once and then served from memory;
// inserts, deletes, membership-changing updates and a truncate by another connection, and a createEmployee
// through the API, show in the very next request (the catchUp barrier, no waiting); nothing is served while
// the LISTEN connection is down; and a count that a change overtook is answered but not stored.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { employeeWhere } from '../../../src/schema/employee/employees.query.ts';
import type { EmployeeCountCache } from '../../../src/live/employee-count-cache.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { serveOverHttp } from '../../helpers/sse.ts';
import { uniqueDepartment } from './seed.ts';

interface Filter {
  department?: string;
  active?: boolean;
  includeDeactivated?: boolean;
}

const TOTAL_COUNT = 'query($filter: EmployeeFilter) { employees(first: 1, filter: $filter) { totalCount } }';
const CREATE_EMPLOYEE = `mutation($input: CreateEmployeeInput!) { createEmployee(input: $input) { __typename } }`;

describe('employees totalCount, cached per process and kept exact by the change feed', () => {
  let scratch: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;
  let cache: EmployeeCountCache;
  let writer: pg.Client;
  /** Counts the cache asked the database for. */
  let reads = 0;

  beforeAll(async () => {
    scratch = await holdScratchDatabase({ migrate: true });
    gateway = await startTestGateway({ workers: false, databaseUrl: scratch.url });
    http = await serveOverHttp(gateway.app);
    cache = await gateway.composition.employeeCounts();
    const get = cache.get.bind(cache);
    vi.spyOn(cache, 'get').mockImplementation((key, read) =>
      get(key, () => {
        reads += 1;
        return read();
      }),
    );
    // Another connection than the gateway's own pool: to the cache, the writer is another process.
    writer = new pg.Client({ connectionString: scratch.url });
    await writer.connect();
  }, 60_000);

  afterAll(async () => {
    await writer?.end();
    await http?.close();
    await gateway?.close();
    await scratch?.drop();
  });

  async function post<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('manager')}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body)).toBeUndefined();
    return body.data!;
  }

  const totalCount = async (filter?: Filter) =>
    (await post<{ employees: { totalCount: number } }>(TOTAL_COUNT, { filter: filter ?? null })).employees.totalCount;

  const keyOf = (filter?: Filter) => JSON.stringify(employeeWhere(filter));

  /** Asks until the answer comes from the cache (the feed's connection opens with the first count). */
  async function warm(filter?: Filter) {
    await expect.poll(async () => (await totalCount(filter), cache.has(keyOf(filter))), { timeout: 10_000 }).toBe(true);
  }

  /** What the database holds, counted by the writer. */
  async function counted(filter: { department?: string; active?: boolean } = { active: true }): Promise<number> {
    const { rows } = await writer.query<{ n: string }>(
      'SELECT count(*) AS n FROM "Employee" WHERE ($1::text IS NULL OR department = $1) AND ($2::boolean IS NULL OR active = $2)',
      [filter.department ?? null, filter.active ?? null],
    );
    return Number(rows[0]!.n);
  }

  async function insert(department: string, count = 1, { silent = false } = {}): Promise<string[]> {
    // Replica mode fires no trigger: nobody is told, so only a remembered count misses the write.
    if (silent) await writer.query("BEGIN; SET LOCAL session_replication_role = 'replica'");
    const { rows } = await writer.query<{ id: string }>(
      `INSERT INTO "Employee" (id, name, email, department, "updatedAt")
         SELECT gen_random_uuid(), 'Counted ' || n, $2 || n || '@warehouse-example.com', $1, now() FROM generate_series(1, $3::int) AS n
       RETURNING id`,
      [department, uniqueEmail('count.cache').replace('@warehouse-example.com', '.'), count],
    );
    if (silent) await writer.query('COMMIT');
    return rows.map((row) => row.id);
  }

  it('counts once, then answers from memory; equal filters share the count', async () => {
    const department = uniqueDepartment('Counted');
    await insert(department, 3);
    expect(await totalCount({ department })).toBe(3);
    await warm({ department });

    const before = reads;
    expect(await totalCount({ department })).toBe(3);
    expect(await totalCount({ department, active: true })).toBe(3);
    expect(await totalCount({ department, includeDeactivated: false })).toBe(3);
    expect(reads).toBe(before);
    expect(await totalCount({ department, includeDeactivated: true })).toBe(3);
    expect(reads).toBe(before + 1);

    // From memory: a write that notifies nobody is not seen; one that notifies is, at the next request.
    await insert(department, 1, { silent: true });
    expect(await totalCount({ department })).toBe(3);
    await insert(department, 1);
    expect(await totalCount({ department })).toBe(5);
  });

  it("shows another connection's inserts and deletes in the very next request", async () => {
    const department = uniqueDepartment('Inserted');
    for (let round = 0; round < 30; round += 1) {
      await warm();
      await warm({ department });
      const [id] = await insert(department);
      expect(await totalCount(), `round ${round}, all active`).toBe(await counted());
      expect(await totalCount({ department }), `round ${round}`).toBe(2 * round + 1);
      await warm({ department });
      await insert(department);
      expect(await totalCount({ department }), `round ${round}`).toBe(2 * round + 2);
      if (round % 3 === 2) {
        await warm({ department });
        await writer.query('DELETE FROM "Employee" WHERE id = $1', [id]);
        expect(await totalCount({ department }), `round ${round}, deleted`).toBe(2 * round + 1);
        await insert(department);
      }
    }
  });

  it('shows an update that moves employees in or out of a filter in the very next request', async () => {
    const department = uniqueDepartment('Leaving');
    const moved = uniqueDepartment('Moved');
    const ids = await insert(department, 4);
    for (const filter of [{ department }, { department, active: false }, { department: moved }, undefined]) await warm(filter);
    const activeBefore = await totalCount();

    // Deactivation: out of the default (active) list, into the leavers.
    await writer.query('UPDATE "Employee" SET active = false, "deactivatedAt" = now() WHERE id = $1', [ids[0]]);
    expect(await totalCount({ department })).toBe(3);
    expect(await totalCount({ department, active: false })).toBe(1);
    expect(await totalCount()).toBe(activeBefore - 1);

    // A department change: out of one department's list, into another's.
    await warm({ department });
    await warm({ department: moved });
    await writer.query('UPDATE "Employee" SET department = $1 WHERE id = $2', [moved, ids[1]]);
    expect(await totalCount({ department })).toBe(2);
    expect(await totalCount({ department: moved })).toBe(1);
  });

  it('shows an employee created through the API in the very next request (read your own writes)', async () => {
    const department = uniqueDepartment('Created');
    for (let round = 1; round <= 3; round += 1) {
      await warm({ department });
      const { createEmployee } = await post<{ createEmployee: { __typename: string } }>(CREATE_EMPLOYEE, {
        input: { name: `Api Created ${round}`, email: uniqueEmail('count.api'), department },
      });
      expect(createEmployee.__typename).toBe('CreateEmployeePayload');
      expect(await totalCount({ department })).toBe(round);
    }
  });

  it('answers but does not store a count that a change overtook', async () => {
    const department = uniqueDepartment('Raced');
    await insert(department, 2);
    await warm();
    const feed = await gateway.composition.changeFeed();
    const get = vi.mocked(cache.get).getMockImplementation()!;
    // The count is taken before a commit whose notification is handled before the count is stored.
    vi.mocked(cache.get).mockImplementationOnce((key, read) =>
      get(key, async () => {
        const before = await read();
        await insert(department);
        expect(await feed.catchUp()).toBe(true);
        return before;
      }),
    );
    expect(await totalCount({ department })).toBe(2);
    expect(cache.has(keyOf({ department }))).toBe(false);
    expect(await totalCount({ department })).toBe(3);
    expect(cache.has(keyOf({ department }))).toBe(true);
  });

  it('serves nothing from memory while the LISTEN connection is down, and nothing stale after it comes back', { timeout: 40_000 }, async () => {
    const department = uniqueDepartment('Offline');
    await insert(department, 2);
    await warm({ department });
    const dropped = await writer.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gateway-change-feed' AND datname = current_database()",
    );
    expect(dropped.rowCount).toBeGreaterThan(0);
    await expect.poll(() => cache.live, { timeout: 5_000 }).toBe(false);

    // Silent writes while down: a cache in use would miss them; every answer now counts.
    await insert(department, 1, { silent: true });
    const before = reads;
    expect(await totalCount({ department })).toBe(3);
    expect(await totalCount({ department })).toBe(3);
    expect(reads).toBe(before + 2);
    expect(cache.size).toBe(0);

    // Back up: what was remembered before is gone, and the new connection delivers notifications.
    await expect.poll(() => cache.live, { timeout: 15_000 }).toBe(true);
    await insert(department, 1, { silent: true });
    expect(await totalCount({ department })).toBe(4);
    await warm({ department });
    await insert(department);
    expect(await totalCount({ department })).toBe(5);
  });

  it("shows another connection's truncate in the very next request", async () => {
    const department = uniqueDepartment('Truncated');
    await insert(department, 2);
    await warm();
    await warm({ department });
    expect(await totalCount({ department })).toBe(2);
    await writer.query('TRUNCATE "Employee" CASCADE');
    expect(await totalCount({ department })).toBe(0);
    expect(await totalCount()).toBe(0);
  });
});
