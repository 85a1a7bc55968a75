// The emulator as every gateway test runs it: its seeded client granted exactly the README's scope list
// (test/unit/management-scopes.test.ts holds the three equal), never the emulator's every-scope default.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@employee-gateway/auth0-emulator';
import { DOCUMENTED_MANAGEMENT_SCOPES } from '../../src/services/management-scopes.ts';

export function startGatewayEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, managementScopes: DOCUMENTED_MANAGEMENT_SCOPES, ...options });
}
