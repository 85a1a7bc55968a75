// Callers send the same access token with every request until it expires; verifying its RS256
// signature each time was the largest single cost of an authenticated request (issue 13's profile).
// This remembers what a successful verification concluded, keyed by the whole token string (so a
// token differing in any byte, signature included, is verified afresh), for no longer than the token's
// own `exp` and no longer than the JWKS is cached, so a key withdrawn from the issuer's key set stops
// being honoured on the same schedule as for a token verified anew. Failures are never remembered.
import { LRUCache } from 'lru-cache';

export interface VerifiedTokenCacheOptions {
  /** How many tokens are remembered at most; the least recently used is forgotten first. */
  maxEntries: number;
  /** Upper bound on how long one verification is trusted, whatever the token's `exp` says. */
  maxAgeMs: number;
}

interface Entry<Caller> {
  caller: Caller;
  /** The earlier of the token's `exp` and the moment the entry's max age runs out. */
  trustedUntilMs: number;
  /** The signing key; an entry whose key left the issuer's key set is not trusted any more. */
  kid: string | undefined;
}

/** `Caller` is whatever the verifier concluded (caller-token.ts's VerifiedCaller); stored as given. */
export class VerifiedTokenCache<Caller extends object> {
  private readonly entries: LRUCache<string, Entry<Caller>>;
  constructor(private readonly options: VerifiedTokenCacheOptions) {
    // lru-cache bounds the size; the trust deadline is checked here on every read.
    this.entries = new LRUCache({ max: options.maxEntries });
  }

  get size(): number {
    return this.entries.size;
  }

  /** The caller a still-trusted earlier verification of exactly this token found, if any. */
  get(token: string, isKeyPublished: (kid: string | undefined) => boolean): Caller | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (Date.now() >= entry.trustedUntilMs || !isKeyPublished(entry.kid)) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.caller;
  }

  /** Remembers a verification that just succeeded; a token with no time left is not remembered. */
  set(token: string, caller: Caller, expiresAtSeconds: number, kid: string | undefined): void {
    const trustedUntilMs = Math.min(expiresAtSeconds * 1000, Date.now() + this.options.maxAgeMs);
    if (trustedUntilMs <= Date.now()) return;
    this.entries.set(token, { caller, trustedUntilMs, kid });
  }
}
