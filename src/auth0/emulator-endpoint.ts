// What the gateway needs to talk to an emulator that is already running (AUTH0_EMULATOR_URL): its seeded
// development credentials and its token-minting endpoint. Written here rather than imported from
// @employee-gateway/auth0-emulator because that package is TypeScript source: under the production build
// (`node dist/server.js`) any import of it makes Node load its type stripper, and the package's index loads
// the whole emulator server too. Measured on Node 22.23: +16 MB RSS for the control client alone, +66 MB
// for the index. test/unit/emulator-endpoint.test.ts checks these values against the package's own.

/** The emulator's seeded Management API client (dev-only; valid on no real tenant). */
export const EMULATOR_DEFAULT_CLIENT_ID = 'EmulatorGatewayM2MClient00000001';
export const EMULATOR_DEFAULT_CLIENT_SECRET = 'emulator-dev-only-secret-not-valid-on-any-real-tenant';
/** The audience of the caller tokens the emulator mints unless told otherwise. */
export const EMULATOR_DEFAULT_API_AUDIENCE = 'https://employee-gateway/api';

export interface EmulatorTokenRequest {
  sub: string;
  permissions: string[];
  /** Seconds. */
  expiresIn: number;
}

/** POST /__emulator/tokens, as the package's EmulatorControl.mintToken sends it. */
export async function mintEmulatorToken(emulatorUrl: string, request: EmulatorTokenRequest): Promise<string> {
  const response = await fetch(`${emulatorUrl}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the emulator at ${emulatorUrl} refused to mint a token: HTTP ${response.status} ${text.slice(0, 200)}`);
  const { access_token: token } = JSON.parse(text) as { access_token?: unknown };
  if (typeof token !== 'string') throw new Error(`the emulator at ${emulatorUrl} answered a token request without access_token`);
  return token;
}
