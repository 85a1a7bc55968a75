// No shared secret: the gateway authenticates to the Management API with a private key
// (AUTH0_CLIENT_ASSERTION_KEY_FILE, private_key_jwt) and no AUTH0_CLIENT_SECRET at all. The emulator
// verifies every client assertion; the whole path (token, create, role) works, and the key never shows
// in a request other than its signed assertion, nor in the logs.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTED_MANAGEMENT_SCOPES } from '../../../src/services/management-scopes.ts';
import { CreateEmployeeDocument } from '../../generated/graphql.ts';
import { startGatewayEmulator } from '../../helpers/emulator.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';

describe('the gateway on a private key (private_key_jwt), no client secret', () => {
  let emulator: RunningEmulator;
  let gateway: TestGateway;
  let dir: string;
  let privatePem: string;
  const tokenBodies: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    emulator = await startGatewayEmulator();
    const pair = await generateKeyPair('PS256', { extractable: true });
    privatePem = await exportPKCS8(pair.privateKey);
    const client = await new EmulatorControl(emulator.url).createClient({
      name: 'Gateway (private key)',
      public_keys: [{ pem: await exportSPKI(pair.publicKey), alg: 'PS256' }],
      grants: [{ audience: emulator.managementAudience, scope: [...DOCUMENTED_MANAGEMENT_SCOPES] }],
    });
    dir = await mkdtemp(path.join(tmpdir(), 'gw-key-'));
    const keyFile = path.join(dir, 'auth0-client-assertion.pem');
    await writeFile(keyFile, privatePem);
    await chmod(keyFile, 0o600);
    gateway = await startTestGateway({
      emulator,
      env: { AUTH0_CLIENT_ID: client.client_id, AUTH0_CLIENT_ASSERTION_KEY_FILE: keyFile, AUTH0_CLIENT_ASSERTION_ALG: 'PS256' },
      auth0Fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith('/oauth/token')) tokenBodies.push(await request.clone().text());
        return fetch(request);
      },
      logDestination: { write: (line: string) => void logLines.push(line) },
      logLevel: 'debug',
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates an employee end to end and is ready', async () => {
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Keyed Hire', email: uniqueEmail('keyed'), department: 'Picking' } } }),
    ).createEmployee;
    expect(result).toMatchObject({ __typename: 'CreateEmployeePayload', employee: { auth0SyncStatus: 'CREATED' } });
    expect((await gateway.opsFetch('/ready')).status).toBe(200);

    expect(tokenBodies.length).toBeGreaterThan(0);
    for (const body of tokenBodies) {
      const form = new URLSearchParams(body);
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(form.get('client_assertion')).toMatch(/^ey/);
      expect(form.has('client_secret')).toBe(false);
    }
    const keyBody = privatePem.split('\n')[1]!;
    expect(logLines.join('\n')).not.toContain(keyBody);
  });

  it('gets a fresh token (a new assertion, never a replayed one) after its tokens are revoked', async () => {
    const before = tokenBodies.length;
    await gateway.control.invalidateTokens();
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Second Keyed', email: uniqueEmail('keyed'), department: 'Picking' } } }),
    ).createEmployee;
    expect(result).toMatchObject({ employee: { auth0SyncStatus: 'CREATED' } });
    expect(tokenBodies.length).toBe(before + 1);
    const assertions = tokenBodies.map((body) => new URLSearchParams(body).get('client_assertion'));
    expect(new Set(assertions).size).toBe(assertions.length);
  });
});
