// Drives /scim/v2 as an identity provider does: real HTTP requests through the gateway's pipeline, with a
// SCIM token made through the bound service (as createScimToken does).
import type { EmployeeRole } from '../../src/generated/prisma/enums.ts';
import type { TestGateway } from './gateway.ts';

export interface ScimAnswer {
  status: number;
  headers: Headers;
  body: Record<string, any> | null;
}

export interface ScimClient {
  token: string;
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ScimAnswer>;
}

const ADMIN = { id: 'auth0|scim-test-admin', correlationId: null, permissions: new Set(['manage:provisioning']) };

export async function scimTokenFor(gateway: TestGateway, name: string, maxRole?: EmployeeRole): Promise<{ token: string; id: string }> {
  const services = await gateway.composition.services();
  const created = await services.scimTokens.create(ADMIN, { name, ...(maxRole ? { maxRole } : {}) });
  if (created instanceof Error) throw created;
  return { token: created.token, id: created.scimToken.id };
}

export async function revokeScimToken(gateway: TestGateway, id: string): Promise<void> {
  const services = await gateway.composition.services();
  await services.scimTokens.revoke(ADMIN, id);
}

export function scimClient(gateway: TestGateway, token: string): ScimClient {
  return {
    token,
    async send(method, path, body, headers = {}) {
      const response = await gateway.app.fetch(`http://gateway.test/scim/v2${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as Record<string, any>) };
    },
  };
}
