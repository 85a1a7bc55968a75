// Auth0 accounts made the way an administrator made them before the gateway: straight through the
// Management API (the official SDK against the test's emulator), with no gateway metadata.
import type { ManagementClient } from 'auth0';
import { createManagementClient } from '../../src/auth0/management-client.ts';
import { randomStrongPassword } from '../../src/auth0/random-password.ts';
import type { TestGateway } from './gateway.ts';

export function emulatorManagementClient(gateway: Pick<TestGateway, 'emulator'>): ManagementClient {
  return createManagementClient({
    domain: gateway.emulator.domain,
    clientId: gateway.emulator.clientId,
    clientSecret: gateway.emulator.clientSecret,
    timeoutSeconds: 5,
    maxRetries: 0,
    rewriteToBaseUrl: gateway.emulator.url,
  });
}

/** A hand-made account in the default connection (no verification email sent); returns its user id. */
export async function createHandMadeAccount(client: ManagementClient, email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const user = await client.users.create({ connection: 'Username-Password-Authentication', email, password: randomStrongPassword(), verify_email: false, ...extra });
  return user.user_id!;
}
