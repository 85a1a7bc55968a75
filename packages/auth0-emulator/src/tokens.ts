// RS256 signing for every token the emulator issues (Management API tokens from /oauth/token and the
// gateway's caller tokens), the JWKS that publishes the key, and verification of bearer tokens.
import { randomBytes } from 'node:crypto';
import { SignJWT, errors, exportJWK, generateKeyPair, jwtVerify, type JWK, type JWTPayload, type CryptoKey } from 'jose';

export type VerifyResult =
  | { ok: true; payload: JWTPayload }
  | { ok: false; reason: 'expired' | 'signature' | 'invalid' };

export class TokenIssuer {
  // Verified tokens by string: the bench hammers the API with one token and RSA verification would
  // otherwise dominate. Expiry is re-checked on every use.
  private readonly verified = new Map<string, JWTPayload>();
  private readonly privateKey: CryptoKey;
  private readonly publicKey: CryptoKey;
  private readonly publicJwk: JWK;
  readonly issuer: string;

  private constructor(privateKey: CryptoKey, publicKey: CryptoKey, publicJwk: JWK, issuer: string) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.publicJwk = publicJwk;
    this.issuer = issuer;
  }

  static async create(issuer: string): Promise<TokenIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = randomBytes(12).toString('base64url');
    return new TokenIssuer(privateKey, publicKey, { ...jwk, kid, alg: 'RS256', use: 'sig' }, issuer);
  }

  get kid(): string {
    return this.publicJwk.kid ?? '';
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Signs `claims` with iss, iat and exp = iat + lifetimeSec (the relation Auth0's tokens keep). */
  async sign(claims: JWTPayload, lifetimeSec: number): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.kid })
      .setIssuer(this.issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + lifetimeSec)
      .sign(this.privateKey);
  }

  async verify(token: string): Promise<VerifyResult> {
    const cached = this.verified.get(token);
    if (cached) {
      if (typeof cached.exp === 'number' && cached.exp * 1000 <= Date.now()) return { ok: false, reason: 'expired' };
      return { ok: true, payload: cached };
    }
    try {
      const { payload } = await jwtVerify(token, this.publicKey, { algorithms: ['RS256'], issuer: this.issuer });
      if (this.verified.size >= 1_000) this.verified.clear();
      this.verified.set(token, payload);
      return { ok: true, payload };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
      return { ok: false, reason: 'invalid' };
    }
  }
}
