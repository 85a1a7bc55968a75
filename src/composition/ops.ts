// /health, /ready and /metrics: the gauges read at scrape time, the readiness checks, the start-up Auth0 probe.
import type { ConnectedIdentityProvider } from '../auth0/connect.ts';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { PgBossQueue } from '../jobs/pg-boss-queue.ts';
import type { Logger } from '../logger.ts';
import type { Auth0CredentialTracker } from '../observability/auth0-http-observer.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { OpsEndpoints } from '../observability/ops-server.ts';
import {
  registerEmployeeStatusGauge,
  registerHeldDeactivationsGauge,
  registerOnboardingGauges,
  registerQueueGauges,
  registerWebhookGauges,
} from '../observability/provisioning-gauges.ts';
import { Auth0Probe, databaseCheck, queueCheck, runReadinessChecks, type ReadinessCheck } from '../observability/readiness.ts';
import { EmployeeRole } from '../generated/prisma/enums.ts';
import { auth0RoleName } from '../services/employee-input.ts';
import { GATEWAY_MANAGEMENT_SCOPES } from '../services/management-scopes.ts';
import {
  provisioningEnabledGaugeValue,
  provisioningSwitchCheck,
  type ProvisioningSwitch,
} from '../services/provisioning/provisioning-switch.ts';

export function buildOpsEndpoints(parts: {
  role: 'gateway' | 'worker';
  prisma: PrismaClient;
  queue: PgBossQueue;
  identity: ConnectedIdentityProvider;
  live: ProvisioningSwitch;
  metrics: GatewayMetrics;
  credentials: Auth0CredentialTracker;
  readinessChecks: ReadinessCheck[];
  logger: Logger;
}): OpsEndpoints {
  const { role, prisma, queue, identity, live, metrics, logger } = parts;
  registerEmployeeStatusGauge(metrics, prisma);
  registerOnboardingGauges(metrics, prisma);
  registerQueueGauges(metrics, prisma, queue);
  registerHeldDeactivationsGauge(metrics, prisma);
  registerWebhookGauges(metrics, prisma);
  metrics.gaugeOnScrape(
    { name: 'provisioning_enabled', help: 'The kill switch as this process follows it: 1 on, 0 off (setProvisioningEnabled).', labelNames: [] },
    async () => [{ labels: {}, value: provisioningEnabledGaugeValue(live) }],
  );
  const { issuer, jwksUrl } = identity.callerTokens;
  const probe = new Auth0Probe({
    directory: identity.provider,
    requiredRoles: Object.values(EmployeeRole).map(auth0RoleName),
    grant: identity.provider,
    requiredScopes: GATEWAY_MANAGEMENT_SCOPES,
    credentials: parts.credentials,
    credentialState: identity.credentials,
    // The kill switch stops every Management API call, the probe's included.
    probeManagementApi: () => live.isEnabled(),
    ...(role === 'gateway' ? { jwksUrl: jwksUrl ?? `${issuer.replace(/\/?$/, '/')}.well-known/jwks.json` } : {}),
    logger,
    label: identity.label,
  });
  // Once at start, in the background: a wrong tenant or secret is logged loudly without delaying the start.
  void probe.run();
  parts.readinessChecks.unshift(
    databaseCheck(prisma),
    queueCheck(queue),
    probe.credentialsCheck,
    probe.rolesCheck,
    probe.scopesCheck,
    ...(role === 'gateway' ? [probe.jwksCheck] : []),
    provisioningSwitchCheck(live),
  );
  return {
    metrics: () => metrics.scrape(),
    ready: () => runReadinessChecks(parts.readinessChecks),
    health: { identityProvider: identity.label },
  };
}
