// Tokens an attacker could present: each must be refused by the gateway's verifier.
import { createPublicKey } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

/** `alg: none`, no signature, otherwise valid claims copied from a real token. */
export function unsignedToken(validToken: string): string {
  const [header, payload] = validToken.split('.') as [string, string];
  return `${encode({ ...decode(header), alg: 'none' })}.${payload}.`;
}

/** The real token's payload with extra permissions, keeping the original signature. */
export function tamperedToken(validToken: string): string {
  const [header, payload, signature] = validToken.split('.') as [string, string, string];
  const claims = decode(payload);
  return `${header}.${encode({ ...claims, permissions: ['create:employees', 'manage:provisioning'] })}.${signature}`;
}

/** The key-confusion attack: HS256 with the issuer's public key (PEM) as the HMAC secret. */
export async function hs256WithPublicKey(validToken: string, jwksUrl: string): Promise<string> {
  const [header, payload] = validToken.split('.') as [string, string];
  const { kid } = decode(header) as { kid?: string };
  const jwks = (await (await fetch(jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
  const jwk = jwks.keys.find((key) => key.kid === kid) ?? jwks.keys[0]!;
  const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  return new SignJWT(decode(payload))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(kid ? { kid } : {}) })
    .sign(new TextEncoder().encode(String(pem)));
}

/** Valid claims signed by a key the issuer never published, claiming the issuer's kid. */
export async function foreignKeyToken(validToken: string): Promise<string> {
  const [header, payload] = validToken.split('.') as [string, string];
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decode(payload))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: (decode(header) as { kid?: string }).kid ?? 'x' })
    .sign(privateKey);
}
