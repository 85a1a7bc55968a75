// Serves the built manager console (examples/manager-console, `npm run build:console`) under /console,
// with the gateway's settings (the development caller token in emulator mode) injected into its page,
// as GraphiQL gets them. Only outside production; a missing build answers with how to make it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'graphql-yoga';

export const CONSOLE_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/manager-console/dist');
export const CONSOLE_PERSISTED_DOCUMENTS = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../examples/manager-console/src/generated/persisted-documents.json',
);

export interface ConsoleOptions {
  /** The built console (index.html and assets/). */
  dir: string;
  /** Caller token the page starts with (emulator mode only). */
  token?: string;
  identityProviderLabel: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

export function serveConsole(options: ConsoleOptions): Plugin {
  return {
    // Synchronous for every other path: an async hook costs each GraphQL request a promise and a tick.
    onRequest(payload) {
      const { pathname } = payload.url;
      if (pathname !== '/console' && !pathname.startsWith('/console/')) return;
      return serveFile(payload);
    },
  };

  async function serveFile({ url, request, endResponse, fetchAPI }: Parameters<NonNullable<Plugin['onRequest']>>[0]): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
      return;
    }
    if (url.pathname === '/console') {
      endResponse(new fetchAPI.Response(null, { status: 308, headers: { location: '/console/' } }));
      return;
    }
    const relative = decodeURIComponent(url.pathname.slice('/console/'.length)) || 'index.html';
    const file = path.resolve(options.dir, relative);
    if (!file.startsWith(options.dir + path.sep)) {
      endResponse(new fetchAPI.Response('Not found', { status: 404 }));
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      const missingBuild = relative === 'index.html';
      endResponse(
        new fetchAPI.Response(missingBuild ? 'The manager console is not built: run `npm run build:console` (npm install does).' : 'Not found', {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (relative === 'index.html') {
      const config = JSON.stringify({ identityProvider: options.identityProviderLabel, ...(options.token ? { token: options.token } : {}) });
      const html = body.toString('utf8').replace('<!--gateway-config-->', `<script>window.__GATEWAY__ = ${config.replaceAll('<', '\\u003c')};</script>`);
      endResponse(new fetchAPI.Response(html, { headers: { 'content-type': type, 'cache-control': 'no-store' } }));
      return;
    }
    endResponse(new fetchAPI.Response(new Uint8Array(body), { headers: { 'content-type': type, 'cache-control': 'public, max-age=3600' } }));
  }
}
