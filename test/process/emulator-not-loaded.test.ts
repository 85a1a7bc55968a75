// A production start (a real Auth0 tenant) never loads the Auth0 emulator: the gateway process runs with
// the emulator package made unloadable, as after `npm ci --omit=dev`. Neither does a gateway pointed at an
// emulator already running (AUTH0_EMULATOR_URL), GraphiQL's development token included: under the
// production build, loading the package's TypeScript cost 16 to 66 MB of RSS. The embedded default, which
// does need it, fails under the same block, so the block is known to work.
import { describe, expect, it } from 'vitest';
import { startGatewayEmulator } from '../helpers/emulator.ts';
import { ROLE_PERMISSIONS } from '../../src/auth/permissions.ts';
import { withScratchDatabase } from '../helpers/database.ts';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gateway-process.ts';
import { freePort } from '../helpers/sse.ts';

// Resolve hooks registered after tsx's run first: any import of the package, by name or by path, fails.
const HOOKS = `
const blocked = (target) => target.startsWith('@employee-gateway/auth0-emulator') || /[\\\\/]packages[\\\\/]auth0-emulator[\\\\/]/.test(target);
const refuse = (target) => Object.assign(new Error('Emulator module loaded (dev dependencies are not installed): ' + target), { code: 'ERR_MODULE_NOT_FOUND' });
export async function resolve(specifier, context, nextResolve) {
  if (blocked(specifier)) throw refuse(specifier);
  const resolved = await nextResolve(specifier, context);
  if (blocked(decodeURIComponent(resolved.url))) throw refuse(resolved.url);
  return resolved;
}`;
const WITHOUT_EMULATOR = [
  '--import',
  `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`)}`,
];

const COMMON_ENV = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  PROVISIONING_WORKERS: 'false',
  PROVISIONING_SWEEP_SECONDS: '0',
  VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
};

async function stop(gateway: GatewayProcess): Promise<void> {
  if (gateway.child.exitCode !== null) return;
  const exited = new Promise((resolve) => gateway.child.once('exit', resolve));
  gateway.child.kill('SIGTERM');
  await exited;
}

describe('the Auth0 emulator stays out of production', () => {
  it('starts the gateway against a real tenant without loading any emulator module', { timeout: 90_000 }, async () => {
    await withScratchDatabase(async (databaseUrl) => {
      const gateway = await startGatewayProcess(
        {
          ...COMMON_ENV,
          NODE_ENV: 'production',
          DATABASE_URL: databaseUrl,
          AUTH0_DOMAIN: 'employee-gateway-test.eu.auth0.com',
          AUTH0_CLIENT_ID: 'production-start-test-client',
          AUTH0_CLIENT_SECRET: 'production-start-test-secret',
          AUTH_AUDIENCE: 'https://employee-gateway/api',
        },
        WITHOUT_EMULATOR,
      );
      await stop(gateway);
      expect(gateway.output()).toContain('Auth0 tenant employee-gateway-test.eu.auth0.com');
      expect(gateway.output()).not.toMatch(/emulator/i);
    });
  });

  it('starts against an emulator already running without loading any emulator module, and pre-fills GraphiQL\'s token', { timeout: 90_000 }, async () => {
    const emulator = await startGatewayEmulator({ callerRoles: ROLE_PERMISSIONS });
    try {
      await withScratchDatabase(async (databaseUrl) => {
        const port = await freePort();
        const gateway = await startGatewayProcess(
          { ...COMMON_ENV, PORT: String(port), NODE_ENV: 'development', DATABASE_URL: databaseUrl, AUTH0_EMULATOR_URL: emulator.url },
          WITHOUT_EMULATOR,
        );
        try {
          expect(gateway.output()).toContain('GraphiQL is pre-filled with a development manager token');
          const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } }).then((response) => response.text());
          const token = /Bearer (ey[\w-]+\.[\w-]+\.[\w-]+)/.exec(page)?.[1];
          expect(token).toBeDefined();
          const employees = await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ employees(first: 1) { totalCount } }' }),
          }).then((response) => response.json() as Promise<{ data?: { employees: { totalCount: number } }; errors?: unknown }>);
          expect(employees).toEqual({ data: { employees: { totalCount: 0 } } });
        } finally {
          await stop(gateway);
        }
      });
    } finally {
      await emulator.close();
    }
  });

  it('fails the embedded default under the same block (the block works)', { timeout: 90_000 }, async () => {
    await withScratchDatabase(async (databaseUrl) => {
      const started = startGatewayProcess({ ...COMMON_ENV, NODE_ENV: 'test', DATABASE_URL: databaseUrl, AUTH0_EMULATOR_PORT: '0' }, WITHOUT_EMULATOR);
      await expect(started).rejects.toThrow(/Emulator module loaded \(dev dependencies are not installed\): @employee-gateway\/auth0-emulator/);
    });
  });
});
