// A small route table: `:param` templates matched segment by segment, the route's kind deciding which
// pipeline stages apply (control and public routes skip faults, auth and rate limits).
import type { IncomingHttpHeaders } from 'node:http';
import type { JWTPayload } from 'jose';
import type { EmulatorConfig } from './config.ts';
import type { TenantLogs } from './tenant-logs.ts';
import type { TenantState } from './state.ts';
import type { TokenIssuer } from './tokens.ts';
import { pathError } from './errors.ts';

export interface EmulatorUrls {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** `127.0.0.1:PORT`: what the SDK gets as `domain`. */
  domain: string;
  /** `${url}/`: `iss` of every token. */
  issuer: string;
  /** `https://${domain}/api/v2/`, the audience the SDK asks for. */
  managementAudience: string;
  /** Every spelling of the Management API audience the token endpoint and bearer check accept. */
  managementAudiences: string[];
  apiAudience: string;
}

export interface Services {
  state: TenantState;
  tokens: TokenIssuer;
  urls: EmulatorUrls;
  logs: TenantLogs;
  config(): EmulatorConfig;
  /** Applies a config patch (validated) and returns the result; used by the control API. */
  configure(patch: unknown): EmulatorConfig;
  reset(): void;
  requestLog(): unknown;
}

/** The verified Management API token of the request. */
export interface Caller {
  clientId: string;
  clientName: string;
  scopes: string[];
  claims: JWTPayload;
}

export interface RequestContext {
  method: string;
  path: string;
  /** `METHOD /template` of the matched route. */
  routeKey: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON (or form, for the token endpoint); undefined when the request had no body. */
  body: unknown;
  ip: string;
  userAgent: string;
  caller: Caller | null;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as-is with this content type instead of JSON. */
  raw?: { contentType: string; text: string };
}

/** `authentication`: Authentication API endpoints other than the token endpoint (no bearer, faults apply). */
export type RouteKind = 'management' | 'token' | 'authentication' | 'control' | 'public';

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
  kind: RouteKind;
  /** Management routes: the token needs any one of these scopes. */
  scopes?: string[];
  handler(ctx: RequestContext, services: Services): HandlerResult | Promise<HandlerResult>;
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'not-found' };

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
}

export class Router {
  readonly routes: readonly RouteDefinition[];
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.routes = routes;
    this.compiled = routes.map((route) => ({ route, segments: route.template.split('/').slice(1) }));
  }

  routeKeys(): string[] {
    return this.routes.map((route) => `${route.method} ${route.template}`);
  }

  /** Throws a 400 ApiError when a path segment is not valid percent-encoding. */
  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').slice(1);
    for (const { route, segments: pattern } of this.compiled) {
      if (route.method !== method || pattern.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < pattern.length; i += 1) {
        const expected = pattern[i] as string;
        const actual = segments[i] as string;
        if (expected.startsWith(':')) {
          if (actual === '') {
            matched = false;
            break;
          }
          params[expected.slice(1)] = decodeSegment(actual, expected.slice(1));
        } else if (expected !== actual) {
          matched = false;
          break;
        }
      }
      if (matched) return { kind: 'found', route, params };
    }
    return { kind: 'not-found' };
  }
}

function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw pathError(`Invalid percent-encoding: ${segment}`, name);
  }
}
