import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LogStreamEmitter,
  sapiEvent,
  ssEvent,
  svEvent,
  svrEvent,
  type LogStreamSettings,
  type TenantLogEvent,
} from '../../src/log-stream.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

const open: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

/** A webhook receiver answering with `statuses` in turn (then 200). */
async function receiver(statuses: number[] = []): Promise<Receiver> {
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle = {
    url: `http://127.0.0.1:${port}/auth0-logs`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(handle);
  return handle;
}

function emitter(settings: LogStreamSettings | null, opts: ConstructorParameters<typeof LogStreamEmitter>[1] = {}) {
  const e = new LogStreamEmitter(settings, { batchDelayMs: 5, retryDelayMs: 5, ...opts });
  open.push({ close: () => e.close() });
  return e;
}

const source = { tenant: 'emulator', client_id: 'cid123', client_name: 'Gateway', ip: '10.0.0.7', user_agent: 'vitest' };
const user = {
  user_id: 'auth0|65a1b2c3d4e5f60718293a4b',
  email: 'jane@example.com',
  connection: 'Username-Password-Authentication',
  connection_id: 'con_abc',
};

describe('LogStreamEmitter formats', () => {
  it('sends JSON lines with the raw Authorization value and application/json', async () => {
    const r = await receiver();
    const e = emitter({ url: r.url, authorization: 'stream-secret', format: 'lines' });
    const sent = [e.emit({ type: 'ss' }), e.emit({ type: 'sv' }), e.emit({ type: 'svr' })];
    await e.flush();

    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    expect(request!.headers['authorization']).toBe('stream-secret');
    expect(request!.headers['content-type']).toBe('application/json');
    const lines = request!.body.split('\n').map((line) => JSON.parse(line) as TenantLogEvent);
    expect(lines).toEqual(sent);
    expect(lines.map((l) => l.data['type'])).toEqual(['ss', 'sv', 'svr']);
  });

  it('sends a JSON array', async () => {
    const r = await receiver();
    const e = emitter({ url: r.url, format: 'array' });
    const sent = [e.emit({ type: 'ss' }), e.emit({ type: 'sapi' })];
    await e.flush();
    expect(JSON.parse(r.requests[0]!.body)).toEqual(sent);
    expect(r.requests[0]!.headers['authorization']).toBeUndefined();
  });

  it('sends a JSON object with a logs array', async () => {
    const r = await receiver();
    const e = emitter({ url: r.url, format: 'object', contentType: 'application/x-ndjson' });
    const sent = [e.emit({ type: 'sv' })];
    await e.flush();
    expect(JSON.parse(r.requests[0]!.body)).toEqual({ logs: sent });
    expect(r.requests[0]!.headers['content-type']).toBe('application/x-ndjson');
  });
});

describe('LogStreamEmitter envelopes', () => {
  it('assigns unique 56-digit log ids, repeats them in data and stamps a date', () => {
    const e = emitter(null);
    const a = e.emit({ type: 'ss' });
    const b = e.emit({ type: 'ss', date: '2021-11-03T03:21:19.503Z' });
    expect(a.log_id).toMatch(/^900\d{53}$/);
    expect(b.log_id).not.toBe(a.log_id);
    expect(b.log_id > a.log_id).toBe(true);
    expect(a.data['log_id']).toBe(a.log_id);
    expect(Date.parse(a.data['date'] as string)).not.toBeNaN();
    expect(b.data['date']).toBe('2021-11-03T03:21:19.503Z');
  });

  it('masks any password in the data it is given', () => {
    const e = emitter(null);
    const event = e.emit({ type: 'sapi', details: { request: { body: { email: 'a@b.c', password: 'Secret#123' } } } });
    expect(JSON.stringify(event)).not.toContain('Secret#123');
    expect(event.data['details']).toEqual({ request: { body: { email: 'a@b.c', password: '*****' } } });
  });
});

describe('LogStreamEmitter delivery', () => {
  it('returns from emit before anything is sent, then batches', async () => {
    const r = await receiver();
    const e = emitter({ url: r.url, format: 'array' }, { maxBatchSize: 2 });
    for (let i = 0; i < 5; i += 1) e.emit({ type: 'sapi', n: i });
    expect(r.requests).toHaveLength(0);
    await e.flush();
    expect(r.requests.map((req) => (JSON.parse(req.body) as unknown[]).length)).toEqual([2, 2, 1]);
    expect(e.stats()).toMatchObject({ emitted: 5, delivered: 5, dropped: 0 });
  });

  it('delivers on its own after the batch delay, without flush', async () => {
    const r = await receiver();
    const e = emitter({ url: r.url, format: 'lines' });
    e.emit({ type: 'ss' });
    await expect.poll(() => r.requests.length, { timeout: 2000 }).toBe(1);
  });

  it('retries a batch that failed twice and delivers it on the third attempt (at least once)', async () => {
    const r = await receiver([500, 503]);
    const e = emitter({ url: r.url, format: 'lines' });
    const sent = e.emit({ type: 'sv' });
    await e.flush();
    expect(r.requests).toHaveLength(3);
    for (const request of r.requests) expect(JSON.parse(request.body)).toEqual(sent);
    expect(e.stats()).toMatchObject({ delivered: 1, dropped: 0, attempts: 3, failedAttempts: 2 });
  });

  it('drops a batch after maxAttempts failures and carries on with the next', async () => {
    const r = await receiver([500, 500, 500]);
    const e = emitter({ url: r.url, format: 'array' }, { maxBatchSize: 1 });
    e.emit({ type: 'dropped' });
    e.emit({ type: 'kept' });
    await e.flush();
    expect(r.requests).toHaveLength(4);
    expect(JSON.parse(r.requests[3]!.body)[0].data.type).toBe('kept');
    expect(e.stats()).toMatchObject({ delivered: 1, dropped: 1, attempts: 4, failedAttempts: 3 });
  });

  it('survives a receiver that is not listening', async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    const e = emitter({ url, format: 'lines' }, { maxAttempts: 2 });
    expect(() => e.emit({ type: 'ss' })).not.toThrow();
    await e.flush();
    expect(e.stats()).toMatchObject({ delivered: 0, dropped: 1, attempts: 2 });
  });

  it('treats a slow receiver as a failure after the request timeout', async () => {
    const server = createServer(() => undefined); // never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    open.push({
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    const { port } = server.address() as AddressInfo;
    const e = emitter({ url: `http://127.0.0.1:${port}/`, format: 'lines' }, { maxAttempts: 1, requestTimeoutMs: 50 });
    e.emit({ type: 'ss' });
    await e.flush();
    expect(e.stats()).toMatchObject({ dropped: 1, failedAttempts: 1 });
  });

  it('sends nothing without a stream, and follows configure()', async () => {
    const r = await receiver();
    const e = emitter(null);
    e.emit({ type: 'lost' });
    await e.flush();
    e.configure({ url: r.url, format: 'array' });
    e.emit({ type: 'sent' });
    await e.flush();
    e.configure(null);
    e.emit({ type: 'lost-again' });
    await e.flush();
    expect(r.requests).toHaveLength(1);
    expect(JSON.parse(r.requests[0]!.body)[0].data.type).toBe('sent');
  });

  it('close() delivers what is queued and ignores later events', async () => {
    const r = await receiver();
    const e = new LogStreamEmitter({ url: r.url, format: 'array' }, { batchDelayMs: 10_000 });
    e.emit({ type: 'queued' });
    await e.close();
    e.emit({ type: 'after-close' });
    await e.flush();
    expect(r.requests).toHaveLength(1);
    expect(JSON.parse(r.requests[0]!.body)).toHaveLength(1);
  });
});

describe('event builders', () => {
  it('ssEvent has the signup shape with the password masked', () => {
    const data = ssEvent({ ...source, date: '2021-11-03T03:21:19.503Z' }, user);
    expect(data).toEqual({
      date: '2021-11-03T03:21:19.503Z',
      type: 'ss',
      description: '',
      connection: 'Username-Password-Authentication',
      connection_id: 'con_abc',
      client_id: 'cid123',
      client_name: 'Gateway',
      ip: '10.0.0.7',
      user_agent: 'vitest',
      details: {
        body: {
          client_id: 'cid123',
          tenant: 'emulator',
          email: 'jane@example.com',
          password: '*****',
          connection: 'Username-Password-Authentication',
        },
      },
      user_id: 'auth0|65a1b2c3d4e5f60718293a4b',
      user_name: 'jane@example.com',
      strategy: 'auth0',
      strategy_type: 'database',
    });
  });

  it('svEvent describes the verified email with the ticket and query', () => {
    const data = svEvent(source, user, 'TICKET123');
    expect(data).toMatchObject({
      type: 'sv',
      description: 'Your email was verified. You can continue using the application.',
      user_id: user.user_id,
      user_name: user.email,
      connection: user.connection,
      strategy: 'auth0',
      strategy_type: 'database',
      details: {
        title: 'Email Verification',
        email: user.email,
        body: { ticket: 'TICKET123', tenant: 'emulator' },
        query: { email: user.email, user_id: user.user_id, connection: user.connection, client_id: 'cid123' },
      },
    });
    expect(Date.parse(data['date'] as string)).not.toBeNaN();
  });

  it('svrEvent names the user and the job', () => {
    expect(svrEvent(source, user, 'job_abc')).toMatchObject({
      type: 'svr',
      user_id: user.user_id,
      user_name: user.email,
      details: { to: user.email, job_id: 'job_abc' },
    });
  });

  it('sapiEvent records request and response, masks passwords and picks a description', () => {
    const data = sapiEvent(source, {
      method: 'POST',
      path: '/api/v2/users',
      route: '/api/v2/users',
      body: { email: 'jane@example.com', password: 'Secret#123', connection: 'Username-Password-Authentication' },
      statusCode: 201,
      responseBody: { user_id: user.user_id },
      scopes: ['create:users'],
    });
    expect(JSON.stringify(data)).not.toContain('Secret#123');
    expect(data).toMatchObject({
      type: 'sapi',
      description: 'Create a user',
      client_id: 'cid123',
      details: {
        request: { method: 'post', path: '/api/v2/users', body: { password: '*****' } },
        response: { statusCode: 201, body: { user_id: user.user_id } },
      },
    });
    expect(sapiEvent(source, { method: 'PATCH', path: '/api/v2/users/x', route: '/api/v2/users/:id', statusCode: 200 })['description']).toBe(
      'Update a user',
    );
  });
});
