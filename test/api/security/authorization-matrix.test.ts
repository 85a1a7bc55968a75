// Who may call what: every root field, for each caller role, no token, and tokens that must be refused.
import type { GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_ROLES, ROLE_PERMISSIONS, type GatewayPermission } from '../../../src/auth/permissions.ts';
import { schema } from '../../../src/schema/index.ts';
import { foreignKeyToken, hs256WithPublicKey, tamperedToken, unsignedToken } from '../../helpers/forged-tokens.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

type Requirement = GatewayPermission | 'authenticated';

/** One document per root field, and the permission it needs. Every root field must be listed. */
const ROOT_FIELDS: Record<string, { requires: Requirement; document: (ids: { employee: string }) => string }> = {
  'Query.me': { requires: 'read:self', document: () => '{ me { id } }' },
  'Query.employee': { requires: 'read:employees', document: ({ employee }) => `{ employee(id: "${employee}") { id email } }` },
  'Query.employeeByExternalId': { requires: 'read:employees', document: () => '{ employeeByExternalId(externalId: "matrix-none") { id } }' },
  // node/nodes need only a verified caller; what comes back is guarded by the type's own scopes.
  'Query.node': { requires: 'read:employees', document: ({ employee }) => `{ node(id: "${employee}") { id ... on Employee { email } } }` },
  'Query.nodes': { requires: 'read:employees', document: ({ employee }) => `{ nodes(ids: ["${employee}"]) { id ... on Employee { email } } }` },
  'Query.auditEvents': { requires: 'read:audit', document: () => '{ auditEvents(first: 1) { edges { node { id action } } } }' },
  'Query.employees': { requires: 'read:employees', document: () => '{ employees(first: 1) { edges { node { id } } } }' },
  'Query.roles': { requires: 'read:employees', document: () => '{ roles { role } }' },
  'Query.reconciliationReport': {
    requires: 'manage:provisioning',
    document: () => '{ reconciliationReport(department: "Matrix") { employeesChecked } }',
  },
  'Query.podfactoryMatchReport': {
    requires: 'read:employees',
    document: () => '{ podfactoryMatchReport(roster: [{ name: "Matrix Target" }]) { ... on PodfactoryMatchReport { matched } } }',
  },
  'Mutation.createEmployee': {
    requires: 'create:employees',
    document: () =>
      `mutation { createEmployee(input: { name: "Matrix Case", email: "${uniqueEmail('matrix')}", department: "Matrix" }) { __typename } }`,
  },
  'Mutation.importEmployees': {
    requires: 'create:employees',
    document: () =>
      `mutation { importEmployees(input: { dryRun: true, employees: [{ name: "Matrix Import", email: "${uniqueEmail('matrix-import')}", department: "Matrix" }] }) { __typename } }`,
  },
  'Query.importBatch': {
    requires: 'create:employees',
    document: () => '{ importBatch(id: "00000000-0000-0000-0000-000000000000") { id } }',
  },
  'Mutation.assignRole': {
    requires: 'update:employee_roles',
    document: ({ employee }) => `mutation { assignRole(employeeId: "${employee}", role: TEAM_LEAD) { __typename } }`,
  },
  'Mutation.resendVerification': {
    requires: 'send:verification',
    document: ({ employee }) => `mutation { resendVerification(employeeId: "${employee}") { __typename } }`,
  },
  'Query.provisioningStatus': { requires: 'read:employees', document: () => '{ provisioningStatus { enabled reason } }' },
  // Refused callers never reach the switch; an allowed one gets an input error for the blank reason (nothing changes).
  'Mutation.setProvisioningEnabled': {
    requires: 'manage:provisioning',
    document: () => 'mutation { setProvisioningEnabled(enabled: false, reason: " ") { __typename } }',
  },
  // Webhook endpoints: an allowed caller gets a typed error (no such endpoint, a refused URL); nothing changes.
  'Query.webhookEndpoints': { requires: 'manage:provisioning', document: () => '{ webhookEndpoints { id } }' },
  'Query.webhookDeliveries': { requires: 'manage:provisioning', document: () => '{ webhookDeliveries(endpointId: "V2ViaG9va0VuZHBvaW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==") { __typename } }' },
  'Mutation.createWebhookEndpoint': {
    requires: 'manage:provisioning',
    document: () => 'mutation { createWebhookEndpoint(input: { url: "ftp://matrix.example.com/", events: ["*"] }) { __typename } }',
  },
  'Mutation.updateWebhookEndpoint': {
    requires: 'manage:provisioning',
    document: () => 'mutation { updateWebhookEndpoint(id: "V2ViaG9va0VuZHBvaW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==", input: { description: "x" }) { __typename } }',
  },
  'Mutation.deleteWebhookEndpoint': { requires: 'manage:provisioning', document: () => 'mutation { deleteWebhookEndpoint(id: "V2ViaG9va0VuZHBvaW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==") { __typename } }' },
  'Mutation.rotateWebhookSecret': { requires: 'manage:provisioning', document: () => 'mutation { rotateWebhookSecret(id: "V2ViaG9va0VuZHBvaW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==") { __typename } }' },
  'Mutation.redeliverWebhookEvents': {
    requires: 'manage:provisioning',
    document: () => 'mutation { redeliverWebhookEvents(endpointId: "V2ViaG9va0VuZHBvaW50OjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA==", from: "2026-01-01T00:00:00Z") { __typename } }',
  },
  'Mutation.retryProvisioning': {
    requires: 'manage:provisioning',
    document: ({ employee }) => `mutation { retryProvisioning(employeeId: "${employee}") { __typename } }`,
  },
  'Mutation.updateEmployee': {
    requires: 'update:employees',
    document: ({ employee }) => `mutation { updateEmployee(employeeId: "${employee}", input: { department: "Matrix" }) { __typename } }`,
  },
  'Mutation.deactivateEmployee': {
    requires: 'deactivate:employees',
    document: () =>
      `mutation { deactivateEmployee(employeeId: "${Buffer.from('Employee:00000000-0000-0000-0000-000000000000').toString('base64')}", reason: "matrix") { __typename } }`,
  },
  'Mutation.reactivateEmployee': {
    requires: 'deactivate:employees',
    document: ({ employee }) => `mutation { reactivateEmployee(employeeId: "${employee}") { __typename } }`,
  },
  'Mutation.linkAuth0User': {
    requires: 'manage:provisioning',
    document: ({ employee }) => `mutation { linkAuth0User(employeeId: "${employee}", auth0UserId: "auth0|000000000000000000000000") { __typename } }`,
  },
  // SCIM administration: an allowed caller gets an input error or an unknown id, so nothing changes.
  'Query.scimTokens': { requires: 'manage:provisioning', document: () => '{ scimTokens { id name } }' },
  'Mutation.createScimToken': { requires: 'manage:provisioning', document: () => 'mutation { createScimToken(input: { name: " " }) { __typename } }' },
  'Mutation.revokeScimToken': {
    requires: 'manage:provisioning',
    document: () => 'mutation { revokeScimToken(id: "00000000-0000-0000-0000-000000000000") { __typename } }',
  },
  'Query.heldDeactivations': { requires: 'manage:provisioning', document: () => '{ heldDeactivations { id } }' },
  'Mutation.releaseHeldDeactivations': {
    requires: 'manage:provisioning',
    document: () => 'mutation { releaseHeldDeactivations(ids: ["00000000-0000-0000-0000-000000000000"]) { __typename } }',
  },
  'Mutation.discardHeldDeactivations': {
    requires: 'manage:provisioning',
    document: () => 'mutation { discardHeldDeactivations(ids: ["00000000-0000-0000-0000-000000000000"]) { __typename } }',
  },
  // Subscriptions run over Server-Sent Events; the first event carries the data or the refusal.
  'Subscription.employeeSyncStatus': {
    requires: 'read:employees',
    document: ({ employee }) => `subscription { employeeSyncStatus(employeeId: "${employee}") { id auth0SyncStatus } }`,
  },
  'Subscription.importBatchProgress': {
    requires: 'create:employees',
    document: () => 'subscription { importBatchProgress(batchId: "00000000-0000-0000-0000-000000000000") { id } }',
  },
};

interface Outcome {
  status: number;
  code: string | null;
}

describe('authorization matrix', () => {
  let gateway: TestGateway;
  let strictGateway: TestGateway;
  // A correctly signed token whose aud (or iss) is not the one this gateway expects.
  let audienceMismatch: TestGateway;
  let issuerMismatch: TestGateway;
  let employeeId: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    // Same checks with no clock tolerance, so a token that expired a second ago is refused.
    strictGateway = await startTestGateway({ callerAuth: { clockToleranceSeconds: 0 } });
    audienceMismatch = await startTestGateway({ callerAuth: { audience: 'https://another-api.example/' } });
    issuerMismatch = await startTestGateway({ callerAuth: { issuer: 'https://another-tenant.example/' } });
    const employee = await gateway.prisma.employee.create({
      data: { name: 'Matrix Target', email: uniqueEmail('target'), department: 'Matrix' },
    });
    employeeId = Buffer.from(`Employee:${employee.id}`).toString('base64');
  });
  afterAll(async () => {
    await gateway?.close();
    await strictGateway?.close();
    await audienceMismatch?.close();
    await issuerMismatch?.close();
  });

  async function run(target: TestGateway, field: string, authorization: string | null): Promise<Outcome> {
    const subscription = field.startsWith('Subscription.');
    const response = await target.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(subscription ? { accept: 'text/event-stream' } : {}),
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify({ query: ROOT_FIELDS[field]!.document({ employee: employeeId }) }),
    });
    const body = (subscription && response.headers.get('content-type')?.startsWith('text/event-stream')
      ? await firstEvent(response)
      : await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null };
  }

  /** The data of the first SSE event; the stream is then cancelled (an allowed subscription stays open). */
  async function firstEvent(response: Response): Promise<unknown> {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        text += decoder.decode(read.value, { stream: true });
        const data = /^data: (.*)$/m.exec(text);
        if (data && text.includes('\n\n')) return JSON.parse(data[1]!);
      }
      throw new Error(`stream ended without an event: ${text}`);
    } finally {
      await reader.cancel();
    }
  }

  it('lists every root field of the schema', () => {
    const fields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.values(type?.getFields() ?? {}).map((field: GraphQLField<unknown, unknown>) => `${type!.name}.${field.name}`),
    );
    expect(Object.keys(ROOT_FIELDS).sort()).toEqual(fields.sort());
  });

  const cases = Object.keys(ROOT_FIELDS).flatMap((field) => CALLER_ROLES.map((role) => [field, role] as const));
  it.each(cases)('%s as %s', async (field, role) => {
    const outcome = await run(gateway, field, `Bearer ${await gateway.tokenFor(role)}`);
    const requirement = ROOT_FIELDS[field]!.requires;
    const allowed = requirement === 'authenticated' || ROLE_PERMISSIONS[role].includes(requirement);
    expect(outcome).toEqual(allowed ? { status: 200, code: null } : { status: 200, code: 'FORBIDDEN' });
  });

  it.each(Object.keys(ROOT_FIELDS))('%s without a token', async (field) => {
    expect(await run(gateway, field, null)).toEqual({ status: 200, code: 'UNAUTHENTICATED' });
  });

  type Forge = (target: TestGateway) => Promise<string>;
  const admin: Forge = (target) => target.tokenFor('admin');
  const refused: Array<[string, () => TestGateway, Forge]> = [
    ['an expired token', () => strictGateway, async (target) => {
      const token = await target.control.mintToken({ sub: 'auth0|expired', permissions: [...ROLE_PERMISSIONS.admin], expiresIn: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      return token;
    }],
    ['a token for another audience', () => audienceMismatch, admin],
    ['a token from another issuer', () => issuerMismatch, admin],
    ['alg none', () => gateway, async (target) => unsignedToken(await admin(target))],
    ['HS256 signed with the public key', () => gateway, async (target) =>
      hs256WithPublicKey(await admin(target), `${target.emulator.url}/.well-known/jwks.json`)],
    ['a tampered payload', () => gateway, async (target) => tamperedToken(await target.tokenFor('manager'))],
    ['a key the issuer never published', () => gateway, async (target) => foreignKeyToken(await admin(target))],
    ['garbage', () => gateway, async () => 'not.a.jwt'],
  ];

  it.each(refused)('refuses %s on every root field with 401', async (_label, target, forge) => {
    const token = await forge(target());
    for (const field of Object.keys(ROOT_FIELDS)) {
      expect(await run(target(), field, `Bearer ${token}`), field).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('checks permissions before input rules: an unauthorized caller learns nothing about its input', async () => {
    const query = 'mutation { createEmployee(input: { name: "", email: "bad", department: "" }) { __typename } }';
    for (const [authorization, code] of [[null, 'UNAUTHENTICATED'], [`Bearer ${await gateway.tokenFor('team_lead')}`, 'FORBIDDEN']] as const) {
      const response = await gateway.app.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
    }
  });

  it('refuses a malformed Authorization header with 401', async () => {
    expect(await run(gateway, 'Query.me', 'Basic dXNlcjpwYXNz')).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('lets a production associate read themselves through me, and nobody else', async () => {
    const sub = `auth0|${Date.now().toString(16).padStart(24, '0')}`;
    const self = await gateway.prisma.employee.create({
      data: { name: 'Self Reader', email: uniqueEmail('self'), department: 'Matrix', auth0UserId: sub },
    });
    const token = await gateway.control.mintToken({ sub, permissions: [...ROLE_PERMISSIONS.production_associate] });
    const me = await gateway.app.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ me { email role } }' }),
    });
    expect(await me.json()).toEqual({ data: { me: { email: self.email, role: 'PRODUCTION_ASSOCIATE' } } });
    expect(await run(gateway, 'Query.employee', `Bearer ${token}`)).toEqual({ status: 200, code: 'FORBIDDEN' });
  });
});
