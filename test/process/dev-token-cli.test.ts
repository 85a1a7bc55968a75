// `npm run token` finds the emulator the way `npm start` would, from the same settings (src/env.ts).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../src/auth/permissions.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';

const run = promisify(execFile);

describe('npm run token', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(() => gateway?.close());

  const token = (env: Record<string, string>, args = ['--role', 'manager']) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/dev-token.ts', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      timeout: 30_000,
    });

  it('mints from the emulator on AUTH0_EMULATOR_PORT (the in-process one npm start would run)', async () => {
    const { stdout } = await token({ AUTH0_EMULATOR_PORT: new URL(gateway.emulator.url).port });
    const claims = decodeJwt(stdout.trim());
    expect(claims.permissions).toEqual([...ROLE_PERMISSIONS.manager]);
    expect(claims.iss).toBe(gateway.emulator.issuer);
  });

  it('mints from AUTH0_EMULATOR_URL', async () => {
    const { stdout } = await token({ AUTH0_EMULATOR_URL: gateway.emulator.url }, ['--role', 'admin']);
    expect(decodeJwt(stdout.trim()).permissions).toEqual([...ROLE_PERMISSIONS.admin]);
  });

  it('--help names every place the emulator URL may come from, .data/gateway.json included', async () => {
    const { stdout } = await token({}, ['--help']);
    expect(stdout).toMatch(/AUTH0_EMULATOR_URL, else the running\s+gateway's in-process emulator as \.data\/gateway\.json notes it, else AUTH0_EMULATOR_PORT/);
  });

  it('answers a bad role with one usage message and exit 2', async () => {
    await expect(token({ AUTH0_EMULATOR_URL: gateway.emulator.url }, ['--role', 'owner'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--role must be one of'),
    });
  });
});
