// Least privilege is only provable when every Management API route checks a scope: a route without one
// would answer any token the tenant issued.
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/index.ts';
import { EmulatorControl } from '../../src/control-client.ts';
import { ALL_ROUTES } from '../../src/server.ts';

describe('Management API scopes', () => {
  it('every Management API route names the scopes it accepts', () => {
    const management = ALL_ROUTES.filter((route) => route.kind === 'management');
    expect(management.length).toBeGreaterThan(10);
    expect(management.filter((route) => (route.scopes ?? []).length === 0).map((route) => `${route.method} ${route.template}`)).toEqual([]);
  });

  it('grants the seeded client exactly the managementScopes it is started with', async () => {
    const emulator = await startEmulator({ port: 0, managementScopes: ['read:users', 'read:roles'] });
    try {
      const seeds = await new EmulatorControl(emulator.url).seeds();
      expect(seeds.clientGrants.map((grant) => [grant.client_id, grant.scope])).toEqual([[emulator.clientId, ['read:users', 'read:roles']]]);
    } finally {
      await emulator.close();
    }
  });
});
