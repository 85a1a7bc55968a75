// examples/typed-client runs as a consumer would run it: a separate Node process over HTTP, with a token.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/gateway-process.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';
import { serveOverHttp } from '../helpers/sse.ts';

const run = promisify(execFile);

describe('examples/typed-client', () => {
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;

  beforeAll(async () => {
    // `npm run typecheck` (and so CI) generates the example's types; a bare `npm test` may come first.
    if (!existsSync('examples/typed-client/generated/graphql.ts')) await run('npm', ['run', 'codegen:typed-client']);
    gateway = await startTestGateway();
    http = await serveOverHttp(gateway.app);
  }, 60_000);

  afterAll(async () => {
    await http?.close();
    await gateway?.close();
  });

  it('adds an employee and lists the newest ones', { timeout: 30_000 }, async () => {
    const email = uniqueEmail('typed.client');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/typed-client/client.ts', email], {
      env: { ...process.env, GATEWAY_URL: `${http.url}/graphql`, GATEWAY_TOKEN: await gateway.tokenFor('manager') },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`added ${email}: CREATED`);
    expect(lines).toContain(`Typed Client <${email}> CREATED`);
    expect(lines.at(-1)).toMatch(/^\d+ employees$/);
  });

  it('reads GATEWAY_URL as its README says, a bare host:port included', { timeout: 30_000 }, async () => {
    expect(await readFile('examples/typed-client/README.md', 'utf8')).toContain('`GATEWAY_URL` is the gateway\'s GraphQL endpoint');
    const email = uniqueEmail('typed.bare');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/typed-client/client.ts', email], {
      env: { ...process.env, GATEWAY_URL: http.url, GATEWAY_TOKEN: await gateway.tokenFor('manager') },
    });
    expect(stdout.split('\n')[0]).toBe(`added ${email}: CREATED`);
  });

  it('prints one line and exits 1 when the gateway is down', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const failed = await run(process.execPath, ['--import', 'tsx', 'examples/typed-client/client.ts'], {
      env: { ...process.env, GATEWAY_URL: `http://127.0.0.1:${port}/graphql`, GATEWAY_TOKEN: 'unused' },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(`typed-client: the gateway does not answer at http://127.0.0.1:${port}/graphql (ECONNREFUSED): start it (npm start) or set GATEWAY_URL\n`);
  });
});

