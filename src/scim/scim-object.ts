// What every SCIM resource module shares: the JSON object type and the weak ETag over a representation.
import { createHash } from 'node:crypto';

export type ScimObject = Record<string, unknown>;

/** A weak ETag over the representation (meta aside): it moves exactly when what the client sees moves. */
export function versionOf(resource: ScimObject): string {
  return `W/"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 16)}"`;
}

export function isObject(value: unknown): value is ScimObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
