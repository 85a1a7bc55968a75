// SCIM's answers: application/scim+json, and errors in its error schema (RFC 7644 §3.12) with scimType.
import type { DomainError, RateLimitedError } from '../services/errors.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType = 'uniqueness' | 'invalidFilter' | 'invalidValue' | 'mutability' | 'noTarget' | 'invalidSyntax' | 'invalidPath' | 'tooMany';

/** A refusal the client can act on; its detail never carries a value the client sent. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ScimError';
  }
}

export function scimResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers } });
}

export function errorResponse(error: ScimError): Response {
  return scimResponse(
    { schemas: [ERROR_SCHEMA], status: String(error.status), ...(error.scimType ? { scimType: error.scimType } : {}), detail: error.detail },
    error.status,
    error.headers,
  );
}

/** The services' typed outcomes as SCIM errors (their messages are secret-free by rule). */
export function fromDomainError(error: DomainError): ScimError {
  switch (error.code) {
    case 'EMAIL_ALREADY_USED':
    case 'USER_NAME_ALREADY_USED':
    case 'EXTERNAL_ID_ALREADY_USED':
    case 'ALREADY_EXISTS':
    case 'EMAIL_TAKEN_IN_AUTH0':
      return new ScimError(409, error.message, 'uniqueness');
    case 'EMPLOYEE_NOT_FOUND':
      return new ScimError(404, 'No such user');
    case 'EMPLOYEE_OUT_OF_REACH':
    case 'ROLE_NOT_GRANTABLE':
    case 'EMAIL_CHANGE_NOT_ALLOWED':
    case 'SCHEDULE_NOT_ALLOWED':
      return new ScimError(403, `${error.message} (beyond this SCIM token's reach or maxRole); nothing was changed`);
    case 'RATE_LIMITED':
      return rateLimited((error as RateLimitedError).retryAfter);
    case 'AUTH0_UNAVAILABLE':
      return new ScimError(503, error.message);
    default:
      return new ScimError(400, error.message, 'invalidValue');
  }
}

/** 429 with Retry-After (whole seconds): the token's share of Auth0-bound changes is spent (CALLER_LIMIT_POINTS). */
export function rateLimited(retryAfter: Date): ScimError {
  const seconds = Math.max(1, Math.ceil((retryAfter.getTime() - Date.now()) / 1000));
  return new ScimError(429, `Too many changes from this SCIM token; retry after ${seconds} s (nothing was changed)`, undefined, { 'retry-after': String(seconds) });
}
