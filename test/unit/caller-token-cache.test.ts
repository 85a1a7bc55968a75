// The verified-token cache: a token verified once is answered from memory, but never past its `exp`,
// never for a different token, never for a key the issuer withdrew, and never beyond its size bound.
// The issuer here is a local JWKS server whose keys the tests rotate; Date is faked so time can jump.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCallerTokenVerifier, type CallerTokenVerifier, type VerifiedCaller } from '../../src/auth/caller-token.ts';
import { VerifiedTokenCache } from '../../src/auth/verified-token-cache.ts';

const AUDIENCE = 'https://employee-gateway/api';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

let server: Server;
let issuer: string;
let published: SigningKey[] = [];
let jwksFetches = 0;
let first: SigningKey;
let second: SigningKey;

beforeAll(async () => {
  [first, second] = await Promise.all([signingKey('key-1'), signingKey('key-2')]);
  server = createServer((_request, response) => {
    jwksFetches += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let verify: CallerTokenVerifier;

beforeEach(() => {
  // Only Date: sockets and timers stay real, jose and the cache both read the faked clock.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-01T08:00:00Z'));
  published = [first];
  jwksFetches = 0;
  verify = createCallerTokenVerifier({ issuer, audience: AUDIENCE, jwksUrl: `${issuer}jwks.json` });
});

afterEach(() => {
  vi.useRealTimers();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function token(claims: { sub: string; permissions: string[]; expiresIn: number }, key: SigningKey = first): Promise<string> {
  return new SignJWT({ permissions: claims.permissions })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt(nowSeconds())
    .setExpirationTime(nowSeconds() + claims.expiresIn)
    .sign(key.privateKey);
}

const advanceSeconds = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

describe('verified-token cache', () => {
  it('refuses a cached token once it has expired', async () => {
    const shortLived = await token({ sub: 'auth0|short', permissions: ['read:self'], expiresIn: 60 });
    // The exp travels with the caller: a subscription opened with this token ends then.
    const expiresAt = (nowSeconds() + 60) * 1000;
    await expect(verify(shortLived)).resolves.toEqual({ sub: 'auth0|short', permissions: ['read:self'], expiresAt });
    await expect(verify(shortLived)).resolves.toEqual({ sub: 'auth0|short', permissions: ['read:self'], expiresAt });

    // Past exp and the 30 s clock tolerance: the cached verification does not keep it alive.
    advanceSeconds(60 + 31);
    await expect(verify(shortLived)).rejects.toThrow('The access token has expired');
    await expect(verify(shortLived)).rejects.toThrow('The access token has expired');
  });

  it('answers each token with its own caller, and refuses a changed one', async () => {
    const associate = await token({ sub: 'auth0|associate', permissions: ['read:self'], expiresIn: 3600 });
    const admin = await token({ sub: 'auth0|admin', permissions: ['read:self', 'manage:provisioning'], expiresIn: 3600 });
    for (let round = 0; round < 2; round += 1) {
      await expect(verify(associate)).resolves.toMatchObject({ sub: 'auth0|associate', permissions: ['read:self'] });
      await expect(verify(admin)).resolves.toMatchObject({ sub: 'auth0|admin', permissions: ['read:self', 'manage:provisioning'] });
    }

    // The cached token's header and signature with the admin's claims: not the same string, so verified anew.
    const [header, , signature] = associate.split('.');
    const grafted = `${header}.${admin.split('.')[1]}.${signature}`;
    await expect(verify(grafted)).rejects.toThrow('The access token signature is invalid');
    // The cached token with one character in the middle of its signature changed.
    const at = associate.length - 20;
    const changed = `${associate.slice(0, at)}${associate[at] === 'A' ? 'B' : 'A'}${associate.slice(at + 1)}`;
    await expect(verify(changed)).rejects.toThrow('The access token signature is invalid');
    await expect(verify(associate)).resolves.toMatchObject({ sub: 'auth0|associate', permissions: ['read:self'] });
  });

  it('stops honouring cached tokens of a key the issuer withdrew, once the key set is fetched again', async () => {
    const before = await token({ sub: 'auth0|before-rotation', permissions: ['read:self'], expiresIn: 3600 });
    await expect(verify(before)).resolves.toMatchObject({ sub: 'auth0|before-rotation' });
    expect(jwksFetches).toBe(1);

    // The issuer rotates: key-1 is withdrawn. A token of key-2 makes jose fetch the key set (after its cooldown).
    published = [second];
    advanceSeconds(31);
    const after = await token({ sub: 'auth0|after-rotation', permissions: ['read:self'], expiresIn: 3600 }, second);
    await expect(verify(after)).resolves.toMatchObject({ sub: 'auth0|after-rotation' });
    expect(jwksFetches).toBe(2);

    await expect(verify(before)).rejects.toThrow('The access token was signed with an unknown key');
  });

  it('trusts a verification no longer than the key set is cached, so a withdrawn key is noticed without other traffic', async () => {
    const longLived = await token({ sub: 'auth0|long', permissions: ['read:self'], expiresIn: 24 * 3600 });
    await expect(verify(longLived)).resolves.toMatchObject({ sub: 'auth0|long' });
    published = [second];

    advanceSeconds(5 * 60);
    await expect(verify(longLived)).resolves.toMatchObject({ sub: 'auth0|long' });
    expect(jwksFetches).toBe(1);

    advanceSeconds(6 * 60);
    await expect(verify(longLived)).rejects.toThrow('The access token was signed with an unknown key');
    expect(jwksFetches).toBe(2);
  });

  it('is bounded: the least recently used token is forgotten first', () => {
    const cache = new VerifiedTokenCache<VerifiedCaller>({ maxEntries: 2, maxAgeMs: 60_000 });
    const exp = nowSeconds() + 3600;
    const published = () => true;
    cache.set('token-a', { sub: 'a', permissions: [], expiresAt: 0 }, exp, 'k');
    cache.set('token-b', { sub: 'b', permissions: [], expiresAt: 0 }, exp, 'k');
    expect(cache.get('token-a', published)).toEqual({ sub: 'a', permissions: [], expiresAt: 0 });
    cache.set('token-c', { sub: 'c', permissions: [], expiresAt: 0 }, exp, 'k');

    expect(cache.size).toBe(2);
    expect(cache.get('token-b', published)).toBeUndefined();
    expect(cache.get('token-a', published)?.sub).toBe('a');
    expect(cache.get('token-c', published)?.sub).toBe('c');
  });

  it('never remembers a token with no time left, and never past exp even within its max age', () => {
    const cache = new VerifiedTokenCache<VerifiedCaller>({ maxEntries: 10, maxAgeMs: 10 * 60_000 });
    const published = () => true;
    cache.set('expired', { sub: 'x', permissions: [], expiresAt: 0 }, nowSeconds() - 1, 'k');
    expect(cache.size).toBe(0);

    cache.set('soon', { sub: 's', permissions: [], expiresAt: 0 }, nowSeconds() + 5, 'k');
    expect(cache.get('soon', published)?.sub).toBe('s');
    advanceSeconds(5);
    expect(cache.get('soon', published)).toBeUndefined();
  });

  it('can be turned off', async () => {
    const uncached = createCallerTokenVerifier({ issuer, audience: AUDIENCE, jwksUrl: `${issuer}jwks.json`, cacheEntries: 0 });
    const shortLived = await token({ sub: 'auth0|uncached', permissions: [], expiresIn: 10 });
    await expect(uncached(shortLived)).resolves.toMatchObject({ sub: 'auth0|uncached' });
    advanceSeconds(41);
    await expect(uncached(shortLived)).rejects.toThrow('The access token has expired');
  });
});
