// Least privilege, proven: the README's scope list, the gateway's constant and the grant every gateway
// test runs with are one list, and no test starts an emulator around it (the emulator's own default grants
// every scope it checks).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { describe, expect, it } from 'vitest';
import { DELETE_USERS_SCOPE, DOCUMENTED_MANAGEMENT_SCOPES, GATEWAY_MANAGEMENT_SCOPES } from '../../src/services/management-scopes.ts';
import { startGatewayEmulator } from '../helpers/emulator.ts';

async function readmeScopes(): Promise<string[]> {
  const readme = await readFile('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('### A real Auth0 tenant'));
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Scope |')));
  return [...table.matchAll(/^\| `([a-z_]+:[a-z_]+)` \|/gm)].map((match) => match[1]!);
}

async function testFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('Management API scopes', () => {
  it('the README lists exactly the gateway scopes and delete:users', async () => {
    expect(await readmeScopes()).toEqual([...GATEWAY_MANAGEMENT_SCOPES, DELETE_USERS_SCOPE]);
    expect(DOCUMENTED_MANAGEMENT_SCOPES).toEqual([...GATEWAY_MANAGEMENT_SCOPES, DELETE_USERS_SCOPE]);
  });

  it('the emulator of every gateway test grants exactly that list', async () => {
    const emulator = await startGatewayEmulator();
    try {
      const { clientGrants } = await new EmulatorControl(emulator.url).seeds();
      expect(clientGrants.map((grant) => [grant.client_id, grant.scope])).toEqual([[emulator.clientId, [...DOCUMENTED_MANAGEMENT_SCOPES]]]);
    } finally {
      await emulator.close();
    }
  });

  it('no gateway test or the embedded emulator starts one with another grant', async () => {
    const direct = [];
    const call = ['startEmulator', '('].join('');
    for (const file of await testFiles('test')) {
      if ((await readFile(file, 'utf8')).includes(call)) direct.push(file);
    }
    // emulator-endpoint.test.ts only mints caller tokens from it; the helper passes the list.
    expect(direct.sort()).toEqual(['test/helpers/emulator.ts', 'test/unit/emulator-endpoint.test.ts']);
    expect(await readFile('src/auth0/connect.ts', 'utf8')).toContain('managementScopes: DOCUMENTED_MANAGEMENT_SCOPES');
    expect(await readFile('src/cli/emulator.ts', 'utf8')).toContain('managementScopes: DOCUMENTED_MANAGEMENT_SCOPES');
  });
});
