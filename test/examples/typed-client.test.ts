// examples/typed-client runs as a consumer would run it: a separate Node process over HTTP, with a token.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
