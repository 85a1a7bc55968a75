// Auth0's Custom Webhook log stream (https://auth0.com/docs/customize/log-streams/custom-log-streams):
// tenant log events POSTed as `{log_id, data}` envelopes, in small batches, at least once. Receivers
// must cope with duplicates and with any order; this emitter retries a failed batch (network error or
// non-2xx) up to `maxAttempts` times and then drops it, as Auth0 does after its three attempts. emit()
// never blocks and nothing here throws into the emulator's request handling.
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LogStreamSettings {
  url: string;
  /** Sent verbatim as the Authorization header (Auth0 adds no "Bearer " prefix). */
  authorization?: string;
  format: 'lines' | 'array' | 'object';
  /**
   * Auth0 lets the stream owner pick the Content-Type independently of the format, and the
   * dashboard's default is application/json for all three formats (captured stream settings show
   * `httpContentFormat: "JSONLINES"` with `httpContentType: "application/json"`), so JSON lines are
   * not sent as application/x-ndjson unless configured.
   */
  contentType?: string;
}

export interface TenantLogEvent {
  log_id: string;
  data: Record<string, unknown>;
}

export interface LogStreamOptions {
  /** How long emit() waits to gather a batch. */
  batchDelayMs?: number;
  retryDelayMs?: number;
  maxAttempts?: number;
  maxBatchSize?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
}

export interface LogStreamStats {
  emitted: number;
  delivered: number;
  dropped: number;
  attempts: number;
  failedAttempts: number;
}

const MASK = '*****';

export class LogStreamEmitter {
  private settings: LogStreamSettings | null;
  private readonly batchDelayMs: number;
  private readonly retryDelayMs: number;
  private readonly maxAttempts: number;
  private readonly maxBatchSize: number;
  private readonly requestTimeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private queue: TenantLogEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private sequence = 0;
  private readonly counters: LogStreamStats = { emitted: 0, delivered: 0, dropped: 0, attempts: 0, failedAttempts: 0 };

  constructor(settings: LogStreamSettings | null, opts: LogStreamOptions = {}) {
    this.settings = settings;
    this.batchDelayMs = opts.batchDelayMs ?? 50;
    this.retryDelayMs = opts.retryDelayMs ?? 1000;
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 3);
    this.maxBatchSize = Math.max(1, opts.maxBatchSize ?? 100);
    this.requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  configure(settings: LogStreamSettings | null): void {
    this.settings = settings;
    if (settings === null) {
      // With no stream there is nowhere to deliver what is waiting.
      this.counters.dropped += this.queue.length;
      this.queue = [];
      this.clearTimer();
    }
  }

  emit(data: Record<string, unknown>): TenantLogEvent {
    const log_id = this.nextLogId();
    let masked: Record<string, unknown>;
    try {
      masked = maskPasswords(data) as Record<string, unknown>;
    } catch {
      masked = { ...data }; // a cyclic object; it will fail to serialize and be dropped, not thrown
    }
    // Streamed events repeat log_id inside data (seen in every captured sample).
    const event: TenantLogEvent = { log_id, data: { date: new Date().toISOString(), ...masked, log_id } };
    this.counters.emitted += 1;
    if (this.settings && !this.closed) {
      this.queue.push(event);
      this.schedule();
    }
    return event;
  }

  /** Resolves once everything queued so far was delivered or dropped. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.queue.length === 0) return;
      this.clearTimer();
      this.start();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    this.clearTimer();
  }

  stats(): LogStreamStats {
    return { ...this.counters };
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.start();
    }, this.batchDelayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(): void {
    if (this.running) return;
    this.running = this.pump()
      .catch(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.queue.length > 0 && !this.closed) this.schedule();
      });
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      await this.deliver(batch);
    }
  }

  private async deliver(batch: TenantLogEvent[]): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt += 1) {
      const settings = this.settings;
      if (!settings) break;
      this.counters.attempts += 1;
      try {
        const headers: Record<string, string> = { 'Content-Type': settings.contentType ?? 'application/json' };
        if (settings.authorization !== undefined) headers['Authorization'] = settings.authorization;
        const response = await this.fetchImpl(settings.url, {
          method: 'POST',
          headers,
          body: serialize(batch, settings.format),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
        });
        // Read the body so the keep-alive connection can be reused.
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.counters.delivered += batch.length;
          return;
        }
      } catch {
        // Connection refused, timeout, unserializable data: all count as a failed attempt.
      }
      this.counters.failedAttempts += 1;
      if (attempt < this.maxAttempts) await sleep(this.retryDelayMs);
    }
    this.counters.dropped += batch.length;
  }

  /**
   * 56 digits like Auth0's (`900` + UTC yyyyMMddHHmmssSSS + 36 more). The meaning of Auth0's tail is
   * unknown; here it is a 16-digit sequence number and 20 random digits, so ids are unique and sort
   * by emission order within one emulator run.
   */
  private nextLogId(): string {
    this.sequence += 1;
    const stamp = new Date().toISOString().replace(/[-:TZ.]/g, '');
    const random = String(randomInt(0, 10_000_000_000)).padStart(10, '0') + String(randomInt(0, 10_000_000_000)).padStart(10, '0');
    return `900${stamp}${String(this.sequence).padStart(16, '0')}${random}`;
  }
}

/** The request body for one batch in the stream's content format (https://auth0.com/docs/customize/log-streams/custom-log-streams). */
export function serialize(batch: readonly TenantLogEvent[], format: LogStreamSettings['format']): string {
  switch (format) {
    case 'lines':
      // One envelope per line, no trailing newline (unconfirmed; receivers split on "\n").
      return batch.map((event) => JSON.stringify(event)).join('\n');
    case 'array':
      return JSON.stringify(batch);
    case 'object':
      return JSON.stringify({ logs: batch });
  }
}

// ---------------------------------------------------------------------------------------------
// Event builders. Shapes follow real streamed events (observed: the test samples of Elastic's Auth0
// integration, https://github.com/elastic/integrations/tree/main/packages/auth0/data_stream/logs/_dev/test/pipeline;
// event codes: https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes). Auth0's log schema also
// lists tenant_name/environment_name, but the streamed samples do not carry them, so neither do these.

export interface LogEventSource {
  /** Tenant name as it appears in details (e.g. `dev-yoj8axza`). */
  tenant: string;
  client_id: string;
  client_name: string;
  ip?: string;
  user_agent?: string;
  date?: Date | string;
}

export interface DatabaseUserRef {
  user_id: string;
  email: string;
  connection: string;
  connection_id: string;
}

/** `ss` Success Signup. The password is never included; Auth0 logs it as `*****`. */
export function ssEvent(source: LogEventSource, user: DatabaseUserRef): Record<string, unknown> {
  return {
    ...header('ss', '', source),
    connection: user.connection,
    connection_id: user.connection_id,
    ...origin(source),
    details: {
      body: {
        client_id: source.client_id,
        tenant: source.tenant,
        email: user.email,
        password: MASK,
        connection: user.connection,
      },
    },
    ...userFields(user),
  };
}

/** `sv` Success Verification Email: the user opened the verification link. */
export function svEvent(source: LogEventSource, user: DatabaseUserRef, ticket: string): Record<string, unknown> {
  return {
    ...header('sv', 'Your email was verified. You can continue using the application.', source),
    connection: user.connection,
    connection_id: user.connection_id,
    ...origin(source),
    details: {
      title: 'Email Verification',
      email: user.email,
      body: { ticket, tenant: source.tenant },
      query: {
        email: user.email,
        user_id: user.user_id,
        tenant: source.tenant,
        client_id: source.client_id,
        connection: user.connection,
        idp_user_id: null,
        resultUrl: null,
        includeEmailInRedirect: false,
      },
    },
    ...userFields(user),
  };
}

/**
 * `scpr` Success Change Password Request: `POST /dbconnections/change_password` queued the email. The
 * code is from the log-code table; description and details are guesses (no streamed sample was found).
 */
export function scprEvent(source: LogEventSource, user: DatabaseUserRef): Record<string, unknown> {
  return {
    ...header('scpr', '', source),
    connection: user.connection,
    connection_id: user.connection_id,
    ...origin(source),
    details: { email_type: 'change_password', to: user.email },
    ...userFields(user),
  };
}

/**
 * `fcpr` Failed Change Password Request: `POST /dbconnections/change_password` was refused. The code is
 * from the log-code table; the fields follow `scpr` (the user's id only when the address has an account).
 */
export function fcprEvent(
  source: LogEventSource,
  request: { email: string; connection: string; connectionId: string; userId?: string },
  description: string,
): Record<string, unknown> {
  return {
    ...header('fcpr', description, source),
    connection: request.connection,
    connection_id: request.connectionId,
    ...origin(source),
    details: { email_type: 'change_password', to: request.email },
    ...(request.userId ? { user_id: request.userId } : {}),
    user_name: request.email,
    strategy: 'auth0',
    strategy_type: 'database',
  };
}

/**
 * `scp` Success Change Password: the user set a password through the emailed link. The code is from the
 * log-code table; the description and details follow `sv`'s sample and are guesses.
 */
export function scpEvent(source: LogEventSource, user: DatabaseUserRef, ticket: string): Record<string, unknown> {
  return {
    ...header('scp', 'Password changed successfully', source),
    connection: user.connection,
    connection_id: user.connection_id,
    ...origin(source),
    details: {
      title: 'Password Change',
      email: user.email,
      body: { ticket, tenant: source.tenant, password: MASK },
    },
    ...userFields(user),
  };
}

/**
 * `svr` Success Verification Email Request: a verification email was queued. The description is the
 * log-code table's wording and the details shape is a guess (no streamed sample was found).
 */
export function svrEvent(source: LogEventSource, user: DatabaseUserRef, jobId?: string): Record<string, unknown> {
  return {
    ...header('svr', 'Successfully called verification email endpoint. Verification email in queue to send', source),
    connection: user.connection,
    connection_id: user.connection_id,
    ...origin(source),
    details: {
      email_type: 'verify_email',
      to: user.email,
      ...(jobId ? { job_id: jobId } : {}),
    },
    ...userFields(user),
  };
}

export interface ManagementCall {
  method: string;
  /** Concrete request path, e.g. `/api/v2/users/auth0%7C123`. */
  path: string;
  /** Route template used to pick a default description, e.g. `/api/v2/users/:id`. */
  route?: string;
  description?: string;
  query?: Record<string, unknown>;
  body?: unknown;
  statusCode: number;
  responseBody?: unknown;
  /** Scopes of the calling token, shown in details.request.auth.credentials. */
  scopes?: string[];
  /** Present when a person (not a machine-to-machine client) made the call. */
  user_id?: string;
}

/** `sapi` Success API Operation: a Management API write (POST/PATCH/PUT/DELETE). */
export function sapiEvent(source: LogEventSource, call: ManagementCall): Record<string, unknown> {
  const userAgent = source.user_agent ?? 'unknown';
  return {
    ...header('sapi', call.description ?? sapiDescription(call.method, call.route ?? call.path), source),
    ...origin(source),
    details: {
      request: {
        method: call.method.toLowerCase(),
        path: call.path,
        query: call.query ?? {},
        userAgent,
        body: maskPasswords(call.body ?? {}),
        // Guess: the dashboard's calls show channel "https://manage.auth0.com/"; machine clients "api".
        channel: 'api',
        ip: source.ip ?? '127.0.0.1',
        auth: {
          user: {},
          strategy: 'jwt',
          credentials: { client_id: source.client_id, scopes: call.scopes ?? [] },
        },
      },
      response: { statusCode: call.statusCode, body: maskPasswords(call.responseBody ?? {}) },
    },
    ...(call.user_id ? { user_id: call.user_id } : {}),
  };
}

// Descriptions are the Management API's operation summaries (the captured samples read "Create a
// log stream", "Update a log stream"); the ones below for our routes are guesses in that style.
const SAPI_DESCRIPTIONS: Record<string, string> = {
  'POST /api/v2/users': 'Create a user',
  'PATCH /api/v2/users/:id': 'Update a user',
  'DELETE /api/v2/users/:id': 'Delete a user',
  'POST /api/v2/users/:id/roles': 'Assign roles to a user',
  'DELETE /api/v2/users/:id/roles': 'Removes roles from a user',
  'POST /api/v2/roles': 'Create a role',
  'POST /api/v2/roles/:id/users': 'Assign users to a role',
  'POST /api/v2/jobs/verification-email': 'Send an email address verification email',
  'POST /api/v2/tickets/email-verification': 'Create an email verification ticket',
  'POST /api/v2/tickets/password-change': 'Create a password change ticket',
};

export function sapiDescription(method: string, route: string): string {
  return SAPI_DESCRIPTIONS[`${method.toUpperCase()} ${route}`] ?? `${method.toUpperCase()} ${route}`;
}

function header(type: string, description: string, source: LogEventSource): Record<string, unknown> {
  const date = source.date instanceof Date ? source.date.toISOString() : (source.date ?? new Date().toISOString());
  return { date, type, description };
}

function origin(source: LogEventSource): Record<string, unknown> {
  return {
    client_id: source.client_id,
    client_name: source.client_name,
    ip: source.ip ?? '127.0.0.1',
    user_agent: source.user_agent ?? 'unknown',
  };
}

function userFields(user: DatabaseUserRef): Record<string, unknown> {
  return { user_id: user.user_id, user_name: user.email, strategy: 'auth0', strategy_type: 'database' };
}

/** Deep copy with every `password` value replaced by `*****`, as Auth0 logs them. */
export function maskPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPasswords);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = key === 'password' && inner !== undefined && inner !== null ? MASK : maskPasswords(inner);
  }
  return out;
}
