// The production start: `npm run build` compiles src/ to dist/, and `node dist/server.js` runs it with
// no TypeScript loader at run time.
import { execFile, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/database.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

describe('production start', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build'], { timeout: 120_000 });
    gateway = await startTestGateway({ workers: false });
  }, 150_000);

  afterAll(() => gateway?.close());

  it('compiles to JavaScript whose imports name no .ts file', async () => {
    const files = (await readdir('dist', { recursive: true })).filter((file) => file.endsWith('.js'));
    expect(files).toContain('server.js');
    const tsImports: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join('dist', file), 'utf8');
      for (const match of text.matchAll(/(?:from|import\()\s*['"]([^'"]+\.ts)['"]/g)) tsImports.push(`${file}: ${match[1]}`);
    }
    expect(tsImports).toEqual([]);
  });

  it('serves with node dist/server.js, without tsx, and stops cleanly', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, ['dist/server.js'], {
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: testDatabaseUrl(),
        // Production refuses to start without a tenant; the emulator stands in for one here.
        AUTH0_DOMAIN: new URL(gateway.emulator.url).host,
        AUTH0_CLIENT_ID: gateway.emulator.clientId,
        AUTH0_CLIENT_SECRET: gateway.emulator.clientSecret,
        AUTH_AUDIENCE: gateway.emulator.apiAudience,
        AUTH_ISSUER: gateway.emulator.issuer,
        PROVISIONING_WORKERS: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toContain('gateway ready');
    expect(output).not.toMatch(/tsx/);
    // The stand-in speaks plain HTTP where the SDK speaks HTTPS to a tenant: the start-up probe says so
    // loudly, and the gateway serves anyway.
    await expect.poll(() => output, { timeout: 15_000, interval: 100 }).toContain('Auth0 Management API is not usable');
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    const errors = output.split('\n').filter((line) => /"level":(50|60)/.test(line)).map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(errors).toEqual([expect.stringMatching(/^Auth0 Management API is not usable: Auth0 unreachable \([^)]+\)\. Employees stay PENDING until it is fixed\.$/)]);
  });
});
