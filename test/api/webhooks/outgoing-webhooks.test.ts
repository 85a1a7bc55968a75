// Outgoing events end to end: endpoints managed over GraphQL, events written by the change's own
// transaction, delivered to a local receiver as Standard Webhooks requests that the `standardwebhooks`
// library verifies, retried in order, 410 disabling, secret rotation, redelivery. A scratch database, so
// no other file's endpoints or employees mix in.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEmployeeDocument,
  CreateWebhookEndpointDocument,
  DeactivateEmployeeDocument,
  DeleteWebhookEndpointDocument,
  RedeliverWebhookEventsDocument,
  RotateWebhookSecretDocument,
  UpdateEmployeeDatesDocument,
  UpdateWebhookEndpointDocument,
  WebhookDeliveriesDocument,
  WebhookEndpointsDocument,
} from '../../generated/graphql.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { eventually, startRecordingReceiver, type ReceivedRequest, type RecordingReceiver } from '../../helpers/webhook-receiver.ts';

interface Body {
  type: string;
  timestamp: string;
  data: Record<string, unknown> & { employeeId?: string; sequence?: number };
}
const parse = (request: ReceivedRequest) => JSON.parse(request.body) as Body;

describe('outgoing webhooks', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let receiver: RecordingReceiver;

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    gateway = await startTestGateway({
      databaseUrl: database.url,
      webhooks: { retryDelaySeconds: 0.2, retryDelayMaxSeconds: 0.4, timeoutSeconds: 2, sweepSeconds: 1 },
    });
    receiver = await startRecordingReceiver();
  }, 60_000);

  afterAll(async () => {
    await receiver?.stop();
    await gateway?.close();
    await database?.drop();
  }, 30_000);

  const createEndpoint = async (url: string, events = ['*']) => {
    const result = expectNoGraphQLErrors(await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url, events, description: 'test' } } }));
    if (result.createWebhookEndpoint.__typename !== 'CreateWebhookEndpointPayload') throw new Error(JSON.stringify(result));
    return result.createWebhookEndpoint;
  };
  const hire = async (name: string) => {
    const result = expectNoGraphQLErrors(await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name, email: uniqueEmail('hook'), department: 'Hooks' } } }));
    if (result.createEmployee.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(result));
    return result.createEmployee.employee;
  };
  const ofEmployee = (id: string) => receiver.requests.filter((request) => parse(request).data.employeeId === id);

  it('makes an endpoint with a whsec_ secret shown once and stored encrypted; only admins may', async () => {
    const created = await createEndpoint(receiver.url, ['employee.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const stored = await gateway.prisma.webhookEndpoint.findFirstOrThrow({ where: { url: receiver.url } });
    expect(stored.secret).not.toContain(created.secret.slice(6, 20));
    const listed = expectNoGraphQLErrors(await gateway.execute({ document: WebhookEndpointsDocument }));
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const refused = await gateway.execute({ document: WebhookEndpointsDocument, as: 'manager' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = expectNoGraphQLErrors(await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url: 'ftp://example.com/x', events: ['*'] } } }));
    expect(bad.createWebhookEndpoint).toMatchObject({ __typename: 'WebhookUrlRefusedError', code: 'WEBHOOK_URL_REFUSED' });
    const unknown = expectNoGraphQLErrors(await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url: receiver.url, events: ['employee.eaten'] } } }));
    expect(unknown.createWebhookEndpoint.__typename).toBe('InputValidationError');
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: created.endpoint.id } }));
  });

  it('signs every event so the library verifies it, in sequence order per employee, and a tampered body fails', { timeout: 30_000 }, async () => {
    const { secret, endpoint } = await createEndpoint(receiver.url);
    const employee = await hire('Hook Signed');
    expectNoGraphQLErrors(await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: employee.id, reason: 'leaves' } }));
    await eventually(() => ofEmployee(employee.id).some((request) => parse(request).type === 'employee.deactivated'), 10_000, 'employee.deactivated');
    const requests = ofEmployee(employee.id);
    const library = new Webhook(secret);
    for (const request of requests) expect(library.verify(request.body, request.headers)).toEqual(JSON.parse(request.body));
    const bodies = requests.map(parse);
    expect(bodies.map((body) => body.type)).toEqual(expect.arrayContaining(['employee.created', 'employee.account_created', 'employee.deactivated']));
    const sequences = bodies.map((body) => body.data.sequence!);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(bodies.at(-1)!.data).toMatchObject({ employeeId: employee.id, active: false, auth0SyncStatus: 'DISABLED' });
    expect(requests[0]!.headers['webhook-id']).toBe(`evt_${sequences[0]}`);
    const tampered = requests[0]!.body.replace('"active":true', '"active":false');
    expect(tampered).not.toBe(requests[0]!.body);
    expect(() => library.verify(tampered, requests[0]!.headers)).toThrow();
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));
  });

  it('retries a failing receiver in order, shows the last response, and replays on request', { timeout: 30_000 }, async () => {
    const { endpoint } = await createEndpoint(receiver.url, ['employee.created', 'employee.account_created']);
    let failures = 3;
    receiver.answer = () => (failures-- > 0 ? 503 : 204);
    const employee = await hire('Hook Retried');
    await eventually(() => ofEmployee(employee.id).filter((request) => parse(request).type === 'employee.account_created').length > 0, 10_000, 'delivery after retries');
    receiver.answer = null;
    const types = ofEmployee(employee.id).map((request) => parse(request).type);
    expect(types.slice(0, 4)).toEqual(['employee.created', 'employee.created', 'employee.created', 'employee.created']);
    expect(types.at(-1)).toBe('employee.account_created');
    const log = expectNoGraphQLErrors(await gateway.execute({ document: WebhookDeliveriesDocument, variables: { endpointId: endpoint.id } }));
    if (log.webhookDeliveries.__typename !== 'WebhookDeliveries') throw new Error('no deliveries');
    const created = log.webhookDeliveries.deliveries.find((delivery) => delivery.eventType === 'employee.created')!;
    expect(created).toMatchObject({ status: 'SUCCEEDED', attempts: 4, lastResponse: { status: 204 } });

    const before = receiver.requests.length;
    const replay = expectNoGraphQLErrors(
      await gateway.execute({ document: RedeliverWebhookEventsDocument, variables: { endpointId: endpoint.id, from: new Date(Date.now() - 60_000).toISOString() } }),
    );
    expect(replay.redeliverWebhookEvents).toMatchObject({ queued: expect.any(Number) });
    await eventually(() => receiver.requests.slice(before).some((request) => parse(request).data.employeeId === employee.id), 10_000, 'the replay');
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));
  });

  it('tells date and profile changes as employee.updated naming the changed fields, one event per change; bookkeeping tells nothing', { timeout: 30_000 }, async () => {
    const { endpoint } = await createEndpoint(receiver.url, ['employee.updated', 'employee.role_changed', 'employee.account_created']);
    const employee = await hire('Hook Dated');
    const id = decodeGlobalID(employee.id).id;
    // Provisioning settled (linked, then CREATED) and told: what follows is this test's changes only.
    await eventually(async () => (await gateway.prisma.employee.findUniqueOrThrow({ where: { id } })).auth0SyncStatus === 'CREATED', 10_000, 'CREATED');
    const endpointId = decodeGlobalID(endpoint.id).id;
    await eventually(async () => (await gateway.prisma.webhookDelivery.count({ where: { endpointId, status: 'PENDING' } })) === 0, 10_000, 'provisioning events delivered');
    const mark = Number((await gateway.prisma.webhookEvent.aggregate({ where: { employeeId: id }, _max: { id: true } }))._max.id);
    const updates = () => ofEmployee(employee.id).map(parse).filter((body) => body.type === 'employee.updated' && body.data.sequence! > mark);
    const stored = () => gateway.prisma.webhookEvent.count({ where: { employeeId: id, type: 'employee.updated', id: { gt: mark } } });

    // The end date and the deactivation it schedules are two statements of one change: one event.
    const ended = expectNoGraphQLErrors(await gateway.execute({ document: UpdateEmployeeDatesDocument, variables: { employeeId: employee.id, input: { endDate: '2031-06-30' } } }));
    expect(ended.updateEmployee).toMatchObject({ __typename: 'UpdateEmployeePayload', employee: { endDate: '2031-06-30', scheduledDeactivationAt: expect.any(String) } });
    const [endEvent] = await eventually(() => (updates().length > 0 ? updates() : undefined), 10_000, 'the end date update');
    expect(endEvent!.data).toMatchObject({ employeeId: employee.id, active: true, changed: ['endDate', 'scheduledDeactivationAt'] });
    expect(await stored()).toBe(1);

    const started = expectNoGraphQLErrors(await gateway.execute({ document: UpdateEmployeeDatesDocument, variables: { employeeId: employee.id, input: { startDate: '2026-11-02' } } }));
    expect(started.updateEmployee.__typename).toBe('UpdateEmployeePayload');
    const startEvent = await eventually(() => updates()[1], 10_000, 'the start date update');
    expect(startEvent.data.changed).toEqual(['startDate']);
    expect(startEvent.data.sequence!).toBeGreaterThan(endEvent!.data.sequence!);

    // Bookkeeping: a lease taken and released, the verification cursor, a revision bump, updatedAt alone.
    await gateway.prisma.$executeRaw`UPDATE "Employee" SET "provisioningLeaseUntil" = now() + interval '1 minute', "provisioningLeaseOwner" = 'test', "verificationCheckedAt" = now(), "updatedAt" = now() WHERE "id" = ${id}::uuid`;
    await gateway.prisma.$executeRaw`UPDATE "Employee" SET "provisioningLeaseUntil" = NULL, "provisioningLeaseOwner" = NULL, "accountRevision" = "accountRevision" + 1, "auth0AccountRevision" = "auth0AccountRevision" + 1 WHERE "id" = ${id}::uuid`;
    await gateway.prisma.$executeRaw`UPDATE "Employee" SET "updatedAt" = now() WHERE "id" = ${id}::uuid`;
    expect(await stored()).toBe(2);

    // A role and a profile column in one statement (as a SCIM PATCH may): each is told.
    await gateway.prisma.$executeRaw`UPDATE "Employee" SET "role" = 'team_lead', "department" = 'Hooks Moved' WHERE "id" = ${id}::uuid`;
    const both = await eventually(() => {
      const bodies = ofEmployee(employee.id).map(parse);
      return bodies.some((body) => body.type === 'employee.role_changed' && body.data.sequence! > mark) && updates().length === 3 ? bodies : undefined;
    }, 10_000, 'role_changed and updated');
    expect(updates()[2]!.data).toMatchObject({ role: 'team_lead', changed: ['department'] });
    expect(both.find((body) => body.type === 'employee.role_changed' && body.data.sequence! > mark)!.data).not.toHaveProperty('changed');
    expect(await stored()).toBe(3);
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));
  });

  it('audits every endpoint change with its actor, never a secret or the URL query', { timeout: 30_000 }, async () => {
    const { endpoint, secret } = await createEndpoint(`${receiver.url}?token=receiver-token-123`, ['employee.created']);
    const id = decodeGlobalID(endpoint.id).id;
    const update = async (input: Record<string, unknown>) =>
      expectNoGraphQLErrors(await gateway.execute({ document: UpdateWebhookEndpointDocument, variables: { id: endpoint.id, input } })).updateWebhookEndpoint;
    expect(await update({ url: `${receiver.url}?token=other-token-456`, description: 'moved', enabled: false })).toMatchObject({ endpoint: { enabled: false } });
    expect(await update({ description: 'moved' })).toMatchObject({ endpoint: { enabled: false } });
    expect(await update({ enabled: true })).toMatchObject({ endpoint: { enabled: true } });
    const rotated = expectNoGraphQLErrors(await gateway.execute({ document: RotateWebhookSecretDocument, variables: { id: endpoint.id } })).rotateWebhookSecret;
    if (rotated.__typename !== 'RotateWebhookSecretPayload') throw new Error('no rotation');
    const sealed = await gateway.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expectNoGraphQLErrors(await gateway.execute({ document: RedeliverWebhookEventsDocument, variables: { endpointId: endpoint.id, from: new Date(Date.now() - 60_000).toISOString() } }));
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));

    const rows = await gateway.prisma.auditEvent.findMany({ where: { action: 'WEBHOOK_ENDPOINT_CHANGED', detail: { contains: id } } });
    const details = rows.map((row) => row.detail!);
    // The repeated description is no change: five changes and the deletion, each once.
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((row) => row.actor))).toEqual(new Set(['auth0|test-admin']));
    expect(rows.every((row) => row.outcome === 'SUCCESS' && row.employeeId === null)).toBe(true);
    const one = (prefix: string) => details.filter((detail) => detail.startsWith(prefix));
    expect(one(`created webhook endpoint ${id}: ${receiver.url} (query not recorded), events employee.created`)).toHaveLength(1);
    expect(one(`updated webhook endpoint ${id}: url ${receiver.url} (query not recorded); description; disabled`)).toHaveLength(1);
    expect(one(`updated webhook endpoint ${id}: re-enabled (was disabled: disabled by an admin)`)).toHaveLength(1);
    expect(one(`rotated the signing secret of webhook endpoint ${id}`)).toHaveLength(1);
    expect(one('queued ')).toHaveLength(1);
    expect(one(`deleted webhook endpoint ${id}`)).toHaveLength(1);
    const everything = JSON.stringify(rows);
    for (const secretPart of [secret, secret.slice('whsec_'.length), rotated.secret, rotated.secret.slice('whsec_'.length), sealed.secret, sealed.previousSecret!, 'receiver-token-123', 'other-token-456']) {
      expect(everything).not.toContain(secretPart);
    }
  });

  it('disables an endpoint that answers 410 and resumes it when re-enabled', { timeout: 30_000 }, async () => {
    const { endpoint } = await createEndpoint(receiver.url, ['employee.created']);
    receiver.answer = () => 410;
    const employee = await hire('Hook Gone');
    const id = decodeGlobalID(endpoint.id).id;
    const disabled = await eventually(async () => {
      const row = await gateway.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
      return row.disabledAt ? row : undefined;
    }, 10_000, '410 to disable the endpoint');
    expect(disabled.disabledReason).toContain('410');
    receiver.answer = null;
    const count = ofEmployee(employee.id).length;
    const resumed = expectNoGraphQLErrors(await gateway.execute({ document: UpdateWebhookEndpointDocument, variables: { id: endpoint.id, input: { enabled: true } } }));
    expect(resumed.updateWebhookEndpoint).toMatchObject({ endpoint: { enabled: true } });
    await eventually(() => ofEmployee(employee.id).length > count, 10_000, 'the held delivery after re-enabling');
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));
  });

  it('signs with the old and the new secret during a rotation', { timeout: 30_000 }, async () => {
    const { endpoint, secret: oldSecret } = await createEndpoint(receiver.url, ['employee.created']);
    const rotated = expectNoGraphQLErrors(await gateway.execute({ document: RotateWebhookSecretDocument, variables: { id: endpoint.id } }));
    if (rotated.rotateWebhookSecret.__typename !== 'RotateWebhookSecretPayload') throw new Error('no rotation');
    expect(rotated.rotateWebhookSecret.endpoint.previousSecretValidUntil).not.toBeNull();
    const employee = await hire('Hook Rotated');
    const [request] = await eventually(() => (ofEmployee(employee.id).length > 0 ? ofEmployee(employee.id) : undefined), 10_000, 'the event');
    expect(request!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(request!.body, request!.headers)).not.toThrow();
    expect(() => new Webhook(rotated.rotateWebhookSecret.__typename === 'RotateWebhookSecretPayload' ? rotated.rotateWebhookSecret.secret : '').verify(request!.body, request!.headers)).not.toThrow();
    expectNoGraphQLErrors(await gateway.execute({ document: DeleteWebhookEndpointDocument, variables: { id: endpoint.id } }));
  });
});

describe('receiver URLs', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false, webhooks: { allowPrivateUrls: false } });
  }, 60_000);
  afterAll(async () => gateway?.close());

  it('refuses loopback, private and link-local addresses unless WEBHOOK_ALLOW_PRIVATE_URLS', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest', 'http://[::1]/hook', 'http://192.168.0.10/hook']) {
      const result = expectNoGraphQLErrors(await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url, events: ['*'] } } }));
      expect(result.createWebhookEndpoint, url).toMatchObject({ __typename: 'WebhookUrlRefusedError' });
    }
    expect(await gateway.prisma.webhookEndpoint.count({ where: { url: { contains: '/hook' }, createdBy: 'auth0|test-admin' } })).toBe(0);
  });
});
