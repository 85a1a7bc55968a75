// Verifies the caller's access token (an Auth0 access token for the gateway API) with jose against
// the issuer's JWKS. jose's remote key set caches keys and re-fetches when a token names an unknown kid.
// A token verified once is remembered until its `exp` (src/auth/verified-token-cache.ts).
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { VerifiedTokenCache } from './verified-token-cache.ts';

export interface CallerTokenSettings {
  /** Expected `iss`, e.g. `https://tenant.eu.auth0.com/` (Auth0 issuers end with a slash). */
  issuer: string;
  /** Expected `aud`: the gateway API's identifier. */
  audience: string;
  /** Defaults to `${issuer}.well-known/jwks.json`. */
  jwksUrl?: string;
  clockToleranceSeconds?: number;
  /** Verified tokens remembered at once (least recently used forgotten first); 0 turns the cache off. Default 10 000. */
  cacheEntries?: number;
  /** How a caller gets a new token (the emulator: `npm run token`), added to the answer for an expired or unknown-key token. */
  newTokenHint?: string;
}

/**
 * How long jose keeps the issuer's key set before fetching it again, and so the longest one verification
 * is trusted: a key withdrawn from the JWKS stops counting for cached tokens no later than for new ones.
 */
const JWKS_MAX_AGE_MS = 10 * 60_000;
const DEFAULT_CACHE_ENTRIES = 10_000;

export interface VerifiedCaller {
  sub: string;
  permissions: readonly string[];
  /** The token's `exp` in ms: long-lived work started with the token (a subscription) ends then. */
  expiresAt: number;
}

/** Why a presented token was refused; the message is safe to return (it never echoes the token). */
export class InvalidCallerTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCallerTokenError';
  }
}

export type CallerTokenVerifier = (token: string) => Promise<VerifiedCaller>;

export function createCallerTokenVerifier(settings: CallerTokenSettings): CallerTokenVerifier {
  const jwksUrl = new URL(settings.jwksUrl ?? `${settings.issuer.replace(/\/?$/, '/')}.well-known/jwks.json`);
  const keys = createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, timeoutDuration: 5_000, cacheMaxAge: JWKS_MAX_AGE_MS });
  const cacheEntries = settings.cacheEntries ?? DEFAULT_CACHE_ENTRIES;
  const cache = cacheEntries > 0 ? new VerifiedTokenCache<VerifiedCaller>({ maxEntries: cacheEntries, maxAgeMs: JWKS_MAX_AGE_MS }) : undefined;
  // The kids of the key set jose holds, refreshed after every full verification (one may have reloaded it).
  let publishedKids = new Set<string | undefined>();
  const isKeyPublished = (kid: string | undefined) => publishedKids.has(kid);

  return async (token) => {
    const cached = cache?.get(token, isKeyPublished);
    if (cached) return cached;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        // Asymmetric only: `none` and HS256 (e.g. signed with the public key as an HMAC secret) are refused.
        algorithms: ['RS256'],
        clockTolerance: settings.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp'],
      });
      const permissions = Array.isArray(payload.permissions)
        ? payload.permissions.filter((value): value is string => typeof value === 'string')
        : [];
      const caller: VerifiedCaller = Object.freeze({ sub: payload.sub!, permissions: Object.freeze(permissions), expiresAt: payload.exp! * 1000 });
      cache?.set(token, caller, payload.exp!, protectedHeader.kid);
      return caller;
    } catch (error) {
      throw new InvalidCallerTokenError(describe(error, settings.newTokenHint ?? 'get a new access token from the issuer'));
    } finally {
      if (cache) publishedKids = new Set(keys.jwks()?.keys.map((key) => key.kid));
    }
  };
}

function describe(error: unknown, newTokenHint: string): string {
  if (error instanceof joseErrors.JWTExpired) return `The access token has expired: ${newTokenHint}`;
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token must be signed with RS256';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    // Typically a token minted before the issuer (the emulator) restarted with new keys, or a rotated key.
    return `The access token was signed with an unknown key (the issuer no longer publishes it, e.g. the token predates a restart): ${newTokenHint}`;
  }
  if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) {
    return 'The access token is malformed or invalid';
  }
  // The issuer's key set did not answer (or answered garbage): nothing the caller can fix by retrying differently.
  return 'The access token could not be verified';
}
