// Error bodies in the two shapes Auth0 uses: the Management API's `{statusCode, error, message, errorCode}`
// and the Authentication API's `{error, error_description}`. Handlers throw ApiError; the server
// turns it into the response, so a handler never writes an error body by hand.
import { STATUS_CODES } from 'node:http';

export type JsonBody = Record<string, unknown> | unknown[];

export class ApiError extends Error {
  readonly status: number;
  readonly body: JsonBody;
  readonly headers: Record<string, string>;

  constructor(status: number, body: JsonBody, headers: Record<string, string> = {}) {
    super(typeof (body as { message?: unknown }).message === 'string' ? String((body as { message: string }).message) : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.name = 'ApiError';
  }
}

/** Auth0's HTTP reason phrases follow hapi/boom; node's table matches them for every code used here. */
export function reasonPhrase(status: number): string {
  if (status === 413) return 'Request Entity Too Large';
  if (status === 414) return 'Request-URI Too Large';
  return STATUS_CODES[status] ?? 'Error';
}

export function managementBody(status: number, message: string, errorCode?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { statusCode: status, error: reasonPhrase(status), message };
  if (errorCode !== undefined) body.errorCode = errorCode;
  return body;
}

export function managementError(status: number, message: string, errorCode?: string): ApiError {
  return new ApiError(status, managementBody(status, message, errorCode));
}

/** 401s carry the message twice, once under `attributes.error` (observed bodies). */
export function unauthorized(message: string): ApiError {
  return new ApiError(401, { ...managementBody(401, message), attributes: { error: message } });
}

export function authApiError(status: number, error: string, description: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(status, { error, error_description: description, ...extra });
}

// The three validation families. The errorCodes `invalid_body`, `invalid_query_string` and `invalid_uri`
// are guesses (`invalid_body` seen only in third-party reports); the message prefixes are observed.
export function payloadError(detail: string, property?: string, description?: string): ApiError {
  return managementError(400, `Payload validation error: '${detail}'${onProperty(property, description)}.`, 'invalid_body');
}

export function queryError(detail: string, property?: string, description?: string): ApiError {
  return managementError(400, `Query validation error: '${detail}'${onProperty(property, description)}.`, 'invalid_query_string');
}

export function pathError(detail: string, property?: string, description?: string): ApiError {
  return managementError(400, `Path validation error: '${detail}'${onProperty(property, description)}.`, 'invalid_uri');
}

function onProperty(property: string | undefined, description: string | undefined): string {
  if (property === undefined) return '';
  return ` on property ${property}${description ? ` (${description})` : ''}`;
}

export const userNotFound = () => managementError(404, 'The user does not exist.', 'inexistent_user');
