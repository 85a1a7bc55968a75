// The Auth0 side: the shared rate-limit pacer and the connected IdentityProvider (a tenant or the emulator).
import { connectIdentityProvider, type ConnectedIdentityProvider } from '../auth0/connect.ts';
import { RateLimitPacer } from '../auth0/rate-limit-pacer.ts';
import type { PrismaClient } from '../db/prisma-client.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import { localGatewayFile, runningLocalGateway } from './local-gateway.ts';
import { Auth0CredentialTracker, observedAuth0Fetch } from '../observability/auth0-http-observer.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';

export function createPacer(env: Env, prisma: PrismaClient, logger: Logger, metrics: () => GatewayMetrics): RateLimitPacer | undefined {
  if (!env.auth0.pacing) return undefined;
  return new RateLimitPacer(prisma, {
    onError: (error) => logger.warn({ err: error }, 'Auth0 pacing unavailable; calling unpaced'),
    onWait: (group, ms) => metrics().pacerWaited(group, ms),
  });
}

export async function connectIdentity(
  env: Env,
  logger: Logger,
  options: {
    embeddedEmulator: 'start' | 'reuse' | undefined;
    pacer: () => Promise<RateLimitPacer | undefined>;
    auth0Fetch: typeof fetch | undefined;
    metrics: () => GatewayMetrics;
    credentials: Auth0CredentialTracker;
  },
): Promise<ConnectedIdentityProvider> {
  const target = options.embeddedEmulator === 'start' ? env.auth0.target : await runningEmulatorTarget(env);
  const paced = await options.pacer();
  return connectIdentityProvider({ ...env, auth0: { ...env.auth0, target } }, logger, {
    ...(paced ? { pacer: paced } : {}),
    ...(options.auth0Fetch ? { fetch: options.auth0Fetch } : {}),
    observe: (send) => observedAuth0Fetch(send, { metrics: options.metrics(), credentials: options.credentials }),
  });
}

/** The in-process emulator lives in the running gateway: CLIs read that one, never a new empty one. */
async function runningEmulatorTarget(env: Env): Promise<Env['auth0']['target']> {
  const target = env.auth0.target;
  if (target.kind !== 'embedded-emulator') return target;
  // The gateway of this checkout says where its emulator listens (it may not be on AUTH0_EMULATOR_PORT as set here).
  const running = await runningLocalGateway(env);
  const url = running?.emulatorUrl ?? `http://127.0.0.1:${target.port}`;
  // Log lines name the setting or file the URL came from, not AUTH0_EMULATOR_URL, which is unset here.
  const source = running?.emulatorUrl ? `the gateway running in this checkout, PID ${running.pid}, noted in ${localGatewayFile(env)}` : `AUTH0_EMULATOR_PORT=${target.port}`;
  const reachable = await fetch(`${url}/.well-known/jwks.json`).then((response) => response.ok, () => false);
  if (!reachable) {
    throw new Error(
      `No Auth0 configured and no emulator answers at ${url}: start the gateway (npm start), or set AUTH0_EMULATOR_URL or AUTH0_DOMAIN.`,
    );
  }
  return { kind: 'external-emulator', url, clientId: target.clientId, clientSecret: target.clientSecret, source };
}
