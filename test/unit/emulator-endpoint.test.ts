// The gateway's copy of what it needs from a running emulator agrees with the emulator package.
import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import * as emulatorPackage from '@employee-gateway/auth0-emulator';
import { ROLE_PERMISSIONS } from '../../src/auth/permissions.ts';
import {
  EMULATOR_DEFAULT_API_AUDIENCE,
  EMULATOR_DEFAULT_CLIENT_ID,
  EMULATOR_DEFAULT_CLIENT_SECRET,
  mintEmulatorToken,
} from '../../src/auth0/emulator-endpoint.ts';

describe('emulator endpoint', () => {
  it('holds the emulator package\'s seeded credentials and audience', () => {
    expect(EMULATOR_DEFAULT_CLIENT_ID).toBe(emulatorPackage.DEFAULT_CLIENT_ID);
    expect(EMULATOR_DEFAULT_CLIENT_SECRET).toBe(emulatorPackage.DEFAULT_CLIENT_SECRET);
    expect(EMULATOR_DEFAULT_API_AUDIENCE).toBe(emulatorPackage.DEFAULT_API_AUDIENCE);
  });

  it('mints a caller token from a running emulator, and says so clearly when refused', async () => {
    const emulator = await emulatorPackage.startEmulator({ port: 0, callerRoles: ROLE_PERMISSIONS });
    try {
      const token = await mintEmulatorToken(emulator.url, { sub: 'auth0|endpoint-test', permissions: ['read:employees'], expiresIn: 600 });
      const claims = decodeJwt(token);
      expect(claims.sub).toBe('auth0|endpoint-test');
      expect(claims.permissions).toEqual(['read:employees']);
      expect(claims.aud).toContain(EMULATOR_DEFAULT_API_AUDIENCE);
      await expect(mintEmulatorToken(emulator.url, { sub: '', permissions: [], expiresIn: -1 })).rejects.toThrow(/refused to mint a token: HTTP 4\d\d/);
    } finally {
      await emulator.close();
    }
  });
});
