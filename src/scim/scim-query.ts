// The query parameters every read takes (RFC 7644 §3.4.2): filter, startIndex/count paging (1-based;
// count=0 answers totals only), attributes/excludedAttributes (names case-insensitive, sub-attributes
// and extension URNs allowed). `id` and `schemas` are always returned.
import { ScimError } from './scim-errors.ts';
import { parseFilter, type Filter } from './scim-filter.ts';
import { isObject, type ScimObject } from './scim-object.ts';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;
const ALWAYS_RETURNED = new Set(['id', 'schemas']);

export interface ScimQuery {
  filter: Filter | null;
  startIndex: number;
  count: number;
  attributes: string[] | null;
  excludedAttributes: string[];
}

export function readQuery(params: URLSearchParams): ScimQuery {
  const filter = params.get('filter');
  return {
    filter: filter === null || filter.trim() === '' ? null : parseFilter(filter),
    startIndex: Math.max(1, integer(params.get('startIndex'), 1, 'startIndex')),
    count: Math.min(MAX_COUNT, Math.max(0, integer(params.get('count'), DEFAULT_COUNT, 'count'))),
    attributes: names(params.get('attributes')),
    excludedAttributes: names(params.get('excludedAttributes')) ?? [],
  };
}

export function listResponse(query: ScimQuery, total: number, resources: readonly ScimObject[]): ScimObject {
  return {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex: query.startIndex,
    itemsPerPage: resources.length,
    Resources: resources.map((resource) => project(resource, query)),
  };
}

/** The resource with only the requested attributes (or without the excluded ones). */
export function project(resource: ScimObject, query: Pick<ScimQuery, 'attributes' | 'excludedAttributes'>): ScimObject {
  if (query.attributes) {
    const kept: ScimObject = {};
    for (const [key, value] of Object.entries(resource)) {
      if (ALWAYS_RETURNED.has(key)) kept[key] = value;
      else {
        const picked = pick(key, value, query.attributes);
        if (picked !== undefined) kept[key] = picked;
      }
    }
    return kept;
  }
  if (query.excludedAttributes.length === 0) return resource;
  const kept: ScimObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (ALWAYS_RETURNED.has(key)) kept[key] = value;
    else if (!query.excludedAttributes.includes(key.toLowerCase())) kept[key] = dropSubAttributes(key, value, query.excludedAttributes);
  }
  return kept;
}

function pick(key: string, value: unknown, wanted: readonly string[]): unknown {
  const name = key.toLowerCase();
  if (wanted.includes(name)) return value;
  const subNames = wanted.filter((entry) => entry.startsWith(`${name}.`) || entry.startsWith(`${name}:`)).map((entry) => entry.slice(name.length + 1));
  if (subNames.length === 0 || !isObject(value)) return undefined;
  const kept = Object.fromEntries(Object.entries(value).filter(([sub]) => subNames.includes(sub.toLowerCase())));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function dropSubAttributes(key: string, value: unknown, excluded: readonly string[]): unknown {
  const name = key.toLowerCase();
  const subNames = excluded.filter((entry) => entry.startsWith(`${name}.`) || entry.startsWith(`${name}:`)).map((entry) => entry.slice(name.length + 1));
  if (subNames.length === 0 || !isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([sub]) => !subNames.includes(sub.toLowerCase())));
}

function integer(raw: string | null, fallback: number, name: string): number {
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ScimError(400, `${name} must be an integer`, 'invalidValue');
  return value;
}

function names(raw: string | null): string[] | null {
  if (raw === null || raw.trim() === '') return null;
  return raw.split(',').map((name) => stripCoreUrn(name.trim().toLowerCase())).filter(Boolean);
}

function stripCoreUrn(name: string): string {
  return name.replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/, '');
}
