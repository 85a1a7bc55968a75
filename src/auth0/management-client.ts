// Builds the one long-lived ManagementClient per process. One instance means one cached M2M token
// (the SDK caches per instance and refreshes 10 s before expiry): creating clients per request is the
// classic cause of token-endpoint 429 storms.
import { ManagementClient } from 'auth0';

export interface ManagementClientSettings {
  /** Bare host the SDK addresses (`tenant.eu.auth0.com`, or the emulator's `127.0.0.1:PORT`). */
  domain: string;
  clientId: string;
  clientSecret: string;
  timeoutSeconds: number;
  maxRetries: number;
  /**
   * Set for the emulator: the SDK always speaks https://<domain>, so requests (token endpoint
   * included) are rewritten to this plain-HTTP base URL.
   */
  rewriteToBaseUrl?: string;
  /** The fetch the SDK uses (tests observe requests through it); global fetch by default. */
  fetch?: typeof fetch;
}

export function createManagementClient(settings: ManagementClientSettings): ManagementClient {
  return new ManagementClient({
    domain: settings.domain,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    timeoutInSeconds: settings.timeoutSeconds,
    maxRetries: settings.maxRetries,
    telemetry: false,
    fetch: settings.rewriteToBaseUrl
      ? rewritingFetch(`https://${settings.domain}`, settings.rewriteToBaseUrl, settings.fetch ?? fetch)
      : (settings.fetch ?? fetch),
  });
}

function rewritingFetch(fromOrigin: string, toBaseUrl: string, send: typeof fetch): typeof fetch {
  const rewrite = (url: string) => (url.startsWith(fromOrigin) ? toBaseUrl + url.slice(fromOrigin.length) : url);
  return (input, init) => {
    if (input instanceof Request) return send(new Request(rewrite(input.url), input), init);
    return send(rewrite(input instanceof URL ? input.href : input), init);
  };
}
