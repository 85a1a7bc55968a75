// examples/webhook-receiver against a running gateway process: every request verifies with the
// `standardwebhooks` library, a tampered body is refused, and the receiver's three tracker columns end
// equal to the gateway's after (1) the gateway is SIGKILLed mid-delivery and started again, and (2) the
// receiver is down while events queue and retries fail. The outage is scaled down by configuration
// (retry delays of 0.5-1 s, a 3 s outage); bench/webhooks.bench.ts runs the real 60 s one.
import type { ChildProcess } from 'node:child_process';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { print } from 'graphql';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { webhookHandler, type TrackerRow } from '../../examples/webhook-receiver/receiver.ts';
import { CreateWebhookEndpointDocument, DeactivateEmployeeDocument, ImportEmployeesDocument } from '../generated/graphql.ts';
import { holdScratchDatabase } from '../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';
import { freePort, startGatewayProcess, type GatewayProcess, stopChild } from '../helpers/gateway-process.ts';
import { eventually, startRecordingReceiver, type RecordingReceiver } from '../helpers/webhook-receiver.ts';

const SCHEMA = `pgboss_hooks_${process.pid}_${Date.now().toString(36)}`;

describe('examples/webhook-receiver', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let receiver: RecordingReceiver;
  const processes: GatewayProcess[] = [];

  afterAll(async () => {
    for (const started of processes) await stopChild(started.child);
    await receiver?.stop();
    await gateway?.close();
    await database?.drop();
  }, 30_000);

  it('verifies, refuses tampering, and ends with the gateway\'s three columns after a gateway crash and a receiver outage', { timeout: 180_000 }, async () => {
    database = await holdScratchDatabase({ migrate: true });
    // This gateway hosts the emulator and reads the database; the spawned process does the work until it
    // is killed, then this one's workers take over.
    gateway = await startTestGateway({
      databaseUrl: database.url,
      workers: false,
      queueSchema: SCHEMA,
      queuePrefix: '',
      webhooks: { timeoutSeconds: 1, retryDelaySeconds: 0.5, retryDelayMaxSeconds: 1, sweepSeconds: 1 },
      provisioning: { leaseMs: 5_000 },
    });
    const env = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATABASE_URL: database.url,
      AUTH0_EMULATOR_URL: gateway.emulator.url,
      PROVISIONING_QUEUE_SCHEMA: SCHEMA,
      VERIFICATION_CHECK_INTERVAL_SECONDS: '0',
      ROLE_BATCH_WINDOW_MS: '0',
      // The provisioning the killed process held resumes sooner (its leases and jobs' heartbeats run out).
      PROVISIONING_LEASE_SECONDS: '5',
      PROVISIONING_HEARTBEAT_SECONDS: '10',
      WEBHOOK_TIMEOUT_SECONDS: '1',
      WEBHOOK_RETRY_DELAY_SECONDS: '0.5',
      WEBHOOK_RETRY_DELAY_MAX_SECONDS: '1',
      WEBHOOK_SWEEP_SECONDS: '1',
    };
    const start = async () => {
      const port = await freePort();
      // A loaded CI machine may take longer than the helper's default to start a gateway.
      const started = await startGatewayProcess({ ...env, PORT: String(port) }, [], 90_000);
      processes.push(started);
      return { started, graphql: `http://127.0.0.1:${port}/graphql` };
    };
    const call = async (url: string, document: Parameters<typeof print>[0], variables: unknown) =>
      (await (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.tokenFor('admin')}` },
          body: JSON.stringify({ query: print(document), variables }),
        })
      ).json()) as { data: Record<string, any> };

    const created = expectNoGraphQLErrors(await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url: 'http://127.0.0.1:1/x', events: ['*'] } } }));
    if (created.createWebhookEndpoint.__typename !== 'CreateWebhookEndpointPayload') throw new Error('no endpoint');
    const { secret } = created.createWebhookEndpoint;
    // The receiver: the example's handler. The eighth request kills the gateway that sends it, so the
    // crash lands mid-delivery (the request was received, its answer never reaches the gateway).
    const rows = new Map<string, TrackerRow>();
    const handle = webhookHandler(secret, rows);
    let victim: ChildProcess | null = null;
    let crashed!: () => void;
    const crash = new Promise<void>((resolve) => (crashed = resolve));
    receiver = await startRecordingReceiver();
    receiver.handler = async (request, response) => {
      if (victim && receiver.requests.length >= 8) {
        const dying = victim;
        victim = null;
        dying.once('exit', () => crashed());
        dying.kill('SIGKILL');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      await handle(request, response);
    };
    await gateway.prisma.webhookEndpoint.updateMany({ data: { url: receiver.url } });

    // (1) An import; the gateway is killed while a delivery is in flight.
    const first = await start();
    victim = first.started.child;
    const employees = Array.from({ length: 12 }, (_, i) => ({ name: `Hook Person ${i}`, email: uniqueEmail(`hook.${i}`), department: 'Hooks' }));
    const imported = await call(first.graphql, ImportEmployeesDocument, { input: { employees } });
    expect(imported.data.importEmployees.created).toBe(12);
    const diagnose = async () =>
      `received ${receiver.requests.length}; deliveries ${JSON.stringify(await gateway.prisma.webhookDelivery.groupBy({ by: ['status'], _count: true }))}\n${first.started.output().slice(-3000)}`;
    await Promise.race([crash, new Promise((_, reject) => setTimeout(() => void diagnose().then((text) => reject(new Error(`no crash mid-delivery: ${text}`))), 30_000))]);
    const atCrash = receiver.requests.length;
    const pendingAtCrash = await gateway.prisma.webhookDelivery.count({ where: { status: 'PENDING' } });
    expect(pendingAtCrash).toBeGreaterThan(0);

    // (2) A gateway takes over (this process's, whose workers start now: cheaper than a second spawn);
    // the receiver goes down while leavers are recorded, and comes back.
    await gateway.composition.startWorkers();
    await eventually(async () => (await gateway.prisma.employee.count({ where: { auth0SyncStatus: 'CREATED' } })) === 12 || undefined, 90_000, 'all CREATED');
    await receiver.stop();
    const ids = (await gateway.prisma.employee.findMany({ select: { id: true }, orderBy: { name: 'asc' } })).map((row) => row.id);
    for (const id of ids.slice(0, 4)) {
      const result = expectNoGraphQLErrors(await gateway.execute({ document: DeactivateEmployeeDocument, variables: { employeeId: encodeGlobalID('Employee', id), reason: 'contract ended' } }));
      expect(result.deactivateEmployee.__typename).toBe('DeactivateEmployeePayload');
    }
    await eventually(async () => (await gateway.prisma.webhookDelivery.count({ where: { attempts: { gte: 2 }, status: 'PENDING' } })) > 0 || undefined, 20_000, 'failed retries during the outage');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await receiver.start();
    await eventually(async () => (await gateway.prisma.webhookDelivery.count({ where: { status: { not: 'SUCCEEDED' } } })) === 0 || undefined, 30_000, 'every delivery done');
    expect(receiver.requests.length).toBeGreaterThan(atCrash);

    // Every request verifies with the library; a tampered body does not, and the receiver refuses it.
    const library = new Webhook(secret);
    for (const request of receiver.requests) expect(() => library.verify(request.body, request.headers)).not.toThrow();
    const sample = receiver.requests.at(-1)!;
    const tampered = await fetch(receiver.url, { method: 'POST', headers: sample.headers, body: sample.body.replace('"active":false', '"active":true ') });
    expect(tampered.status).toBe(401);

    // The receiver's three columns equal the gateway's.
    const employeesNow = await gateway.prisma.employee.findMany();
    expect(employeesNow).toHaveLength(12);
    for (const employee of employeesNow) {
      const row = rows.get(encodeGlobalID('Employee', employee.id));
      expect({ auth0_user_id: row?.auth0_user_id, auth0_account_created_at: row?.auth0_account_created_at, auth0_sync_status: row?.auth0_sync_status }).toEqual({
        auth0_user_id: employee.auth0UserId,
        auth0_account_created_at: employee.auth0AccountCreatedAt?.toISOString() ?? null,
        auth0_sync_status: employee.auth0SyncStatus,
      });
    }
  });
});
