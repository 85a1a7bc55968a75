// The Auth0 target's types and the private-key file reader, apart from src/env.ts (which stays one screen of
// settings): where Management API calls go and how the application authenticates there.
import { readFileSync } from 'node:fs';

/** A private key the application signs client assertions with (private_key_jwt, RFC 7523): PKCS#8 PEM. */
export interface ClientAssertionKey {
  signingKey: string;
  alg: 'RS256' | 'RS384' | 'PS256';
}

/** How the application authenticates at the token endpoint: exactly one of a secret or a private key. */
export type Auth0Credentials = { clientSecret: string; clientAssertion?: undefined } | { clientAssertion: ClientAssertionKey; clientSecret?: undefined };

/** Where the gateway's Auth0 Management API calls go. */
export type Auth0Target =
  | ({ kind: 'tenant'; domain: string; clientId: string } & Auth0Credentials)
  /** An emulator someone already started (`npm run emulator`); credentials default to its seeded ones. */
  | { kind: 'external-emulator'; url: string; clientId?: string; clientSecret?: string; clientAssertion?: ClientAssertionKey; /** Where the URL came from, for log lines; AUTH0_EMULATOR_URL when unset. */ source?: string }
  /** No Auth0 configured: the gateway starts the emulator in-process. */
  | { kind: 'embedded-emulator'; port: number; clientId?: string; clientSecret?: string; clientAssertion?: ClientAssertionKey; stateFile: string };

/** The key file's PEM, or why it cannot be used (never its content). */
export function readAssertionKey(file: string): { pem: string } | { problem: string } {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read the key file (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) return { problem: 'the file must hold a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)' };
  return { pem };
}
