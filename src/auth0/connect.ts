// Chooses where Management API calls go (a real tenant, an emulator already running, or one started
// in-process) and builds the single long-lived SDK client for it. The emulator package is a dev
// dependency, loaded only when the emulator runs in-process: a real tenant or an emulator already running
// (AUTH0_EMULATOR_URL) never imports it.
import { randomBytes } from 'node:crypto';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { AccountMetadataShape, IdentityDirectory, IdentityGrant, IdentityProvider, IdentityUserRemoval } from '../services/identity-provider.ts';
import { Auth0IdentityProvider } from './auth0-identity-provider.ts';
import { Auth0CredentialState } from './auth0-credential-state.ts';
import { createInvitationSender } from './invitation-client.ts';
import { createManagementClient, RenewableManagementClient, type ManagementClientSettings, type ManagementCredentials } from './management-client.ts';
import type { RateLimitPacer } from './rate-limit-pacer.ts';
import type { CallerTokenSettings } from '../auth/caller-token.ts';
import { ROLE_PERMISSIONS } from '../auth/permissions.ts';
import { DOCUMENTED_MANAGEMENT_SCOPES } from '../services/management-scopes.ts';
import { portInUse } from '../startup-error.ts';
import { EMULATOR_DEFAULT_API_AUDIENCE, EMULATOR_DEFAULT_CLIENT_ID, EMULATOR_DEFAULT_CLIENT_SECRET, mintEmulatorToken } from './emulator-endpoint.ts';

export interface ConnectedIdentityProvider {
  provider: IdentityProvider & IdentityDirectory & AccountMetadataShape & IdentityUserRemoval & IdentityGrant;
  /** Human-readable target, safe to log and show (never contains a credential). */
  label: string;
  /** Who issues callers' access tokens: the tenant, or the emulator (which mints them for development). */
  callerTokens: CallerTokenSettings;
  /**
   * Emulator only: mints a development caller token (manager permissions) so GraphiQL works out of the
   * box. A real tenant issues tokens through its own login flows, so there is none.
   */
  mintDevCallerToken?: () => Promise<string>;
  /** Whether Auth0 accepts the gateway's Management API credentials (for /health and /ready). */
  credentials: Auth0CredentialState;
  /** The emulator's base URL when Auth0 is one (what `npm run token` and the CLIs reach). */
  emulatorUrl?: string;
  /**
   * The in-process emulator only: its tenant log goes to the gateway's log-stream webhook with this
   * generated Authorization value, once the gateway listens (`deliverTo`), as a configured tenant's would.
   */
  logStream?: { authorization: string; deliverTo(url: string): void };
  close: () => Promise<void>;
}

export async function connectIdentityProvider(
  env: Env,
  logger: Logger,
  options: { pacer?: RateLimitPacer; fetch?: typeof fetch; observe?: (send: typeof fetch) => typeof fetch } = {},
): Promise<ConnectedIdentityProvider> {
  const { target, connection, timeoutSeconds, maxRetries, podfactoryEmailMetadata } = env.auth0;
  const clientOptions = {
    timeoutSeconds,
    maxRetries,
    ...(options.pacer ? { pacer: options.pacer } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.observe ? { observe: options.observe } : {}),
  };
  const credentials = new Auth0CredentialState({ logger });
  // One Management API client (renewed only after a 401) and the invitation sender, for the same
  // application and the same place (the tenant or the emulator).
  const adapter = (settings: ManagementClientSettings) =>
    new Auth0IdentityProvider(new RenewableManagementClient(() => createManagementClient(settings)), {
      connection,
      podfactoryEmailMetadata,
      credentials,
      invitations: createInvitationSender({
        domain: settings.domain,
        clientId: settings.clientId,
        connection,
        timeoutSeconds,
        ...(settings.rewriteToBaseUrl ? { rewriteToBaseUrl: settings.rewriteToBaseUrl } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    });
  const callerTokens = (issuer: string, audience: string, newTokenHint?: string): CallerTokenSettings => ({
    issuer: env.callerAuth.issuer ?? issuer,
    audience: env.callerAuth.audience ?? audience,
    ...(env.callerAuth.jwksUrl ? { jwksUrl: env.callerAuth.jwksUrl } : {}),
    ...(newTokenHint ? { newTokenHint } : {}),
  });
  /** An emulator (already running, or started here) answering at `url` in Auth0's place. */
  const atEmulator = (emulator: {
    url: string;
    clientId: string;
    credentials: ManagementCredentials;
    issuer: string;
    audience: string;
    which: string;
    close: () => Promise<void>;
  }): ConnectedIdentityProvider => {
    const provider = adapter({
      ...clientOptions,
      domain: new URL(emulator.url).host,
      clientId: emulator.clientId,
      ...emulator.credentials,
      rewriteToBaseUrl: emulator.url,
    });
    warnEmulator(logger, emulator.url, emulator.which);
    return {
      provider,
      credentials,
      label: `Auth0 EMULATOR at ${emulator.url}`,
      emulatorUrl: emulator.url,
      callerTokens: callerTokens(emulator.issuer, emulator.audience, EMULATOR_NEW_TOKEN_HINT),
      mintDevCallerToken: () => mintDevToken(emulator.url),
      close: emulator.close,
    };
  };
  switch (target.kind) {
    case 'tenant': {
      const provider = adapter({ ...clientOptions, ...target });
      logger.info({ domain: target.domain }, 'using Auth0 tenant');
      return {
        provider,
        credentials,
        label: `Auth0 tenant ${target.domain}`,
        // env validation requires AUTH_AUDIENCE with a tenant.
        callerTokens: callerTokens(`https://${target.domain}/`, env.callerAuth.audience ?? ''),
        close: async () => undefined,
      };
    }
    case 'external-emulator': {
      // No import of the emulator package here (see emulator-endpoint.ts): it is running elsewhere.
      return atEmulator({
        url: target.url,
        clientId: target.clientId ?? EMULATOR_DEFAULT_CLIENT_ID,
        credentials: target.clientAssertion ? { clientAssertion: target.clientAssertion } : { clientSecret: target.clientSecret ?? EMULATOR_DEFAULT_CLIENT_SECRET },
        issuer: `${target.url}/`,
        audience: EMULATOR_DEFAULT_API_AUDIENCE,
        which: `an already running emulator (${target.source ?? 'AUTH0_EMULATOR_URL'})`,
        close: async () => undefined,
      });
    }
    case 'embedded-emulator': {
      const emulatorPackage = await import('@employee-gateway/auth0-emulator');
      const emulator = await emulatorPackage
        .startEmulator({
          port: target.port,
          callerRoles: ROLE_PERMISSIONS,
          // The README's least-privilege list, so development runs with what a real tenant grants.
          managementScopes: DOCUMENTED_MANAGEMENT_SCOPES,
          // The tenant survives restarts of npm start, like the embedded database beside it.
          stateFile: target.stateFile,
          ...(env.callerAuth.audience ? { apiAudience: env.callerAuth.audience } : {}),
          ...(target.clientId ? { clientId: target.clientId } : {}),
          ...(target.clientSecret ? { clientSecret: target.clientSecret } : {}),
        })
        .catch((error: unknown) => {
          throw portInUse(error, target.port, 'AUTH0_EMULATOR_PORT', 'another npm start or npm run emulator? AUTH0_EMULATOR_URL can point at a running one');
        });
      const connected = atEmulator({
        url: emulator.url,
        clientId: emulator.clientId,
        credentials: target.clientAssertion ? { clientAssertion: target.clientAssertion } : { clientSecret: emulator.clientSecret },
        issuer: emulator.issuer,
        audience: emulator.apiAudience,
        which: 'the in-process emulator (no AUTH0_DOMAIN configured)',
        close: () => emulator.close(),
      });
      const authorization = env.provisioning.logStreamAuthorization ?? randomBytes(24).toString('base64url');
      return {
        ...connected,
        logStream: {
          authorization,
          deliverTo: (url) => {
            emulator.configure({ logStream: { url, authorization, format: 'lines' } });
            logger.info({ url }, 'the in-process emulator streams its tenant log to the gateway (employees turn VERIFIED when they set their password)');
          },
        },
      };
    }
  }
}

const EMULATOR_NEW_TOKEN_HINT = 'mint a new one with `npm run token -- --role manager` (GraphiQL: reload the page)';

async function mintDevToken(emulatorUrl: string): Promise<string> {
  return mintEmulatorToken(emulatorUrl, {
    sub: 'auth0|dev-manager',
    permissions: [...ROLE_PERMISSIONS.manager],
    expiresIn: 7 * 24 * 3600,
  });
}

function warnEmulator(logger: Logger, url: string, which: string): void {
  logger.warn(
    { auth0EmulatorUrl: url },
    `NOT TALKING TO A REAL AUTH0: Management API calls go to ${which} at ${url}. Set AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (or AUTH0_CLIENT_ASSERTION_KEY_FILE) for a real tenant.`,
  );
}
