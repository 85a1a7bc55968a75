// Seeds a migrated scratch database with a large, realistic volume in a few SQL statements
// (generate_series, not row by row): employees with skewed departments, statuses and roles, names with
// accents, apostrophes and hyphens, emails derived from them; import batches; audit events spread over
// the employees (most of an employee's events near its creation, a tail later) and over actions, actors
// and outcomes. Indexes, keys and the notify trigger are set aside during the inserts and rebuilt after,
// which is several times faster than maintaining them row by row. Deterministic (setseed).
import pg from 'pg';

export interface SeedVolume {
  employees: number;
  auditEvents: number;
  importBatches: number;
}

export const DEPARTMENTS = [
  'Picking', 'Packing', 'Shipping', 'Receiving', 'Inventory Control', 'Returns', 'Forklift Operations',
  'Quality Assurance', 'Maintenance', 'Loading Dock', 'Human Resources', 'Yard Management',
];

const FIRST_NAMES = [
  'James', 'María', 'José', 'Anne', 'Zoë', 'Mohammed', 'Wei', 'Olga', 'Siobhán', 'Kwame', 'Jean-Luc', 'Ngozi',
  'Priya', 'Mateo', 'Chloé', 'Dmitri', 'Aiko', 'Lars', 'Fatima', 'Björn', 'Lucía', 'Hannah', 'Tomás', 'Ana',
  'Christopher', 'Émilie', 'Rajesh', 'Sven', 'Thi', 'Juan Carlos', 'Mary-Kate', 'Oluwaseun', 'Andrés', 'Ingrid',
  'Kenji', 'Leila', 'Patrick', 'Renée', 'Samuel', 'Xiomara', 'Yusuf', 'Zofia', 'Alexander', 'Bethany', 'Connor',
];

const LAST_NAMES = [
  'Smith', 'García', 'Hernández', "O'Brien", 'Nguyen', 'Müller', 'Kowalski', 'Andersen', 'Fernández', 'Okafor',
  'Johansson', 'Rossi', 'Dubois', 'Ivanova', 'Tanaka', 'Khan', 'Patel', 'Schmidt', 'López', 'Jensen',
  'Mac Giolla Phádraig', 'Van der Berg', 'Smith-Jones', 'Gonçalves', 'Nakamura', 'Abdullah', 'Brennan', 'Petrov',
  'Øster', 'Walker', 'Martínez', 'Haddad', 'Kim', 'Le', 'Thompson', 'Zhang', 'Sørensen', 'Williams', 'Dlamini',
  'Novak', 'Fitzgerald', 'Rodríguez', 'Hansen', 'Yilmaz', 'Costa', 'Eriksson', 'Moreau', 'Singh', "D'Angelo",
];

/** Weighted by repetition: most audit events are the provisioning path's. */
const AUDIT_ACTIONS = [
  'EMPLOYEE_CREATED', 'EMPLOYEE_CREATED', 'AUTH0_CREATE_USER', 'AUTH0_CREATE_USER', 'AUTH0_ASSIGN_ROLES',
  'AUTH0_ASSIGN_ROLES', 'SYNC_STATUS_CHANGED', 'SYNC_STATUS_CHANGED', 'SYNC_STATUS_CHANGED', 'SYNC_STATUS_CHANGED',
  'AUTH0_SEND_INVITATION_EMAIL', 'AUTH0_SEND_INVITATION_EMAIL', 'AUTH0_GET_USER', 'AUTH0_FIND_USERS_BY_EMAIL',
  'EMPLOYEE_UPDATED', 'AUTH0_UPDATE_USER', 'EMPLOYEE_ROLE_CHANGED', 'AUTH0_REMOVE_ROLES', 'EMPLOYEE_DEACTIVATED',
  'AUTH0_SEND_VERIFICATION_EMAIL',
];

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]`;

/** The employee id of ordinal `i` (1-based), the same in every statement, so audit rows need no join. */
const employeeId = (ordinal: string) => `md5('employee-' || ${ordinal})::uuid`;
/** Creation time of ordinal `i`: spread evenly over the last three years, oldest first. */
const employeeCreatedAt = (ordinal: string, total: number) =>
  `(timestamptz '2026-11-01' - interval '3 years' + (${ordinal}::float8 / ${total}) * interval '3 years')`;

export async function seedDataScale(databaseUrl: string, volume: SeedVolume): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seconds: Record<string, number> = {};
  const timed = async (label: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    seconds[label] = Math.round((performance.now() - started) / 100) / 10;
  };
  try {
    await client.query("SET maintenance_work_mem = '256MB'");
    await client.query('SELECT setseed(0.42)');
    const restore = await setAsideIndexes(client, ['Employee', 'AuditEvent']);
    await client.query('ALTER TABLE "Employee" DISABLE TRIGGER USER');

    const { employees: n, auditEvents, importBatches } = volume;
    await timed('import batches', `
      INSERT INTO "ImportBatch" (id, "createdAt", "actorId", total, created, "alreadyExists", invalid, rows)
      SELECT md5('batch-' || b)::uuid, timestamptz '2026-11-01' - (b || ' days')::interval, 'auth0|manager-' || (b % 40),
             50, 48, 1, 1,
             (SELECT jsonb_agg(jsonb_build_object('row', r, 'email', 'row' || r || '@warehouse-example.com', 'outcome', 'CREATED', 'reasons', '[]'::jsonb))
                FROM generate_series(1, 50) AS r)
      FROM generate_series(1, ${importBatches}) AS b`);

    await timed('employees', `
      INSERT INTO "Employee" (id, name, email, department, role, "authMethod", active, "auth0UserId", "auth0AccountCreatedAt",
                              "auth0SyncStatus", "auth0SyncError", "auth0SyncFailureReason", "auth0Role", "importBatchId",
                              "createdAt", "updatedAt")
      SELECT ${employeeId('i')}, name, email, department, role::"EmployeeRole", CASE WHEN i % 7 = 0 THEN 'PIN' ELSE 'AUTH0' END::"AuthMethod",
             status <> 'DISABLED',
             CASE WHEN status IN ('CREATED', 'VERIFIED', 'DISABLED') THEN 'auth0|' || substr(md5('user-' || i), 1, 24) END,
             CASE WHEN status IN ('CREATED', 'VERIFIED', 'DISABLED') THEN created + interval '2 seconds' END,
             status::"Auth0SyncStatus",
             CASE WHEN status = 'FAILED' THEN 'Auth0 kept answering 429 until the retry limit' END,
             CASE WHEN status = 'FAILED' THEN 'RETRIES_EXHAUSTED'::"ProvisioningFailureReason" END,
             CASE WHEN status IN ('CREATED', 'VERIFIED') THEN role::"EmployeeRole" END,
             CASE WHEN i % 10 < 3 THEN md5('batch-' || (1 + i % ${importBatches}))::uuid END,
             created, created
      FROM (
        SELECT i, created, department, role, status,
               first || CASE WHEN i % 9 = 0 THEN ' ' || chr(65 + i % 26) || '.' ELSE '' END || ' ' || last AS name,
               lower(translate(replace(first, ' ', '.') || '.' || replace(last, ' ', ''), 'áéíóúüöäñçøåëïãÉØ''', 'aeiouuoancoaeiaeo'))
                 || CASE WHEN i % 23 = 0 THEN '.shp' WHEN i % 29 = 0 THEN '.pack' ELSE '' END
                 || '.' || i || '@' || (ARRAY['warehouse-example.com', 'dc2.warehouse-example.com', 'contractor-example.net'])[1 + i % 3] AS email
        FROM (
          SELECT i, ${employeeCreatedAt('i', n)} AS created,
                 (${sqlArray(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int] AS first,
                 (${sqlArray(LAST_NAMES)})[1 + floor(power(random(), 1.4) * ${LAST_NAMES.length})::int] AS last,
                 (${sqlArray(DEPARTMENTS)})[1 + floor(power(random(), 1.8) * ${DEPARTMENTS.length})::int] AS department,
                 CASE WHEN r1 < 0.86 THEN 'production_associate' WHEN r1 < 0.95 THEN 'team_lead' WHEN r1 < 0.99 THEN 'manager' ELSE 'admin' END AS role,
                 CASE WHEN r2 < 0.60 THEN 'CREATED' WHEN r2 < 0.86 THEN 'VERIFIED' WHEN r2 < 0.91 THEN 'PENDING'
                      WHEN r2 < 0.94 THEN 'FAILED' ELSE 'DISABLED' END AS status
          FROM (SELECT i, random() AS r1, random() AS r2 FROM generate_series(1, ${n}) AS i) AS draws
        ) AS drawn
      ) AS employees`);

    // Employee ordinal e: skewed (power 1.3) so some employees have many events; 1.5 % have none (switch, rollback).
    await timed('audit events', `
      INSERT INTO "AuditEvent" (id, "occurredAt", actor, action, "employeeId", "auth0UserId", outcome, "httpStatus",
                                "auth0ErrorCode", detail, attempt, "durationMs", "correlationId")
      SELECT gen_random_uuid(),
             CASE WHEN e IS NULL THEN timestamptz '2026-11-01' - random() * interval '3 years'
                  ELSE ${employeeCreatedAt('e', n)} + power(random(), 4) * (timestamptz '2026-11-01' - ${employeeCreatedAt('e', n)}) END,
             CASE WHEN random() < 0.7 THEN 'system' ELSE 'auth0|manager-' || floor(random() * 40)::int END,
             (CASE WHEN e IS NULL THEN 'PROVISIONING_SWITCHED' ELSE (${sqlArray(AUDIT_ACTIONS)})[1 + floor(random() * ${AUDIT_ACTIONS.length})::int] END)::"AuditAction",
             CASE WHEN e IS NOT NULL THEN ${employeeId('e')} END,
             CASE WHEN e IS NOT NULL THEN 'auth0|' || substr(md5('user-' || e), 1, 24) END,
             (CASE WHEN failed THEN 'FAILURE' ELSE 'SUCCESS' END)::"AuditOutcome",
             CASE WHEN failed THEN (ARRAY[429, 503, 409])[1 + floor(random() * 3)::int] ELSE 200 END,
             CASE WHEN failed THEN 'too_many_requests' END,
             CASE WHEN failed THEN 'Auth0 answered with an error; retried' ELSE 'ok' END,
             CASE WHEN failed THEN 2 ELSE 1 END,
             (20 + random() * 380)::int,
             substr(md5('correlation-' || j), 1, 16)
      FROM (
        SELECT j, random() < 0.04 AS failed,
               CASE WHEN random() < 0.015 THEN NULL ELSE 1 + floor(power(random(), 1.3) * ${n})::int END AS e
        FROM generate_series(1, ${auditEvents}) AS j
      ) AS events`);

    await client.query('ALTER TABLE "Employee" ENABLE TRIGGER USER');
    const started = performance.now();
    await restore();
    seconds['indexes and keys'] = Math.round((performance.now() - started) / 100) / 10;
    await timed('vacuum analyze', 'VACUUM (ANALYZE) "Employee", "AuditEvent", "ImportBatch"');
    return seconds;
  } finally {
    await client.end();
  }
}

/**
 * Drops the tables' foreign keys (both directions), primary keys and other indexes; the returned function
 * recreates them from their own definitions (read from the catalogue, so new indexes are never missed).
 */
async function setAsideIndexes(client: pg.Client, tables: string[]): Promise<() => Promise<void>> {
  const regclasses = tables.map((table) => `"${table}"`);
  const foreignKeys = (
    await client.query<{ owner: string; name: string; definition: string }>(
      `SELECT conrelid::regclass::text AS owner, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))`,
      [regclasses],
    )
  ).rows;
  const primaryKeys = (
    await client.query<{ owner: string; name: string; definition: string }>(
      `SELECT conrelid::regclass::text AS owner, conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
        WHERE contype = 'p' AND conrelid = ANY($1::regclass[])`,
      [regclasses],
    )
  ).rows;
  const indexes = (
    await client.query<{ name: string; definition: string }>(
      `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition FROM pg_index
        WHERE indrelid = ANY($1::regclass[]) AND NOT indisprimary`,
      [regclasses],
    )
  ).rows;
  for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.owner} DROP CONSTRAINT "${key.name}"`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  for (const key of primaryKeys) await client.query(`ALTER TABLE ${key.owner} DROP CONSTRAINT "${key.name}"`);
  return async () => {
    for (const key of primaryKeys) await client.query(`ALTER TABLE ${key.owner} ADD CONSTRAINT "${key.name}" ${key.definition}`);
    for (const index of indexes) await client.query(index.definition);
    for (const key of foreignKeys) await client.query(`ALTER TABLE ${key.owner} ADD CONSTRAINT "${key.name}" ${key.definition}`);
  };
}
