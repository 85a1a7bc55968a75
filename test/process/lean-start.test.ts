// What a gateway process leaves unloaded until it needs it (bench/memory.bench.ts measures why): on a
// database that is up to date, Prisma's schema engine; until a browser asks for GraphiQL, its 9 MB page
// bundle. The process runs with both made unloadable; it starts and serves GraphQL, and only a GraphiQL
// request reaches the blocked bundle.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../helpers/emulator.ts';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { ROLE_PERMISSIONS } from '../../src/auth/permissions.ts';
import { testDatabaseUrl } from '../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';

const HOOKS = `
const blocked = (target) => /@graphql-yoga[\\\\/]render-graphiql|@prisma[\\\\/]schema-engine-wasm/.test(target);
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (blocked(specifier) || blocked(decodeURIComponent(resolved.url))) {
    throw Object.assign(new Error('Module loaded that this start should not need: ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' });
  }
  return resolved;
}`;
const BLOCKED = [
  '--import',
  `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`)}`,
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a gateway loads heavy parts only when it needs them', () => {
  let emulator: RunningEmulator;
  let gateway: GatewayProcess;
  let url: string;

  beforeAll(async () => {
    emulator = await startGatewayEmulator({ callerRoles: ROLE_PERMISSIONS });
    const port = await freePort();
    url = `http://127.0.0.1:${port}/graphql`;
    gateway = await startGatewayProcess(
      { ...secondGatewayEnv(testDatabaseUrl(), emulator.url, `pgboss_lean_${process.pid}`), PORT: String(port), PROVISIONING_WORKERS: 'false' },
      BLOCKED,
    );
  }, 60_000);

  afterAll(async () => {
    if (gateway && gateway.child.exitCode === null) {
      const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
      gateway.child.kill('SIGTERM');
      await exited;
    }
    await emulator?.close();
  });

  it('starts on an up-to-date database without the schema engine, and serves GraphQL', async () => {
    expect(gateway.output()).toContain('database schema up to date');
    const token = await new EmulatorControl(emulator.url).mintToken({ sub: 'auth0|lean-start', roles: ['manager'] });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ roles { auth0Name } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { roles: expect.arrayContaining([expect.objectContaining({ auth0Name: 'manager' })]) } });
    expect(gateway.output()).not.toContain('Module loaded that this start should not need');
  });

  it('loads the GraphiQL page bundle on the first GraphiQL request only', async () => {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    // Outside production yoga answers the failure with its message: the request reached the blocked import.
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('Module loaded that this start should not need: @graphql-yoga/render-graphiql');
  });
});
