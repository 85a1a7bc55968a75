// PATCH on a User (RFC 7644 §3.5.2) as the clients send it: operation names in any case (Entra's
// `Replace`), attribute names in any case, boolean strings (`"False"`), pathless replace with dotted or
// URN-prefixed keys, filtered paths that create the element when missing. `scim-patch` applies the
// operations to the User as we represent it; this module only brings the dialects to the RFC's form first.
import { scimPatch, ScimError as PatchLibraryError, type ScimPatchOperation } from 'scim-patch';
import { ScimError } from './scim-errors.ts';
import { isObject, type ScimObject } from './scim-object.ts';
import { ENTERPRISE_SCHEMA } from './user-resource.ts';

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MAX_OPERATIONS = 100;

/** Canonical spellings of the attributes we store (paths are matched case-insensitively). */
const CANONICAL = new Map(
  ['userName', 'name', 'givenName', 'familyName', 'middleName', 'formatted', 'displayName', 'emails', 'value', 'type', 'primary', 'externalId', 'active', 'department', 'employeeNumber', 'members', 'id'].map(
    (name) => [name.toLowerCase(), name],
  ),
);

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

/** The body's operations, checked and brought to the RFC's form; 400 invalidSyntax when malformed. */
export function patchOperations(body: unknown): PatchOperation[] {
  if (!isObject(body)) throw new ScimError(400, 'A PATCH body must be a JSON object', 'invalidSyntax');
  const operations = body.Operations ?? body.operations;
  // Empty only when every operation was on the password, dropped at the door (Okta's password sync): a no-op.
  if (!Array.isArray(operations)) throw new ScimError(400, 'A PATCH body needs an Operations array', 'invalidSyntax');
  if (operations.length > MAX_OPERATIONS) throw new ScimError(400, `At most ${MAX_OPERATIONS} operations per PATCH`, 'tooMany');
  return operations.map((operation) => {
    if (!isObject(operation)) throw new ScimError(400, 'Each operation must be an object', 'invalidSyntax');
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, 'op must be add, replace or remove', 'invalidSyntax');
    if (operation.path !== undefined && typeof operation.path !== 'string') throw new ScimError(400, 'path must be a string', 'invalidPath');
    const path = operation.path === undefined || operation.path.trim() === '' ? undefined : canonicalPath(operation.path.trim());
    if (op !== 'remove' && !('value' in operation)) throw new ScimError(400, `${op} needs a value`, 'invalidSyntax');
    if (op !== 'remove' && path === undefined && !isObject(operation.value)) throw new ScimError(400, `${op} without a path needs an object value`, 'invalidValue');
    const value = path === undefined && isObject(operation.value) ? canonicalKeys(operation.value) : operation.value;
    return { op, ...(path !== undefined ? { path } : {}), ...('value' in operation ? { value: normalizeActive(path, value) } : {}) };
  });
}

/** The User as it becomes after the operations (only what we represent; the rest is ignored). */
export function patchedUser(current: ScimObject, operations: readonly PatchOperation[]): ScimObject {
  try {
    return scimPatch(structuredClone(current) as never, operations as ScimPatchOperation[], { mutateDocument: true, treatMissingAsAdd: true }) as ScimObject;
  } catch (error) {
    if (error instanceof PatchLibraryError) {
      const scimType = error.scimCode === 'noTarget' ? 'noTarget' : 'invalidPath';
      throw new ScimError(400, `The PATCH cannot be applied: ${error.message}`, scimType);
    }
    throw error;
  }
}

/** `Name.GivenName` → `name.givenName`; an extension's URN keeps its spelling, its attribute is canonical. */
function canonicalPath(path: string): string {
  const urn = ENTERPRISE_SCHEMA.toLowerCase();
  if (path.toLowerCase().startsWith(`${urn}:`)) return `${ENTERPRISE_SCHEMA}:${canonicalSegments(path.slice(urn.length + 1))}`;
  const core = /^urn:ietf:params:scim:schemas:core:2\.0:user:/i.exec(path);
  return canonicalSegments(core ? path.slice(core[0].length) : path);
}

function canonicalSegments(path: string): string {
  // Attribute names outside quoted filter values.
  return path.replace(/"(?:[^"\\]|\\.)*"|[A-Za-z][A-Za-z0-9_$-]*/g, (token) => (token.startsWith('"') ? token : (CANONICAL.get(token.toLowerCase()) ?? token)));
}

function canonicalKeys(value: ScimObject): ScimObject {
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [canonicalPath(key), inner]));
}

/** `active` given as "True"/"False" (Entra) becomes a boolean, with a path or inside a pathless value. */
function normalizeActive(path: string | undefined, value: unknown): unknown {
  if (path === 'active' && typeof value === 'string') return booleanString(value);
  if (path === undefined && isObject(value) && typeof value.active === 'string') return { ...value, active: booleanString(value.active) };
  return value;
}

function booleanString(value: string): boolean | string {
  const lowered = value.trim().toLowerCase();
  return lowered === 'true' ? true : lowered === 'false' ? false : value;
}
