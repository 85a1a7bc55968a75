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
}

export function createManagementClient(settings: ManagementClientSettings): ManagementClient {
  return new ManagementClient({
    domain: settings.domain,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    timeoutInSeconds: settings.timeoutSeconds,
    maxRetries: settings.maxRetries,
    telemetry: false,
    ...(settings.rewriteToBaseUrl ? { fetch: rewritingFetch(`https://${settings.domain}`, settings.rewriteToBaseUrl) } : {}),
  });
}

function rewritingFetch(fromOrigin: string, toBaseUrl: string): typeof fetch {
  const rewrite = (url: string) => (url.startsWith(fromOrigin) ? toBaseUrl + url.slice(fromOrigin.length) : url);
  return (input, init) => {
    if (input instanceof Request) return fetch(new Request(rewrite(input.url), input), init);
    return fetch(rewrite(input instanceof URL ? input.href : input), init);
  };
}
