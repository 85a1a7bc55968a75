// private_key_jwt client authentication at the token endpoint (RFC 7523 §2.2, RFC 7521 §4.2):
// https://auth0.com/docs/get-started/authentication-and-authorization-flow/authenticate-with-private-key-jwt
// The assertion is a JWT signed with a key registered on the client: iss and sub are the client id, aud the
// tenant URL with its trailing slash (the token endpoint's URL is accepted too, as RFC 7523 allows), exp at
// most 5 minutes ahead, and a jti that is used once.
import { decodeProtectedHeader, errors, importSPKI, jwtVerify, type CryptoKey } from 'jose';
import { ApiError, authApiError } from './errors.ts';
import type { Client } from './state.ts';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The algorithms Auth0 accepts for Private Key JWT credentials. */
export const ASSERTION_ALGORITHMS = ['RS256', 'RS384', 'PS256'] as const;
/** "Auth0 supports a maximum token lifetime of 5 minutes." */
const MAX_LIFETIME_SEC = 300;
const CLOCK_TOLERANCE_SEC = 10;

// Refusals reuse the observed body for bad client credentials (401 access_denied); the descriptions
// after it are a guess (Auth0 documents none for assertions).
function refused(description: string): ApiError {
  return authApiError(401, 'access_denied', description);
}

/**
 * The jtis seen until their assertion expires: a replayed assertion is refused. Bounded by the assertions'
 * own 5-minute lifetime.
 */
export class UsedAssertionIds {
  private readonly seen = new Map<string, number>();

  /** false when `jti` was already used (and has not expired since). */
  use(clientId: string, jti: string, expiresAtSec: number): boolean {
    const now = Date.now() / 1000;
    for (const [key, exp] of this.seen) if (exp + CLOCK_TOLERANCE_SEC < now) this.seen.delete(key);
    const key = `${clientId}\u0000${jti}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAtSec);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }
}

const keys = new Map<string, Promise<CryptoKey>>();
function publicKey(pem: string, alg: string): Promise<CryptoKey> {
  const cacheKey = `${alg}\u0000${pem}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = importSPKI(pem, alg);
    keys.set(cacheKey, key);
  }
  return key;
}

/**
 * Verifies `assertion` for `client` (already found by its id); throws the 401 otherwise. `audiences` are
 * the spellings of this tenant's URL and token endpoint.
 */
export async function verifyClientAssertion(
  client: Client,
  assertion: string,
  audiences: readonly string[],
  used: UsedAssertionIds,
): Promise<void> {
  const credentials = client.private_key_jwt_credentials ?? [];
  if (credentials.length === 0) throw refused('Client authentication with private_key_jwt is not enabled for this client');
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(assertion).alg;
  } catch {
    throw refused('Invalid client assertion: not a JWT');
  }
  const candidates = credentials.filter((credential) => credential.alg === alg);
  if (candidates.length === 0) throw refused(`Invalid client assertion: algorithm ${alg ?? '(none)'} does not match a credential of the client`);
  let lastProblem = 'Invalid client assertion signature';
  for (const credential of candidates) {
    try {
      const { payload } = await jwtVerify(assertion, await publicKey(credential.pem, credential.alg), {
        algorithms: [credential.alg],
        issuer: client.client_id,
        subject: client.client_id,
        audience: [...audiences],
        requiredClaims: ['exp', 'jti'],
        clockTolerance: CLOCK_TOLERANCE_SEC,
      });
      const now = Math.floor(Date.now() / 1000);
      if ((payload.exp as number) > now + MAX_LIFETIME_SEC + CLOCK_TOLERANCE_SEC) {
        throw refused('Invalid client assertion: exp is more than 5 minutes ahead');
      }
      if (!used.use(client.client_id, String(payload.jti), payload.exp as number)) {
        throw refused('Invalid client assertion: jti has already been used');
      }
      return;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      lastProblem = assertionProblem(error);
    }
  }
  throw refused(lastProblem);
}

function assertionProblem(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'Invalid client assertion: expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Invalid client assertion signature';
  if (error instanceof errors.JWTClaimValidationFailed) return `Invalid client assertion: unexpected or missing "${error.claim}" claim`;
  return 'Invalid client assertion';
}
