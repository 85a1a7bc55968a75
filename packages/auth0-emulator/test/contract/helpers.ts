// Shared set-up for the emulator's contract tests: one emulator per file, the official SDK pointed at
// it exactly as the gateway does (a fetch that rewrites https://<domain> to the plain-HTTP base URL),
// and raw-HTTP helpers for what the SDK cannot express.
import { ManagementClient } from 'auth0';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/index.ts';
import { EmulatorControl } from '../../src/control-client.ts';

export const CONNECTION = 'Username-Password-Authentication';
/** A small caller-role table (`startEmulator({ callerRoles })`) for the tests that mint caller tokens by role. */
export const TEST_CALLER_ROLES = {
  associate: ['read:self'],
  lead: ['read:self', 'read:team'],
  admin: ['read:self', 'read:team', 'write:team', 'read:audit'],
};
/** Passes the seeded policy (good, 8+, not common, no personal data). */
export const STRONG_PASSWORD = 'Tr0ub4dor&3-Horse';

export interface EmulatorUnderTest {
  emulator: RunningEmulator;
  control: EmulatorControl;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorUnderTest> {
  // searchLagMs 0 by default here: tests that are about the lag set it themselves.
  const emulator = await startEmulator({ port: 0, ...options, config: { searchLagMs: 0, ...options.config } });
  return { emulator, control: new EmulatorControl(emulator.url) };
}

export interface TestEmulator extends EmulatorUnderTest {
  /** A Management API token fetched once in beforeAll (the signing key survives resets); '' with `token: false`. */
  token: string;
}

/**
 * Registers the per-file hooks: start one emulator (and fetch a Management API token) before all tests,
 * close it after, reset its state before each test. The returned object is filled in by beforeAll.
 */
export function useTestEmulator(options: EmulatorOptions & { token?: boolean } = {}): TestEmulator {
  const { token: withToken = true, ...emulatorOptions } = options;
  const t = { token: '' } as TestEmulator;
  beforeAll(async () => {
    Object.assign(t, await startTestEmulator(emulatorOptions));
    if (withToken) t.token = await managementToken(t.emulator);
  });
  afterAll(async () => {
    await t.emulator?.close();
  });
  beforeEach(async () => {
    await t.control.reset();
  });
  return t;
}

export interface SentRequest {
  at: number;
  method: string;
  url: string;
  tag: string | null;
  status: number | null;
  /** Epoch ms when the response (or the network error) arrived. */
  doneAt?: number;
  error?: string;
  headers?: Headers;
}

export interface SdkOptions {
  maxRetries?: number;
  timeoutInSeconds?: number;
  clientId?: string;
  clientSecret?: string;
  /** Every attempt the SDK makes, in order (retries included). */
  sent?: SentRequest[];
}

/** Rewrites https://<domain> to the emulator's base URL whatever the SDK hands fetch: string, URL or Request. */
export function rewritingFetch(emulator: RunningEmulator, sent?: SentRequest[]): typeof fetch {
  const from = `https://${emulator.domain}`;
  const rewrite = (url: string) => (url.startsWith(from) ? emulator.url + url.slice(from.length) : url);
  return async (input, init) => {
    const request = input instanceof Request ? new Request(rewrite(input.url), input) : new Request(rewrite(String(input)), init);
    const entry: SentRequest = {
      at: Date.now(),
      method: request.method,
      url: request.url,
      tag: request.headers.get('x-test-call'),
      status: null,
    };
    sent?.push(entry);
    try {
      const response = await fetch(request);
      entry.doneAt = Date.now();
      entry.status = response.status;
      entry.headers = response.headers;
      return response;
    } catch (error) {
      entry.doneAt = Date.now();
      entry.error = error instanceof Error ? error.message : String(error);
      throw error;
    }
  };
}

export function sdk(emulator: RunningEmulator, options: SdkOptions = {}): ManagementClient {
  return new ManagementClient({
    domain: emulator.domain,
    clientId: options.clientId ?? emulator.clientId,
    clientSecret: options.clientSecret ?? emulator.clientSecret,
    fetch: rewritingFetch(emulator, options.sent),
    maxRetries: options.maxRetries ?? 0,
    timeoutInSeconds: options.timeoutInSeconds ?? 10,
    telemetry: false,
  });
}

let counter = 0;
export function uniqueEmail(prefix = 'employee'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@warehouse-example.com`;
}

/** A Management API access token from /oauth/token, as raw HTTP. */
export async function managementToken(emulator: RunningEmulator, scope?: string): Promise<string> {
  const response = await fetch(`${emulator.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      audience: emulator.managementAudience,
      ...(scope ? { scope } : {}),
    }),
  });
  if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** Raw HTTP against the emulator; `json` is sent as application/json. */
export async function api(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${emulator.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Creates a user through the API (raw HTTP) and returns its JSON. */
export async function createUser(emulator: RunningEmulator, token: string, fields: Record<string, unknown> = {}): Promise<any> {
  const response = await api(emulator, 'POST', '/api/v2/users', {
    token,
    json: { connection: CONNECTION, email: uniqueEmail(), password: STRONG_PASSWORD, ...fields },
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
  return response.body;
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
