// A local HTTP receiver for outgoing-webhook tests: records every request (headers and raw body) and
// answers what the test says (204 by default), or hands the request to a real handler (the example).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ReceivedRequest {
  headers: Record<string, string>;
  body: string;
  at: number;
}

export interface RecordingReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** What to answer next (status), or a handler that answers itself. */
  answer: ((request: ReceivedRequest) => number) | null;
  handler: ((request: IncomingMessage, response: ServerResponse, body: string) => void | Promise<void>) | null;
  /** Stops listening (the receiver is down) until start() again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRecordingReceiver(port = 0): Promise<RecordingReceiver> {
  let server: Server | null = null;
  const receiver: RecordingReceiver = {
    url: '',
    port,
    requests: [],
    answer: null,
    handler: null,
    async start() {
      server = createServer(async (request, response) => {
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        const received = { headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
        receiver.requests.push(received);
        if (receiver.handler) {
          // The example handler reads the body from the request stream: hand it a replay.
          const { Readable } = await import('node:stream');
          const replay = Object.assign(Readable.from([Buffer.from(received.body)]), { headers: request.headers }) as unknown as IncomingMessage;
          await receiver.handler(replay, response, received.body);
          return;
        }
        response.writeHead(receiver.answer ? receiver.answer(received) : 204).end('ok');
      });
      await new Promise<void>((resolve) => server!.listen(receiver.port, '127.0.0.1', resolve));
      receiver.port = (server!.address() as { port: number }).port;
      receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
    },
    async stop() {
      const closing = server;
      server = null;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
  await receiver.start();
  return receiver;
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
