// README "A first employee", step by step, in no-setup mode (no DATABASE_URL, no Auth0: the embedded
// PostgreSQL and the in-process emulator): `npm start`, `npm run token -- --role manager` (which finds the
// running gateway's emulator by itself), the README's mutation, the invitation at /__emulator/emails,
// /__emulator/set-password, and the employee VERIFIED within 10 s through the emulator's log stream (the
// periodic check runs every 15 minutes). Then the rest of a newcomer's first hour: `npm run worker` finds
// the gateway's database, a second `npm start` says one already runs, and a token minted before a restart
// gets a 401 that says to mint a new one.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('README: a first employee, with nothing configured', () => {
  let dir: string;
  let env: Record<string, string>;
  let gateway: Started | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gw-first-employee-'));
    // mkdtemp makes a 0700 folder; the embedded server's `postgres` user must be able to enter it.
    await chmod(dir, 0o755);
    // A checkout's defaults, moved to free ports and a folder of this test's own.
    env = {
      PATH: process.env.PATH!,
      HOME: process.env.HOME!,
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_DIR: path.join(dir, '.data', 'postgres'),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      AUTH0_EMULATOR_PORT: String(await freePort()),
      AUTH0_EMULATOR_STATE_FILE: path.join(dir, '.data', 'auth0-emulator.json'),
    };
  });
  afterAll(async () => {
    await gateway?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reaches VERIFIED within 10 s of set-password, and the commands around it find the gateway', { timeout: 420_000 }, async () => {
    gateway = await start('src/server.ts', env, 'gateway ready');
    const base = `http://127.0.0.1:${env.PORT}`;
    const emulator = `http://127.0.0.1:${env.AUTH0_EMULATOR_PORT}`;

    // `npm run token -- --role manager`, told nothing about the emulator's port: it reads .data/gateway.json.
    const { AUTH0_EMULATOR_PORT: _port, ...plain } = env;
    const token = (await node('src/cli/dev-token.ts', ['--role', 'manager'], plain)).stdout.trim();
    expect(token.split('.')).toHaveLength(3);

    // The README's own mutation, as GraphiQL runs it.
    const readme = await readFile('README.md', 'utf8');
    const walk = readme.slice(readme.indexOf('### A first employee'));
    const mutation = /```graphql\n([\s\S]*?)```/.exec(walk)![1]!;
    const graphql = async (query: string, bearer = token) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] } };
    };
    const created = await graphql(mutation);
    expect(created.body.errors, JSON.stringify(created.body)).toBeUndefined();
    const employee = created.body.data!.createEmployee.employee as { id: string; auth0UserId: string; auth0SyncStatus: string };
    expect(employee).toMatchObject({ auth0SyncStatus: 'CREATED', auth0UserId: expect.stringMatching(/^auth0\|/) });

    // The invitation the emulator "sent", then the employee setting their password.
    expect(walk).toContain('GET http://localhost:4010/__emulator/emails');
    await expect
      .poll(async () => JSON.stringify(await (await fetch(`${emulator}/__emulator/emails`)).json()), { timeout: 15_000 })
      .toContain('change_password');
    const setAt = Date.now();
    const set = await fetch(`${emulator}/__emulator/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: employee.auth0UserId }),
    });
    expect(set.status, await set.clone().text()).toBeLessThan(300);
    await expect
      .poll(async () => (await graphql(`{ employee(id: "${employee.id}") { auth0SyncStatus } }`)).body.data?.employee?.auth0SyncStatus, { timeout: 10_000, interval: 200 })
      .toBe('VERIFIED');
    expect(Date.now() - setAt).toBeLessThan(10_000);

    // `npm run worker` beside it, with no DATABASE_URL: the gateway's database, not a refusal.
    const worker = await start('src/cli/worker.ts', { ...plain, METRICS_PORT: String(await freePort()) }, 'provisioning worker ready');
    expect(worker.output()).toContain('the database of the gateway running in this checkout');
    await worker.stop();

    // A second `npm start` in the same checkout: a gateway runs there (PID, address); never "kill its database".
    const second: { code?: number; stdout: string; stderr: string } = await node('src/server.ts', [], { ...env, PORT: String(await freePort()) }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(second.code).toBe(1);
    const output = `${second.stdout}${second.stderr}`;
    expect(output).toContain(`a gateway already runs in this checkout (PID ${gateway.child.pid}, http://127.0.0.1:${env.PORT}/graphql)`);
    expect(output).not.toContain('kill -INT');

    // A restart: the note goes with the gateway, and a token minted before it is refused with the way out.
    await gateway.stop();
    expect(existsSync(path.join(dir, '.data', 'gateway.json'))).toBe(false);
    gateway = await start('src/server.ts', env, 'gateway ready');
    const stale = await graphql('{ roles { auth0Name } }', token);
    expect(stale.status, JSON.stringify(stale.body)).toBe(401);
    expect(stale.body.errors?.[0]?.message).toContain('npm run token -- --role manager');
  });
});

interface Started {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function start(entry: string, env: Record<string, string>, readyLine: string): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve({ child, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited before it was ready:\n${output}`));
    });
  });
}

function node(entry: string, args: string[], env: Record<string, string>) {
  return run(process.execPath, ['--import', 'tsx', entry, ...args], { env, timeout: 120_000 });
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
