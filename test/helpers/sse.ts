// A GraphQL-over-SSE client for tests ("distinct connections" mode, as graphql-yoga serves it): one POST
// with `Accept: text/event-stream` per subscription, read over real HTTP with fetch.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { print } from 'graphql';
import type { App } from '../../src/app.ts';
import type { GraphQLResponse } from './gateway.ts';

export interface SseSubscription<T> {
  status: number;
  /** The next `next` event's payload; undefined once the stream has completed (or the server closed it). */
  next(timeoutMs?: number): Promise<Omit<GraphQLResponse<T>, 'status'> | undefined>;
  /** Every event until the stream completes. */
  rest(timeoutMs?: number): Promise<Omit<GraphQLResponse<T>, 'status'>[]>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

export async function subscribe<TResult, TVariables>(
  baseUrl: string,
  request: { document: TypedDocumentNode<TResult, TVariables>; variables: TVariables; token?: string },
): Promise<SseSubscription<TResult>> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    signal: abort.signal,
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
    },
    body: JSON.stringify({ query: print(request.document), variables: request.variables }),
  });
  type Event = Omit<GraphQLResponse<TResult>, 'status'>;
  const queue: Event[] = [];
  const waiting: ((event: Event | undefined) => void)[] = [];
  let done = false;
  let endStream!: () => void;
  const ended = new Promise<void>((resolve) => (endStream = resolve));
  const finish = () => {
    done = true;
    endStream();
    for (const resolve of waiting.splice(0)) resolve(undefined);
  };
  const deliver = (event: Event) => {
    const resolve = waiting.shift();
    if (resolve) resolve(event);
    else queue.push(event);
  };

  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    // An error before the stream started (e.g. 401): a plain JSON result.
    deliver((await response.json()) as Event);
    finish();
  } else {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        const reader = response.body!.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          buffer += decoder.decode(read.value, { stream: true });
          let boundary: number;
          while ((boundary = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const lines = block.split('\n');
            const type = lines.find((line) => line.startsWith('event:'))?.slice(6).trim();
            const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
            if (type === 'complete') return;
            if (data) deliver(JSON.parse(data) as Event);
          }
        }
      } catch {
        // aborted or reset: the stream is over
      } finally {
        finish();
      }
    })();
  }

  const next = (timeoutMs = 15_000) => {
    const queued = queue.shift();
    if (queued || done) return Promise.resolve(queued);
    return new Promise<Event | undefined>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
      waiting.push((event) => {
        clearTimeout(timer);
        resolve(event);
      });
    });
  };
  return {
    status: response.status,
    next,
    async rest(timeoutMs = 30_000) {
      const events: Event[] = [];
      const deadline = Date.now() + timeoutMs;
      for (let event = await next(timeoutMs); event; event = await next(Math.max(1, deadline - Date.now()))) events.push(event);
      return events;
    },
    ended,
    close: () => abort.abort(),
  };
}

/** Serves a test gateway's app on a loopback port: subscriptions need a real HTTP connection. */
export async function serveOverHttp(app: App): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on right now (for a child gateway process). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
