// /health answers while the process lives; /ready only when it can work now (database reachable and
// migrated, queue started, Auth0 credentials accepted, the four roles and the scopes there, caller-token
// keys fetched), 503 with reasons
// (read as the ops port shows them; the API port's bare status: security/anonymous-surface.test.ts).
// A wrong Auth0 secret is logged loudly at start, and the gateway starts anyway.
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../../src/db/migrations.ts';
import { databaseCheck, type ReadinessReport } from '../../../src/observability/readiness.ts';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { startGatewayEmulator } from '../../helpers/emulator.ts';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.ts';

const ready = async (gateway: TestGateway) => {
  const response = await gateway.opsFetch('/ready');
  return { status: response.status, body: (await response.json()) as ReadinessReport };
};

describe('/ready', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('answers 200 with every check ok when the database, the queue and Auth0 are fine', async () => {
    const { status, body } = await ready(gateway);
    expect(body).toEqual({
      status: 'ready',
      checks: {
        database: { ok: true },
        queue: { ok: true },
        auth0: { ok: true },
        auth0Roles: { ok: true },
        auth0Scopes: { ok: true },
        callerTokenKeys: { ok: true },
        provisioning: { ok: true, detail: 'on' },
      },
      reasons: [],
    });
    expect(status).toBe(200);
  });

  it('answers 503 naming the database when PostgreSQL does not answer, while /health stays 200', async () => {
    const prisma = gateway.prisma as unknown as { $queryRaw: unknown };
    const original = prisma.$queryRaw;
    prisma.$queryRaw = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }));
    try {
      const { status, body } = await ready(gateway);
      expect(status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.reasons).toEqual(['database: PostgreSQL does not answer or is not migrated (ECONNREFUSED)']);
      expect(JSON.stringify(body)).not.toContain('10.0.0.7');
      expect((await gateway.app.fetch('http://gateway.test/health')).status).toBe(200);
    } finally {
      prisma.$queryRaw = original;
    }
  });

  it('names a migration this build ships that the database has not applied', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
    try {
      for (const name of await readdir(defaultMigrationsDir, { withFileTypes: true })) {
        if (name.isDirectory()) await mkdir(path.join(dir, name.name));
      }
      await mkdir(path.join(dir, '29991231000000_not_applied'));
      expect(await databaseCheck(gateway.prisma).check()).toEqual({ ok: true });
      expect(await databaseCheck(gateway.prisma, dir).check()).toEqual({ ok: false, detail: 'migrations not applied: 29991231000000_not_applied' });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it('answers 503 when the queue is stopped', async () => {
    const other = await startTestGateway({ workers: false, emulator: gateway.emulator });
    try {
      await other.provisioning.queue.stop();
      const { status, body } = await ready(other);
      expect(status).toBe(503);
      expect(body.reasons).toEqual(['queue: the job queue is stopped']);
    } finally {
      await other.close();
    }
  });

  it('logs a clear error at start and answers 503 when Auth0 rejects the client credentials', async () => {
    const lines: string[] = [];
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const wrong = await startTestGateway({ workers: false, emulator: gateway.emulator, auth0Credentials: { clientSecret: 'not-the-secret' }, logDestination, logLevel: 'info' });
    try {
      const { status, body } = await ready(wrong);
      expect(status).toBe(503);
      expect(body.reasons).toEqual(['auth0: Auth0 rejected the client credentials (401 access_denied)']);
      const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string; cause?: string }).filter((entry) => entry.level >= 50);
      expect(errors).toContainEqual(
        expect.objectContaining({
          msg: 'Auth0 Management API is not usable: Auth0 rejected the client credentials (401 access_denied). Employees stay PENDING until it is fixed.',
          cause: 'Auth0 rejected the client credentials (401 access_denied)',
        }),
      );
      expect(lines.join('\n')).not.toContain('not-the-secret');
    } finally {
      await wrong.close();
    }
  });

  it('answers 503 naming the roles missing in Auth0', async () => {
    const emulator = await startGatewayEmulator();
    const control = new EmulatorControl(emulator.url);
    const { roles } = await control.seeds();
    for (const name of ['manager', 'admin']) await control.deleteRole(roles.find((role) => role.name === name)!.id);
    const missing = await startTestGateway({ workers: false, emulator });
    try {
      const { status, body } = await ready(missing);
      expect(status).toBe(503);
      expect(body.reasons).toEqual(['auth0Roles: roles missing in Auth0: manager, admin (create them in the tenant)']);
    } finally {
      await missing.close();
      await emulator.close();
    }
  });

  it("answers 503 naming the Management API scopes the application's grant lacks", async () => {
    const narrow = await gateway.control.createClient({
      grants: [{ audience: gateway.emulator.managementAudience, scope: ['create:users', 'read:users', 'update:users', 'read:roles', 'create:role_members'] }],
    });
    const limited = await startTestGateway({ workers: false, emulator: gateway.emulator, auth0Credentials: { clientId: narrow.client_id, clientSecret: narrow.client_secret! } });
    try {
      const { status, body } = await ready(limited);
      expect(status).toBe(503);
      expect(body.reasons).toEqual(['auth0Scopes: Management API scopes not granted: read:role_members']);
    } finally {
      await limited.close();
    }
  });

  it('answers 503 and logs when the caller-token keys cannot be fetched', async () => {
    const lines: string[] = [];
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const jwksUrl = `${gateway.emulator.url}/no-such-jwks.json`;
    const broken = await startTestGateway({ workers: false, emulator: gateway.emulator, callerAuth: { jwksUrl }, logDestination, logLevel: 'info' });
    try {
      const { status, body } = await ready(broken);
      expect(status).toBe(503);
      expect(body.reasons).toEqual([`callerTokenKeys: ${jwksUrl} answered 404`]);
      expect(lines.join('')).toContain(`caller-token keys (JWKS) cannot be fetched: ${jwksUrl} answered 404`);
    } finally {
      await broken.close();
    }
  });
});
