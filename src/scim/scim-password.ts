// Okta sends a password with every create (and Entra may): it is dropped at the door, before anything
// stores, logs, audits or forwards the body. Employees set their own password through the invitation.
import { isObject } from './scim-object.ts';

const PASSWORD = /(^|[:.])password$/i;

/** The body with every `password` attribute, and every PATCH operation on one, removed (at any depth). */
export function withoutPassword(body: unknown): unknown {
  if (Array.isArray(body)) {
    return body.filter((entry) => !(isObject(entry) && typeof entry.path === 'string' && PASSWORD.test(entry.path.trim()))).map(withoutPassword);
  }
  if (!isObject(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !PASSWORD.test(key)).map(([key, value]) => [key, withoutPassword(value)]));
}
