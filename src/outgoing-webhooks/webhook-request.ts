// One POST to a receiver through node:http(s) rather than fetch: only http.request takes a `lookup`, which
// is where a private address is refused at connect time (webhook-address.ts). Redirects are not followed
// (a 3xx is a failure), and the whole exchange, body included, is bounded by the timeout.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface ReceiverAnswer {
  status: number | null;
  /** At most the first 1000 characters of the answer. */
  body: string | null;
  /** Why no answer came (timeout, refused, private address). */
  error: string | null;
}

const BODY_LIMIT = 1000;

export function postEvent(url: string, headers: Record<string, string>, body: string, timeoutMs: number, lookup?: LookupFunction): Promise<ReceiverAnswer> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? https.request : http.request;
    let settled = false;
    const finish = (answer: ReceiverAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const request = send(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, ...(lookup ? { lookup } : {}) }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (text.length < BODY_LIMIT) text += chunk;
      });
      response.on('end', () => finish({ status: response.statusCode ?? null, body: text.slice(0, BODY_LIMIT), error: null }));
      response.on('error', (error) => finish({ status: response.statusCode ?? null, body: text.slice(0, BODY_LIMIT), error: error.message }));
    });
    const timer = setTimeout(() => {
      finish({ status: null, body: null, error: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, body: null, error: error.code ? `${error.code}: ${error.message}` : error.message }));
    request.end(body);
  });
}
