// What a SCIM handler works with: the request, the caller as the services see it, the bound services.
import type { Services } from '../composition/services.ts';
import type { Actor } from '../services/audit-trail.ts';
import type { DomainError } from '../services/errors.ts';
import { fromDomainError } from './scim-errors.ts';

export interface ScimRequest {
  request: Request;
  url: URL;
  /** `scim:<token name>`, with the token's permissions and role ceiling. */
  actor: Actor;
  services: Services;
  /** `<origin>/scim/v2`, for Location and meta.location. */
  baseUrl: string;
  /** The JSON body, the password already dropped (never stored, logged, audited or sent to Auth0). */
  body(): Promise<unknown>;
}

/** The service's employee, or its typed refusal thrown as the SCIM error that says it. */
export function unwrap<T>(outcome: T): Exclude<T, Error> {
  if (outcome instanceof Error) throw fromDomainError(outcome as unknown as DomainError);
  return outcome as Exclude<T, Error>;
}
