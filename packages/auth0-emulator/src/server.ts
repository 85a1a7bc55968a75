// The request pipeline. Order matters and mirrors where each behaviour sits in front of a real tenant:
// request log → control/public routes → faults (latency, outage, random 5xx) → bearer auth → rate
// limit → payload parsing → handler → commit-then-fail. Every failure is an Auth0-shaped JSON body;
// nothing a client sends can crash the process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { mergeConfig, type EmulatorConfig } from './config.ts';
import { ApiError, authApiError, managementBody, managementError, reasonPhrase, unauthorized, type JsonBody } from './errors.ts';
import { Faults } from './faults.ts';
import { RateLimiter, rateLimitHeaders, rateLimitedBody } from './rate-limit.ts';
import { RequestLog, type RequestOutcome } from './request-log.ts';
import type { Caller, EmulatorUrls, HandlerResult, RequestContext, RouteDefinition, Services } from './router.ts';
import { Router } from './router.ts';
import { controlRoutes } from './routes/control.ts';
import { dbConnectionRoutes } from './routes/dbconnections.ts';
import { emailRoutes } from './routes/email.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { roleRoutes } from './routes/roles.ts';
import { userRoutes } from './routes/users.ts';
import { TenantState, type SeedSettings } from './state.ts';
import { TenantLogs } from './tenant-logs.ts';
import type { TokenIssuer } from './tokens.ts';

/** All endpoints accept at most 1 MB payloads (https://auth0.com/docs/api/management/v2). */
export const MAX_BODY_BYTES = 1_048_576;
// Beyond this the upload is not even drained: the socket is cut.
const HARD_BODY_LIMIT = 16 * MAX_BODY_BYTES;

export const ALL_ROUTES: RouteDefinition[] = [...oauthRoutes, ...dbConnectionRoutes, ...userRoutes, ...roleRoutes, ...emailRoutes, ...controlRoutes];

export function knownRouteKeys(): string[] {
  return ALL_ROUTES.map((route) => `${route.method} ${route.template}`);
}

const INTERNAL_ERROR = managementBody(500, 'An internal server error occurred');

/** The client went away before its request was complete: nothing to answer, nothing to report. */
class ClientGone extends Error {}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  receivedAt: number;
  started: number;
  method: string;
  path: string;
  routeKey: string;
  /** Rate-limit headers, added to whatever the response turns out to be. */
  headers: Record<string, string>;
  answered: boolean;
}

export interface EmulatorAppDeps {
  urls: EmulatorUrls;
  tokens: TokenIssuer;
  seed: SeedSettings;
  initialConfig: EmulatorConfig;
  log?: (message: string, error?: unknown) => void;
}

export class EmulatorApp {
  readonly state: TenantState;
  readonly logs: TenantLogs;
  readonly requests = new RequestLog();
  private readonly router = new Router(ALL_ROUTES);
  private readonly limiter: RateLimiter;
  private readonly faults: Faults;
  private current: EmulatorConfig;
  private readonly services: Services;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly deps: EmulatorAppDeps;

  constructor(deps: EmulatorAppDeps) {
    this.deps = deps;
    this.current = structuredClone(deps.initialConfig);
    this.state = new TenantState(deps.seed);
    const gateway = this.state.clients.get(deps.seed.clientId);
    this.logs = new TenantLogs(() => this.state.logs, { id: deps.seed.clientId, name: gateway?.name ?? '' }, this.current.logStream);
    this.limiter = new RateLimiter({ preset: this.current.preset, timeScale: this.current.timeScale });
    this.faults = new Faults(() => this.current);
    this.log = deps.log ?? ((message, error) => console.error(`[auth0-emulator] ${message}`, error ?? ''));
    this.services = {
      state: this.state,
      tokens: deps.tokens,
      urls: deps.urls,
      logs: this.logs,
      config: () => this.current,
      configure: (patch) => this.configure(patch),
      reset: () => this.reset(),
      requestLog: () => this.requests.snapshot(),
    };
  }

  config(): EmulatorConfig {
    return structuredClone(this.current);
  }

  /** Validates and applies a patch (throws ConfigError); the same as `PUT /__emulator/config`. */
  configure(patch: unknown): EmulatorConfig {
    const next = mergeConfig(this.current, patch, this.router.routeKeys());
    const previous = this.current;
    this.current = next;
    if (next.preset !== previous.preset || next.timeScale !== previous.timeScale) {
      this.limiter.configure({ preset: next.preset, timeScale: next.timeScale });
    }
    if (JSON.stringify(next.logStream) !== JSON.stringify(previous.logStream)) this.logs.configure(next.logStream);
    this.faults.configured();
    return this.config();
  }

  /** Back to the seeded tenant and the initial config; the signing key (and so issued tokens) survives. */
  reset(): void {
    this.state.reset();
    this.requests.reset();
    this.current = structuredClone(this.deps.initialConfig);
    this.limiter.configure({ preset: this.current.preset, timeScale: this.current.timeScale });
    this.limiter.reset();
    this.logs.configure(this.current.logStream);
    this.faults.configured();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const exchange: Exchange = {
      req,
      res,
      receivedAt: Date.now(),
      started: performance.now(),
      method: (req.method ?? 'GET').toUpperCase(),
      path: '/',
      routeKey: '',
      headers: {},
      answered: false,
    };
    let kind: RouteDefinition['kind'] | null = null;
    try {
      const target = req.url ?? '/';
      // Split by hand: `new URL` would read a target like `//x` as a host.
      const queryStart = target.indexOf('?');
      const url = {
        pathname: queryStart < 0 ? target : target.slice(0, queryStart),
        searchParams: new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1)),
      };
      exchange.path = url.pathname;
      exchange.routeKey = `${exchange.method} ${url.pathname}`;
      if (target.length > this.current.maxUrlLength) {
        req.resume();
        throw managementError(414, 'Request-URI Too Large');
      }
      const raw = await readBody(req);
      if (raw === 'too-large') {
        throw new ApiError(413, managementBody(413, `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`), { Connection: 'close' });
      }
      const match = this.router.match(exchange.method, url.pathname);
      if (match.kind === 'not-found') throw managementError(404, 'Not Found');
      const { route, params } = match;
      kind = route.kind;
      exchange.routeKey = `${route.method} ${route.template}`;
      const ctx: RequestContext = {
        method: exchange.method,
        path: url.pathname,
        routeKey: exchange.routeKey,
        params,
        query: url.searchParams,
        headers: req.headers,
        body: undefined,
        ip: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: String(req.headers['user-agent'] ?? ''),
        caller: null,
      };
      if (route.kind === 'control' || route.kind === 'public') {
        ctx.body = parseJson(raw, req.headers['content-type']);
        await this.answer(exchange, await route.handler(ctx, this.services), 'ok', route.kind === 'public');
        return;
      }

      const delay = this.faults.latencyMs(route.method, route.template);
      if (delay > 0) await sleep(delay);
      const outage = this.faults.outage(route.method, route.template, Date.now());
      if (outage) {
        await this.answer(exchange, { status: outage.status, body: managementBody(outage.status, reasonPhrase(outage.status)) }, 'fault', true);
        return;
      }
      const injected = this.faults.injectedError(route.method, route.template);
      if (injected !== null) {
        const message = injected === 500 ? 'An internal server error occurred' : reasonPhrase(injected);
        await this.answer(exchange, { status: injected, body: managementBody(injected, message) }, 'fault', true);
        return;
      }

      if (route.kind === 'management') ctx.caller = await this.authenticate(req, route);

      const decision = this.limiter.consume(route.method, route.template);
      exchange.headers = rateLimitHeaders(decision);
      if (!decision.allowed) {
        const body = rateLimitedBody(decision, route.kind === 'management' ? 'management' : 'authentication');
        await this.answer(exchange, { status: 429, body }, 'rate-limited', true);
        return;
      }

      ctx.body = route.kind === 'token' || route.kind === 'authentication' ? parseTokenBody(raw, req.headers['content-type']) : parseJson(raw, req.headers['content-type']);
      const result = await route.handler(ctx, this.services);
      const isWrite = route.kind === 'management' && route.method !== 'GET';
      const succeeded = result.status >= 200 && result.status < 300;
      if (isWrite && succeeded && ctx.caller) {
        this.logs.managementWrite(
          { ip: ctx.ip, userAgent: ctx.userAgent, clientId: ctx.caller.clientId, clientName: ctx.caller.clientName },
          {
            method: ctx.method,
            path: ctx.path,
            route: route.template,
            query: Object.fromEntries(ctx.query),
            body: ctx.body,
            statusCode: result.status,
            responseBody: result.body,
            scopes: ctx.caller.scopes,
          },
        );
      }
      const trap = isWrite && succeeded ? this.faults.commitThenFail(route.method, route.template) : null;
      if (trap?.mode === 'drop') {
        this.drop(exchange);
        return;
      }
      if (trap) {
        await this.answer(exchange, { status: trap.status, body: managementBody(trap.status, reasonPhrase(trap.status)) }, 'commit-then-fail', true);
        return;
      }
      await this.answer(exchange, result, 'ok', true);
    } catch (error) {
      if (error instanceof ClientGone) {
        exchange.answered = true;
        req.destroy();
        return;
      }
      if (error instanceof ApiError) {
        await this.answer(exchange, { status: error.status, body: error.body, headers: error.headers }, 'ok', kind !== 'control');
        return;
      }
      this.log(`${exchange.method} ${exchange.path} failed`, error);
      const body = kind === 'token' || kind === 'authentication' ? { error: 'server_error', error_description: 'Internal error' } : INTERNAL_ERROR;
      await this.answer(exchange, { status: 500, body }, 'error', kind !== 'control');
    }
  }

  private async authenticate(req: IncomingMessage, route: RouteDefinition): Promise<Caller> {
    const header = req.headers.authorization;
    // "Missing authentication" is the hapi-auth wording Auth0's API answers with (unconfirmed).
    if (!header) throw unauthorized('Missing authentication');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw managementError(400, 'Bad HTTP authentication header format');
    // A control call invalidated it (as a signing-key rotation does to every token issued before it).
    if (this.state.invalidatedTokens.has(match[1] as string)) throw unauthorized('Invalid signature received for JSON Web Token validation');
    const verified = await this.deps.tokens.verify(match[1] as string);
    if (!verified.ok) {
      if (verified.reason === 'expired') throw unauthorized('Expired token received for JSON Web Token validation');
      if (verified.reason === 'signature') throw unauthorized('Invalid signature received for JSON Web Token validation');
      throw unauthorized('Invalid token');
    }
    const { payload } = verified;
    const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
    if (!audiences.some((aud) => this.deps.urls.managementAudiences.includes(aud))) {
      // Wording from community reports (a guess).
      throw unauthorized(`Bad audience: ${audiences.join(' ')}`);
    }
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
    const required = route.scopes ?? [];
    if (required.length > 0 && !required.some((scope) => scopes.includes(scope))) {
      throw managementError(403, `Insufficient scope, expected any of: ${required.join(',')}`, 'insufficient_scope');
    }
    const clientId = typeof payload.azp === 'string' ? payload.azp : String(payload.sub ?? '').replace(/@clients$/, '');
    return { clientId, clientName: this.state.clients.get(clientId)?.name ?? '', scopes, claims: payload };
  }

  private async answer(exchange: Exchange, result: HandlerResult, outcome: RequestOutcome, logged: boolean): Promise<void> {
    const { res } = exchange;
    if (exchange.answered || res.headersSent || res.destroyed) return;
    exchange.answered = true;
    const headers: Record<string, string> = { ...exchange.headers, ...(result.headers ?? {}) };
    let payload = '';
    if (result.raw) {
      headers['Content-Type'] = result.raw.contentType;
      payload = result.raw.text;
    } else if (result.body !== undefined && result.status !== 204) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      payload = JSON.stringify(result.body as JsonBody);
    }
    headers['Content-Length'] = String(Buffer.byteLength(payload));
    res.writeHead(result.status, headers);
    res.end(payload);
    if (logged) this.record(exchange, result.status, outcome);
  }

  /** Commit-then-fail, mode `drop`: the client sees the connection die with no response at all. */
  private drop(exchange: Exchange): void {
    exchange.answered = true;
    exchange.req.socket.destroy();
    this.record(exchange, 0, 'dropped');
  }

  private record(exchange: Exchange, status: number, outcome: RequestOutcome): void {
    this.requests.record({
      at: exchange.receivedAt,
      method: exchange.method,
      path: exchange.path,
      route: exchange.routeKey,
      status,
      durationMs: Math.round((performance.now() - exchange.started) * 100) / 100,
      outcome,
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > HARD_BODY_LIMIT) {
        req.socket.destroy();
        return;
      }
      // Past the limit the rest is drained and discarded so the client still reads the 413.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', () => reject(new ClientGone()));
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** Management/control payloads: JSON only; hapi's messages for the two failure cases (what Auth0 runs on). */
function parseJson(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!isJsonType(mediaType(contentType))) throw managementError(415, 'Unsupported Media Type');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw managementError(400, 'Invalid request payload JSON format');
  }
}

/** /oauth/token takes form or JSON bodies (https://auth0.com/docs/api/authentication); error wording is a guess. */
function parseTokenBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return {};
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (isJsonType(type)) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw authApiError(400, 'invalid_request', 'Invalid JSON body');
    }
  }
  throw authApiError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded or application/json');
}
