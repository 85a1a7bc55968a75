// A start that cannot succeed says why in one line, names the setting that fixes it, and exits 1.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

describe('start failures', () => {
  let gateway: TestGateway;
  let blocker: Server;
  let blockedPort: number;
  let dataDir: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    // A port taken on both loopback addresses, as another program would hold it.
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    blockedPort = (blocker.address() as { port: number }).port;
    await new Promise<void>((resolve) => createServer().listen(blockedPort, '::1', resolve).once('error', () => resolve()));
    dataDir = await mkdtemp(path.join(tmpdir(), 'gw-start-'));
    // mkdtemp makes a 0700 folder; the embedded server's `postgres` user must be able to enter it.
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    blocker?.close();
    await gateway?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', PROVISIONING_WORKERS: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    return { code, output };
  }

  function fatalLine(output: string): string {
    const fatal = output.split('\n').filter((line) => line.includes('"level":60'));
    expect(fatal, output).toHaveLength(1);
    const { msg, err } = JSON.parse(fatal[0]!) as { msg: string; err?: unknown };
    expect(err, 'no stack trace for a known cause').toBeUndefined();
    return msg;
  }

  it('names PORT when the gateway port is taken', { timeout: 60_000 }, async () => {
    const { code, output } = await start({ DATABASE_URL: testDatabaseUrl(), AUTH0_EMULATOR_URL: gateway.emulator.url, PORT: String(blockedPort) });
    expect(code).toBe(1);
    expect(fatalLine(output)).toBe(`gateway failed to start: port ${blockedPort} is already in use (another gateway?): stop that process or set PORT to a free port`);
  });

  it('names AUTH0_EMULATOR_PORT when the in-process emulator cannot listen', { timeout: 60_000 }, async () => {
    const { code, output } = await start({ DATABASE_URL: testDatabaseUrl(), AUTH0_EMULATOR_PORT: String(blockedPort), AUTH0_EMULATOR_STATE_FILE: path.join(dataDir, 'tenant.json') });
    expect(code).toBe(1);
    expect(fatalLine(output)).toContain(`port ${blockedPort} is already in use`);
    expect(fatalLine(output)).toContain('set AUTH0_EMULATOR_PORT');
  });

  it('names EMBEDDED_POSTGRES_PORT when the embedded database cannot listen', { timeout: 90_000 }, async () => {
    const { code, output } = await start({
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      EMBEDDED_POSTGRES_DIR: path.join(dataDir, 'postgres'),
      EMBEDDED_POSTGRES_PORT: String(blockedPort),
    });
    expect(code).toBe(1);
    expect(fatalLine(output)).toContain(`port ${blockedPort} is already in use`);
    expect(fatalLine(output)).toContain('set EMBEDDED_POSTGRES_PORT');
  });

  it('as root under a 0700 folder: uses the machine\'s PostgreSQL when one answers, else says what to change', { timeout: 90_000 }, async () => {
    const closed = path.join(dataDir, 'private');
    await mkdir(closed, { mode: 0o700 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', PROVISIONING_WORKERS: 'false', AUTH0_EMULATOR_URL: gateway.emulator.url, EMBEDDED_POSTGRES_DIR: path.join(closed, 'postgres') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closedChild = new Promise<number | null>((resolve) => child.once('close', resolve));
    const machineAnswers = await new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:5432/postgres', connectionTimeoutMillis: 1000 })
      .connect()
      .then((client) => client.end().then(() => true), () => false);
    const unreachable = `which cannot enter ${closed} (mode 0700)`;
    if (process.getuid?.() !== 0) {
      // Not root: the server runs as this user, which may enter its own folders; nothing to work around.
      await expect.poll(() => output, { timeout: 60_000 }).toContain('gateway ready');
      child.kill('SIGTERM');
    } else if (machineAnswers) {
      await expect.poll(() => output, { timeout: 60_000 }).toContain('gateway ready');
      expect(output).toContain(unreachable);
      expect(output).toContain("using the machine's PostgreSQL (postgresql://postgres@127.0.0.1:5432/employee_gateway)");
      child.kill('SIGTERM');
    } else {
      expect(await closedChild).toBe(1);
      expect(fatalLine(output)).toContain(unreachable);
      expect(fatalLine(output)).toContain('or set DATABASE_URL');
    }
    await closedChild;
  });
});
