// Every Prometheus series this process exposes lives in one registry per gateway (never prom-client's
// global one: tests build several gateways in one process). Label values come only from bounded sets:
// fixed status words, route templates, Auth0 error codes that look like codes, queue kinds. Never an
// email, an id or a message.
//
// To add a series (e.g. the kill switch's state), add it here, or call `gaugeOnScrape` with a reader
// that is run on every scrape.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** How long a reader run on scrape may take before its gauge is left empty for this scrape. */
const SCRAPE_READ_TIMEOUT_MS = 2_000;

export class GatewayMetrics {
  readonly registry = new Registry();

  /** The plan's four names. */
  readonly userCreations = new Counter({
    name: 'auth0_user_creation_total',
    help: 'Auth0 user creations (POST /api/v2/users) by outcome: success, conflict_linked (409, our user, linked), email_taken (409, someone else), failure (rejected, final), retryable_failure (429, 5xx, timeout, network; retried).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly userCreationDuration = new Histogram({
    name: 'auth0_user_creation_duration_seconds',
    help: 'Time Auth0 took to answer each user-creation request (POST /api/v2/users; each SDK retry is one request, the pacing wait is not included).',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly tokenRefreshes = new Counter({
    name: 'auth0_token_refresh_total',
    help: 'Client-credentials token fetches (POST /oauth/token) the auth0 SDK made, by outcome: success, rejected (401/403), failure (other status), unreachable (no answer).',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  readonly apiErrors = new Counter({
    name: 'auth0_api_errors_total',
    help: 'Auth0 responses with status >= 400, and requests without an answer (status "none"), by route template and Auth0 error code.',
    labelNames: ['status', 'error_code', 'route'] as const,
    registers: [this.registry],
  });

  /** Auth0 traffic and pacing. */
  readonly apiRequests = new Counter({
    name: 'auth0_api_requests_total',
    help: 'Requests the auth0 SDK sent (each retry counts), by route template and status class.',
    labelNames: ['route', 'status_class'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'auth0_rate_limited_total',
    help: '429 Too Many Requests answers seen from Auth0, by route template.',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });
  readonly pacerWaits = new Counter({
    name: 'auth0_pacer_waits_total',
    help: 'Management API calls the pacer held back because the shared rate-limit bucket was empty.',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  readonly pacerWaitSeconds = new Counter({
    name: 'auth0_pacer_wait_seconds_total',
    help: 'Total time calls waited for the pacer.',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });

  /** Callers held to their share (src/services/caller-limits.ts). */
  readonly callerRateLimited = new Counter({
    name: 'caller_rate_limited_total',
    help: 'Auth0-bound changes refused because the caller used up its share (CALLER_LIMIT_POINTS per CALLER_LIMIT_WINDOW_SECONDS), by operation: create, import, resend, update.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  /** Provisioning. */
  readonly timeToCreated = new Histogram({
    name: 'provisioning_time_to_created_seconds',
    help: 'Time from createEmployee (or import) storing the employee to its Auth0 account being CREATED.',
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });
  readonly employeeOutcomes = new Counter({
    name: 'provisioning_employee_outcomes_total',
    help: 'Employees whose provisioning ended, by outcome: created (reached CREATED) or failed (FAILED). One per employee and ending; the success objective is created / all.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly attemptFailures = new Counter({
    name: 'provisioning_attempt_failures_total',
    help: 'Provisioning attempts that failed, by whether they will be retried (retryable) or not (final).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  /** The mass-deprovisioning guard's decisions in this process (held ones also in scim_held_deactivations). */
  readonly scimDeactivations = new Counter({
    name: 'scim_deactivations_total',
    help: 'Deactivations requested through SCIM by outcome: deactivated (applied at once), held (beyond SCIM_DEPROVISION_LIMIT, waiting for an admin).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Outgoing webhooks; `endpoint` is an endpoint id (a handful, made by admins). */
  readonly webhookDeliveries = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by endpoint id and outcome: success (2xx), failure (other answer or none; retried), gone (410: endpoint disabled), expired (retries ran out).',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  pacerWaited(bucket: string, ms: number): void {
    this.pacerWaits.inc({ bucket });
    this.pacerWaitSeconds.inc({ bucket }, ms / 1000);
  }

  /**
   * A gauge whose values are read on each scrape (`read` returns one entry per label set). A reader that
   * fails or takes longer than 2 s leaves the gauge empty for that scrape instead of failing /metrics.
   */
  gaugeOnScrape<L extends string>(
    config: { name: string; help: string; labelNames: readonly L[] },
    read: () => Promise<{ labels: Record<L, string>; value: number }[]>,
  ): Gauge<L> {
    return new Gauge<L>({
      ...config,
      registers: [this.registry],
      async collect() {
        this.reset();
        const values = await withTimeout(read(), SCRAPE_READ_TIMEOUT_MS).catch(() => []);
        for (const { labels, value } of values) this.set(labels as Partial<Record<L, string>>, value);
      },
    });
  }

  /** The text a scrape gets, and its content type. */
  async scrape(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
