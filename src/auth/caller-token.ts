// Verifies the caller's access token (an Auth0 access token for the gateway API) with jose against
// the issuer's JWKS. jose's remote key set caches keys and re-fetches when a token names an unknown kid.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface CallerTokenSettings {
  /** Expected `iss`, e.g. `https://tenant.eu.auth0.com/` (Auth0 issuers end with a slash). */
  issuer: string;
  /** Expected `aud`: the gateway API's identifier. */
  audience: string;
  /** Defaults to `${issuer}.well-known/jwks.json`. */
  jwksUrl?: string;
  clockToleranceSeconds?: number;
}

export interface VerifiedCaller {
  sub: string;
  permissions: string[];
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
  const keys: JWTVerifyGetKey = createRemoteJWKSet(jwksUrl, { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
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
      return { sub: payload.sub!, permissions };
    } catch (error) {
      throw new InvalidCallerTokenError(describe(error));
    }
  };
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token must be signed with RS256';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token was signed with an unknown key';
  if (error instanceof joseErrors.JOSEError && !(error instanceof joseErrors.JWKSTimeout)) {
    return 'The access token is malformed or invalid';
  }
  // The issuer's key set did not answer (or answered garbage): nothing the caller can fix by retrying differently.
  return 'The access token could not be verified';
}
