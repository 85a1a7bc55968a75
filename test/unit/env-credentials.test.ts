// The Management API credential: exactly one of a client secret or a private key file (private_key_jwt),
// every problem named at once and no key material in a message.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.ts';

const tenant = { AUTH0_DOMAIN: 'acme.eu.auth0.com', AUTH0_CLIENT_ID: 'id', AUTH_AUDIENCE: 'https://gateway.acme.example/api' };

function problems(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe('Auth0 credentials', () => {
  let dir: string;
  let keyFile: string;
  let pem: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'env-key-'));
    keyFile = path.join(dir, 'key.pem');
    pem = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
    await writeFile(keyFile, pem);
    await writeFile(path.join(dir, 'not-a-key.pem'), 'hello');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a private key file instead of the secret', () => {
    const { target } = loadEnv({ ...tenant, AUTH0_CLIENT_ASSERTION_KEY_FILE: keyFile, AUTH0_CLIENT_ASSERTION_ALG: 'PS256' }).auth0;
    expect(target).toEqual({ kind: 'tenant', domain: 'acme.eu.auth0.com', clientId: 'id', clientAssertion: { signingKey: pem, alg: 'PS256' } });
    expect(loadEnv({ ...tenant, AUTH0_CLIENT_SECRET: 's3cret' }).auth0.target).toEqual({ kind: 'tenant', domain: 'acme.eu.auth0.com', clientId: 'id', clientSecret: 's3cret' });
  });

  it('wants exactly one credential, and a readable PKCS#8 key', () => {
    expect(problems(tenant)).toEqual([
      'AUTH0_CLIENT_SECRET: required when AUTH0_DOMAIN is set, unless AUTH0_CLIENT_ASSERTION_KEY_FILE names a private key (private_key_jwt)',
    ]);
    expect(problems({ ...tenant, AUTH0_CLIENT_SECRET: 's3cret', AUTH0_CLIENT_ASSERTION_KEY_FILE: keyFile })).toEqual([
      'AUTH0_CLIENT_ASSERTION_KEY_FILE: cannot be combined with AUTH0_CLIENT_SECRET: the application authenticates with one or the other',
    ]);
    expect(problems({ ...tenant, AUTH0_CLIENT_ASSERTION_KEY_FILE: path.join(dir, 'missing.pem') })).toEqual(['AUTH0_CLIENT_ASSERTION_KEY_FILE: cannot read the key file (ENOENT)']);
    const notKey = problems({ ...tenant, AUTH0_CLIENT_ASSERTION_KEY_FILE: path.join(dir, 'not-a-key.pem') });
    expect(notKey).toEqual(['AUTH0_CLIENT_ASSERTION_KEY_FILE: the file must hold a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)']);
    expect(problems({ ...tenant, AUTH0_CLIENT_ASSERTION_KEY_FILE: keyFile, AUTH0_CLIENT_ASSERTION_ALG: 'HS256' })[0]).toMatch(/^AUTH0_CLIENT_ASSERTION_ALG: /);
  });
});
