// Stopping a gateway whose database stopped answering (a network partition, a failover): its connections
// stay open and every query waits for ever. A webhook drain caught in one must not hold the shutdown: the
// process logs what it abandoned and exits within a bound, and the delivery it could not record is sent
// again by another process once the lease runs out (at least once). The database is reached through a TCP
// relay the test can freeze (bytes are dropped, sockets stay open), so the stall is real, not a mock.
import type { ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument, CreateWebhookEndpointDocument } from '../generated/graphql.ts';
import { holdScratchDatabase } from '../helpers/database.ts';
import { secondGatewayEnv, startGatewayProcess, stopChild, type GatewayProcess } from '../helpers/gateway-process.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';
import { eventually, startRecordingReceiver, type RecordingReceiver } from '../helpers/webhook-receiver.ts';

const SCHEMA = `pgboss_hookstop_${process.pid}_${Date.now().toString(36)}`;
/**
 * The webhook stop gives up after STOP_WAIT_MS (3 s); the other parts stuck on the database (the queue's
 * pool, Prisma's) are given up when the close budget (CLOSE_BUDGET_MS, 20 s) is spent. Without either,
 * the process hangs until shutdown.ts's 30 s deadline and exits 1.
 */
const EXIT_BOUND_MS = 28_000;

/** A TCP relay to PostgreSQL; `freeze()` drops every byte from then on, in both directions, keeping the sockets open. */
async function freezableRelay(target: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    for (const [from, to] of [[client, upstream], [upstream, client]] as const) {
      sockets.add(from);
      from.on('data', (chunk) => {
        if (!frozen) to.write(chunk);
      });
      from.on('error', () => undefined);
      from.on('close', () => to.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    freeze: () => void (frozen = true),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

describe('shutdown with the database gone', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  let receiver: RecordingReceiver;
  let relay: Awaited<ReturnType<typeof freezableRelay>>;
  let child: GatewayProcess | undefined;
  let resumer: GatewayProcess | undefined;

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    // Only stores (no workers, the kill switch off for this queue): the child processes deliver.
    gateway = await startTestGateway({ databaseUrl: database.url, workers: false, provisioning: { enabled: false }, queueSchema: SCHEMA, queuePrefix: '' });
    receiver = await startRecordingReceiver();
    const url = new URL(database.url);
    relay = await freezableRelay({ host: url.hostname, port: Number(url.port || 5432) });
  }, 60_000);

  afterAll(async () => {
    if (child && child.child.exitCode === null) child.child.kill('SIGKILL');
    await stopChild(resumer?.child);
    await relay?.close();
    await receiver?.stop();
    await gateway?.close();
    await database?.drop();
  }, 30_000);

  it('a drain waiting on a frozen database is abandoned, the process exits in time, and another process resends', { timeout: 90_000 }, async () => {
    const env = (databaseUrl: string) => ({ ...secondGatewayEnv(databaseUrl, gateway.emulator.url, SCHEMA), WEBHOOK_TIMEOUT_SECONDS: '3' });
    const relayed = new URL(database.url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(relay.port);
    child = await startGatewayProcess(env(relayed.toString()), [], 60_000);

    // The receiver holds its answer: the drain is mid-request when the database goes.
    const held: ServerResponse[] = [];
    receiver.handler = (_request, response) => void held.push(response);
    const created = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateWebhookEndpointDocument, variables: { input: { url: receiver.url, events: ['employee.created'] } } }),
    ).createWebhookEndpoint;
    if (created.__typename !== 'CreateWebhookEndpointPayload') throw new Error(JSON.stringify(created));
    const endpointId = decodeGlobalID(created.endpoint.id).id;
    const hired = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Hook Stop', email: uniqueEmail('hookstop'), department: 'Hooks' } } }),
    ).createEmployee;
    expect(hired.__typename).toBe('CreateEmployeePayload');
    await eventually(() => held.length > 0, 20_000, 'the child to send the event');

    relay.freeze();
    const exit = exitOf(child.child);
    const signalledAt = Date.now();
    child.child.kill('SIGTERM');
    // Answered now: the drain stops before the next request, and its record of the success waits for ever.
    setTimeout(() => held.splice(0).forEach((response) => response.writeHead(204).end()), 300);
    const exited = await exit;
    const tookMs = Date.now() - signalledAt;

    expect(tookMs).toBeLessThan(EXIT_BOUND_MS);
    expect(exited).toEqual({ code: 0, signal: null });
    const abandoned = child.output().split('\n').find((line) => line.includes('webhook delivery did not stop in time'));
    expect(abandoned).toBeDefined();
    expect(JSON.parse(abandoned!)).toMatchObject({ drains: [{ endpointId }] });
    // It came first, a few seconds after the signal (3 s, and the steps before it on a loaded machine);
    // the parts given up later are named too.
    expect((JSON.parse(abandoned!) as { time: number }).time - signalledAt).toBeLessThan(12_000);
    expect(child.output()).toMatch(/"abandoned":\[[^\]]*"database"/);
    expect(child.output()).toContain('"msg":"stopped"');

    // Nothing recorded: the delivery is still pending under the dead process's lease, which runs out
    // (WEBHOOK_TIMEOUT_SECONDS + 5 s); a process on a working connection then sends it again.
    const delivery = await gateway.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
    expect(delivery.status).toBe('PENDING');
    receiver.handler = null;
    const before = receiver.requests.length;
    resumer = await startGatewayProcess(env(database.url), [], 60_000);
    await eventually(
      async () => (await gateway.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId } })).status === 'SUCCEEDED',
      30_000,
      'the resend by another process',
    );
    expect(receiver.requests.slice(before).map((request) => request.headers['webhook-id'])).toContain(`evt_${delivery.eventId}`);
  });
});
