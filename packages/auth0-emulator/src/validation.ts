// Request validation producing Auth0's `Payload validation error: '...' on property x (...)` family of
// messages (the wording of the detail part follows the JSON-schema validator Auth0 exposes; exact
// texts beyond the observed prefix are a guess).
import { payloadError, queryError } from './errors.ts';

export type FieldType = 'string' | 'boolean' | 'object' | 'array' | 'integer';

export interface FieldSpec {
  type: FieldType;
  nullable?: boolean;
  description: string;
}

export type ObjectSpec = Record<string, FieldSpec>;

export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Checks shape, unknown properties, required properties and types, in that order; returns the object. */
export function validateBody(body: unknown, spec: ObjectSpec, required: readonly string[] = []): Record<string, unknown> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw payloadError(`Expected type object but found type ${body === undefined ? 'null' : jsonType(body)}`);
  }
  const object = body as Record<string, unknown>;
  const unknown = Object.keys(object).filter((key) => !Object.hasOwn(spec, key));
  if (unknown.length > 0) throw payloadError(`Additional properties not allowed: ${unknown.join(',')}`);
  for (const key of required) {
    if (object[key] === undefined) throw payloadError(`Missing required property: ${key}`);
  }
  for (const [key, value] of Object.entries(object)) {
    const field = spec[key] as FieldSpec;
    if (value === null && field.nullable) continue;
    const actual = jsonType(value);
    if (actual !== field.type) throw payloadError(`Expected type ${field.type} but found type ${actual}`, key, field.description);
  }
  return object;
}

// Deliberately simple: one @, no spaces, a dot in the domain. Auth0's validator accepts a little more.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value) && value.length <= 254;
}

export function rejectUnknownQuery(query: URLSearchParams, allowed: readonly string[]): void {
  const unknown = [...new Set([...query.keys()])].filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw queryError(`Additional properties not allowed: ${unknown.join(',')}`);
}

export function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number, description: string): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw queryError(`Expected type integer but found type string`, name, description);
  const value = Number(raw);
  if (value < min) throw queryError(`Value ${value} is less than minimum ${min}`, name, description);
  if (value > max) throw queryError(`Value ${value} is greater than maximum ${max}`, name, description);
  return value;
}

export function booleanParam(query: URLSearchParams, name: string, fallback: boolean, description: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw queryError(`Expected type boolean but found type string`, name, description);
}

export interface Paging {
  page: number;
  perPage: number;
  includeTotals: boolean;
}

export function pagingParams(query: URLSearchParams, maxPerPage: number): Paging {
  return {
    page: integerParam(query, 'page', 0, 0, 100_000, 'Page index of the results to return. First page is 0.'),
    perPage: integerParam(query, 'per_page', 50, 1, maxPerPage, 'Number of results per page.'),
    includeTotals: booleanParam(query, 'include_totals', false, 'Return results inside an object that contains the total result count (true) or as a direct array of results (false, default).'),
  };
}

/** `fields` + `include_fields` projection of a user-like object. */
export function projectFields<T extends object>(value: T, query: URLSearchParams): Partial<T> | T {
  const fields = query.get('fields');
  if (!fields) return value;
  const include = booleanParam(query, 'include_fields', true, 'Whether specified fields are to be included (true) or excluded (false).');
  const names = new Set(fields.split(',').map((field) => field.trim()).filter(Boolean));
  return Object.fromEntries(Object.entries(value).filter(([key]) => names.has(key) === include)) as Partial<T>;
}
