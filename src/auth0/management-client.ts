// Builds the one long-lived ManagementClient per process. One instance means one cached M2M token
// (the SDK caches per instance and refreshes 10 s before expiry): creating clients per request is the
// classic cause of token-endpoint 429 storms.
import { createManagementAuth, ManagementClient } from 'auth0';
import { decodeJwt } from 'jose';
import { pacedFetch, type RateLimitPacer } from './rate-limit-pacer.ts';

/** How the application authenticates at the token endpoint: a shared secret, or a private key (private_key_jwt, RFC 7523). */
export type ManagementCredentials = { clientSecret: string } | { clientAssertion: { signingKey: string; alg: string } };

export type ManagementClientSettings = ManagementCredentials & {
  /** Bare host the SDK addresses (`tenant.eu.auth0.com`, or the emulator's `127.0.0.1:PORT`). */
  domain: string;
  clientId: string;
  timeoutSeconds: number;
  maxRetries: number;
  /**
   * Set for the emulator: the SDK always speaks https://<domain>, so requests (token endpoint
   * included) are rewritten to this plain-HTTP base URL.
   */
  rewriteToBaseUrl?: string;
  /** The fetch the SDK uses (tests observe requests through it); global fetch by default. */
  fetch?: typeof fetch;
  /** Paces Management API calls from the rate-limit headers (shared through PostgreSQL); none when absent. */
  pacer?: RateLimitPacer;
  /** Wraps the fetch that sends (inside the pacer, so each real request and retry is seen): metrics, credential state. */
  observe?: (send: typeof fetch) => typeof fetch;
};

/** The SDK's client, plus the access token it uses (whose `scope` claim says what the client grant allows). */
export class GatewayManagementClient extends ManagementClient {
  constructor(
    options: ManagementClient.ManagementClientOptionsWithToken,
    readonly accessToken: () => Promise<string>,
  ) {
    super(options);
  }

  /** The scopes of the current token (fetching one if none is cached): what Auth0 granted this application. */
  async grantedScopes(): Promise<string[]> {
    const { scope } = decodeJwt(await this.accessToken());
    return typeof scope === 'string' ? scope.split(' ').filter(Boolean) : [];
  }
}

export function createManagementClient(settings: ManagementClientSettings): GatewayManagementClient {
  const send = paced(settings, observed(settings, settings.rewriteToBaseUrl
    ? rewritingFetch(`https://${settings.domain}`, settings.rewriteToBaseUrl, settings.fetch ?? fetch)
    : (settings.fetch ?? fetch)));
  const { clientAssertion } = settings as { clientAssertion?: { signingKey: string; alg: string } };
  const credentials = clientAssertion
    ? { clientAssertionSigningKey: clientAssertion.signingKey, clientAssertionSigningAlg: clientAssertion.alg }
    : { clientSecret: (settings as { clientSecret: string }).clientSecret };
  // The same token cache the SDK would build inside the client, held here so its token can be read.
  const auth = createManagementAuth({ domain: settings.domain, clientId: settings.clientId, ...credentials, telemetry: false, fetch: send });
  return new GatewayManagementClient(
    { domain: settings.domain, token: auth.getToken, timeoutInSeconds: settings.timeoutSeconds, maxRetries: settings.maxRetries, telemetry: false, fetch: send },
    auth.getToken,
  );
}

/** Every request the SDK sends (its own retries included) goes through the pacer first. */
function paced(settings: ManagementClientSettings, send: typeof fetch): typeof fetch {
  return settings.pacer ? pacedFetch(settings.pacer, settings.domain, send) : send;
}

function observed(settings: ManagementClientSettings, send: typeof fetch): typeof fetch {
  return settings.observe ? settings.observe(send) : send;
}

/**
 * The long-lived client, and a way to swap it for one that fetches a new token. auth0 SDK 7 caches the
 * client-credentials token inside each ManagementClient (its TokenProvider is internal: no public call
 * drops the cached token), so a fresh token means a fresh client. Used once per 401: a rotated secret or
 * a revoked grant gets one new token and one retry before the call counts as failed.
 */
export class RenewableManagementClient {
  private client: ManagementClient;

  constructor(private readonly build: () => ManagementClient) {
    this.client = build();
  }

  get current(): ManagementClient {
    return this.client;
  }

  /** Replaces `stale` by a new client (once, however many concurrent calls saw it fail) and returns the current one. */
  renew(stale: ManagementClient): ManagementClient {
    if (this.client === stale) this.client = this.build();
    return this.client;
  }
}

/** Points https://<domain> at the emulator's plain-HTTP base URL (the SDKs always speak https). */
export function rewritingFetch(fromOrigin: string, toBaseUrl: string, send: typeof fetch): typeof fetch {
  const rewrite = (url: string) => (url.startsWith(fromOrigin) ? toBaseUrl + url.slice(fromOrigin.length) : url);
  return (input, init) => {
    if (input instanceof Request) return send(new Request(rewrite(input.url), input), init);
    return send(rewrite(input instanceof URL ? input.href : input), init);
  };
}
