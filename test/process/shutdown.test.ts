// Stopping a gateway: SIGTERM to the process (an orchestrator), SIGTERM to `npm start` (a process
// manager that only knows npm), and Ctrl-C in a terminal (SIGINT to the whole process group, the
// embedded PostgreSQL included). Each must stop taking work, let in-flight jobs finish or go back to the
// queue, log no error, and leave nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument, SetProvisioningEnabledDocument } from '../generated/graphql.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess } from '../helpers/gateway-process.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';

const SCHEMA = `pgboss_stop_${process.pid}_${Date.now().toString(36)}`;

describe('shutdown', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    // This process only stores employees and their jobs (the kill switch off while it does, no workers);
    // the child processes under test do the Auth0 work once it is switched on.
    gateway = await startTestGateway({ provisioning: { enabled: false }, workers: false, queueSchema: SCHEMA, queuePrefix: '' });
  }, 60_000);

  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${SCHEMA}/` } });
    await gateway?.close();
  }, 30_000);

  const childEnv = () => secondGatewayEnv(testDatabaseUrl(), gateway.emulator.url, SCHEMA);

  it('SIGTERM lets in-flight jobs finish or go back to the queue, logs no error, and exits 0', { timeout: 90_000 }, async () => {
    const emails = Array.from({ length: 12 }, (_, i) => uniqueEmail(`stop.${i}`));
    for (const [i, email] of emails.entries()) {
      const { createEmployee } = expectNoGraphQLErrors(
        await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: `Stop ${i}`, email, department: 'Packing' } } }),
      );
      expect(createEmployee.__typename).toBe('CreateEmployeePayload');
    }
    const ids = (await gateway.prisma.employee.findMany({ where: { email: { in: emails } } })).map((employee) => employee.id);
    expect(ids).toHaveLength(12);
    // The switch is one row for every process of this queue: on now, for the children about to start.
    const switched = expectNoGraphQLErrors(
      await gateway.execute({ document: SetProvisioningEnabledDocument, variables: { enabled: true, reason: 'test: children provision' } }),
    ).setProvisioningEnabled;
    expect(switched.__typename).toBe('SetProvisioningEnabledPayload');
    // Slow Auth0, so that jobs are in flight when the signal arrives.
    await gateway.control.configure({ latency: { fixedMs: 700, jitterMs: 0 } });

    const worker = await startGatewayProcess(childEnv());
    await expect
      .poll(() => gateway.prisma.employee.count({ where: { id: { in: ids }, provisioningLeaseOwner: { not: null } } }), { timeout: 20_000, interval: 50 })
      .toBeGreaterThan(0);
    const exit = exitOf(worker.child);
    worker.child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(errorLines(worker.output())).toEqual([]);
    expect(worker.output()).toContain('"msg":"stopped"');

    // Nothing is left held: no lease, no job still marked active.
    expect(await gateway.prisma.employee.count({ where: { id: { in: ids }, provisioningLeaseOwner: { not: null } } })).toBe(0);
    const active = await gateway.prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM ${SCHEMA}.job WHERE state = 'active' AND data->>'employeeId' = ANY($1::text[])`,
      ids,
    );
    expect(Number(active[0]!.count)).toBe(0);

    // Another process finishes the rest; nobody gets a second Auth0 user.
    await gateway.control.configure({ latency: null });
    const next = await startGatewayProcess(childEnv());
    try {
      await expect
        .poll(() => gateway.prisma.employee.count({ where: { id: { in: ids }, auth0SyncStatus: 'CREATED' } }), { timeout: 40_000, interval: 250 })
        .toBe(12);
      const users = await gateway.control.users();
      const perEmployee = ids.map((id) => users.filter((user) => (user.app_metadata as { employee_id?: string }).employee_id === id).length);
      expect(perEmployee).toEqual(ids.map(() => 1));
    } finally {
      const stopped = exitOf(next.child);
      next.child.kill('SIGTERM');
      expect(await stopped).toEqual({ code: 0, signal: null });
      expect(errorLines(next.output())).toEqual([]);
    }
  });

  it('SIGTERM to `npm start` stops the gateway it started', { timeout: 60_000 }, async () => {
    const npm = await startNpmGateway({ ...childEnv(), PROVISIONING_WORKERS: 'false' });
    const exit = exitOf(npm.child);
    npm.child.kill('SIGTERM');
    await exit;
    await expect.poll(() => isRunning(npm.gatewayPid), { timeout: 10_000, interval: 100 }).toBe(false);
    expect(errorLines(npm.output())).toEqual([]);
    expect(npm.output()).toContain('"msg":"stopped"');
  });

  it('Ctrl-C (SIGINT to the process group) stops the embedded PostgreSQL last, with no connection errors', { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'gw-embedded-'));
    // mkdtemp makes a 0700 folder; the embedded server's `postgres` user must be able to enter it.
    await chmod(dataDir, 0o755);
    try {
      const { DATABASE_URL: _unused, ...withoutDatabase } = childEnv();
      const npm = await startNpmGateway(
        { ...withoutDatabase, EMBEDDED_POSTGRES_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()), PROVISIONING_QUEUE_SCHEMA: 'pgboss' },
        { ownProcessGroup: true },
      );
      const exit = exitOf(npm.child);
      process.kill(-npm.child.pid!, 'SIGINT');
      await exit;
      await expect.poll(() => isRunning(npm.gatewayPid), { timeout: 15_000, interval: 100 }).toBe(false);
      expect(errorLines(npm.output())).toEqual([]);
      expect(npm.output()).toContain('"msg":"stopped"');
      // The embedded PostgreSQL ran (it initialised the folder) and shut down (its lock file is removed on a clean stop).
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

interface NpmGateway {
  child: ChildProcess;
  /** The gateway's own process (npm runs it as a child). */
  gatewayPid: number;
  output: () => string;
}

/** `npm start` with `env`; resolves when the gateway logs "gateway ready". */
function startNpmGateway(env: Record<string, string>, options: { ownProcessGroup?: boolean } = {}): Promise<NpmGateway> {
  const child = spawn('npm', ['start'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.ownProcessGroup ?? false,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.split('\n').find((line) => line.includes('gateway ready'));
      if (ready) {
        clearTimeout(timer);
        resolve({ child, gatewayPid: (JSON.parse(ready) as { pid: number }).pid, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/** pino lines at level error (50) or fatal (60). */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => /"level":(50|60)/.test(line));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
