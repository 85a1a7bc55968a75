// /Users: list and filter, read, create (or rehire), PUT (full replace), PATCH, DELETE (deactivate and
// hide). Every change goes through the same services as GraphQL, as the SCIM token's actor.
import type { Employee } from '../generated/prisma/client.ts';
import { createEmployeeInputSchema, updateEmployeeInputSchema } from '../services/employee-input.ts';
import { EmailAlreadyUsedError, EmployeeAlreadyExistsError, ExternalIdAlreadyUsedError, UserNameAlreadyUsedError } from '../services/errors.ts';
import { isUuid } from '../services/uuid.ts';
import { unwrap, type ScimRequest } from './scim-context.ts';
import { ScimError, scimResponse } from './scim-errors.ts';
import type { ScimObject } from './scim-object.ts';
import { listResponse, project, readQuery } from './scim-query.ts';
import { userWhere } from './resource-filters.ts';
import { patchedUser, patchOperations } from './user-patch.ts';
import { DEFAULT_DIRECTORY_DEPARTMENT, toScimUser, userAttributes, type UserAttributes } from './user-resource.ts';
import { isObject } from './scim-object.ts';
import type { z } from 'zod';

export async function listUsers(scim: ScimRequest): Promise<Response> {
  const query = readQuery(scim.url.searchParams);
  const { total, employees } = await scim.services.listDirectoryEmployees(query.filter ? userWhere(query.filter) : {}, {
    skip: query.startIndex - 1,
    take: query.count,
  });
  return scimResponse(listResponse(query, total, employees.map((employee) => toScimUser(employee, scim.baseUrl))));
}

export async function getUser(scim: ScimRequest, id: string): Promise<Response> {
  const query = readQuery(scim.url.searchParams);
  const employee = await visibleUser(scim, id);
  return userResponse(scim, employee, 200, query);
}

/**
 * A new person is created; the same person sent again (by userName, externalId or email) after the
 * identity provider deleted them, or an employee no identity provider has claimed yet, is that employee
 * (a rehire keeps its history and Auth0 account). A person another client already holds: 409 uniqueness.
 */
export async function createUser(scim: ScimRequest): Promise<Response> {
  const attributes = userAttributes(objectBody(await scim.body()));
  const department = attributes.department ?? DEFAULT_DIRECTORY_DEPARTMENT;
  const input = valid(createEmployeeInputSchema, {
    name: attributes.name,
    email: attributes.email,
    department,
    externalId: attributes.externalId,
    userName: attributes.userName,
    directoryProfile: attributes.profile,
    ...attributes.dates,
  });
  // A new person is the usual case: the insert goes first and the unique indexes (email, userName,
  // externalId) decide, one round trip fewer than looking first; only a refusal looks for the same person.
  const attempt = await scim.services.createEmployee(scim.actor, input, { externalIdChecked: true });
  if (attempt instanceof EmailAlreadyUsedError || attempt instanceof UserNameAlreadyUsedError || attempt instanceof EmployeeAlreadyExistsError || attempt instanceof ExternalIdAlreadyUsedError) {
    return createForSamePerson(scim, input, attributes);
  }
  const created = unwrap(attempt);
  const employee = attributes.active ? created : unwrap(await scim.services.deactivateFromDirectory(scim.actor, created.id, 'inactive in the identity provider')).employee;
  return userResponse(scim, employee, 201);
}

/** The create met a stored employee: the same person again (a rehire) or someone another client holds (409). */
async function createForSamePerson(scim: ScimRequest, input: z.infer<typeof createEmployeeInputSchema>, attributes: UserAttributes): Promise<Response> {
  const same = await scim.services.findSamePerson({ userName: input.userName!, externalId: input.externalId ?? null, email: input.email });
  if (same.length > 1) throw new ScimError(409, 'The userName, externalId and email name different existing users', 'uniqueness');
  const [existing] = same;
  if (existing) {
    if (existing.directoryRemovedAt === null && existing.userName !== null) throw new ScimError(409, 'A user with this userName, externalId or email already exists', 'uniqueness');
    const { name, email, externalId, userName, directoryProfile, startDate, endDate } = input;
    const dates = { ...(startDate !== undefined ? { startDate } : {}), ...(endDate !== undefined ? { endDate } : {}) };
    const rehired = unwrap(
      await scim.services.rehire(scim.actor, existing, { name, email, externalId, userName: userName!, directoryProfile, department: attributes.department, ...dates }, attributes.active),
    );
    return userResponse(scim, rehired, 201);
  }
  throw new ScimError(409, 'A user with this userName, externalId or email already exists', 'uniqueness');
}

/** PUT replaces the user with the body (Okta updates this way); a department or externalId not sent is kept. */
export async function replaceUser(scim: ScimRequest, id: string): Promise<Response> {
  const employee = await visibleUser(scim, id);
  checkIfMatch(scim, employee);
  const body = objectBody(await scim.body());
  if (body.id !== undefined && body.id !== employee.id) throw new ScimError(400, 'id is read-only', 'mutability');
  return userResponse(scim, await applyUser(scim, employee, userAttributes(body)), 200);
}

export async function patchUser(scim: ScimRequest, id: string): Promise<Response> {
  const employee = await visibleUser(scim, id);
  checkIfMatch(scim, employee);
  const operations = patchOperations(await scim.body());
  const before = toScimUser(employee, scim.baseUrl);
  const after = patchedUser(before, operations);
  if (after.id !== employee.id) throw new ScimError(400, 'id is read-only', 'mutability');
  if (before.externalId !== undefined && after.externalId === undefined) throw new ScimError(400, 'externalId cannot be removed once set', 'mutability');
  return userResponse(scim, await applyUser(scim, employee, userAttributes(withFormattedName(before, after))), 200);
}

/** DELETE deactivates (through the mass-deprovisioning guard) and hides the user; nothing is deleted. */
export async function deleteUser(scim: ScimRequest, id: string): Promise<Response> {
  const employee = await visibleUser(scim, id);
  checkIfMatch(scim, employee);
  unwrap(await scim.services.removeFromDirectory(scim.actor, employee.id));
  return scimResponse(null, 204);
}

async function applyUser(scim: ScimRequest, employee: Employee, attributes: UserAttributes): Promise<Employee> {
  const input = valid(updateEmployeeInputSchema, {
    name: attributes.name,
    email: attributes.email,
    department: attributes.department,
    externalId: attributes.externalId,
    userName: attributes.userName,
    directoryProfile: attributes.profile,
    ...attributes.dates,
  });
  let current = unwrap(await scim.services.updateEmployee(scim.actor, employee.id, input));
  // Active again in the source: a deactivation it sent earlier and the guard held is withdrawn.
  if (attributes.active) await scim.services.withdrawHeldDeactivations(scim.actor, employee.id);
  if (attributes.active !== current.active) {
    current = attributes.active
      ? unwrap(await scim.services.reactivateEmployee(scim.actor, employee.id))
      : unwrap(await scim.services.deactivateFromDirectory(scim.actor, employee.id, 'inactive in the identity provider')).employee;
  }
  return current;
}

/**
 * A PATCH that changes name parts but not name.formatted (Entra's `name.familyName` alone): the formatted
 * name follows the parts, as it would in the identity provider.
 */
function withFormattedName(before: ScimObject, after: ScimObject): ScimObject {
  const was = isObject(before.name) ? before.name : {};
  const now = isObject(after.name) ? after.name : {};
  const partsChanged = ['givenName', 'middleName', 'familyName'].some((part) => was[part] !== now[part]);
  if (!partsChanged || was.formatted !== now.formatted) return after;
  const { formatted: _stale, ...parts } = now;
  return { ...after, name: parts };
}

async function visibleUser(scim: ScimRequest, id: string): Promise<Employee> {
  const employee = isUuid(id) ? await scim.services.directoryEmployee(id) : null;
  if (!employee) throw new ScimError(404, 'No such user');
  return employee;
}

/** If-Match: the change applies only to the version the client read (412 otherwise). */
function checkIfMatch(scim: ScimRequest, employee: Employee): void {
  const wanted = scim.request.headers.get('if-match');
  if (wanted === null || wanted.trim() === '*') return;
  const version = String((toScimUser(employee, scim.baseUrl).meta as ScimObject).version);
  const listed = wanted.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!listed.includes(version.replace(/^W\//, ''))) throw new ScimError(412, 'The user changed since that version was read (If-Match)');
}

function userResponse(scim: ScimRequest, employee: Employee, status: number, query = readQuery(new URLSearchParams())): Response {
  const resource = toScimUser(employee, scim.baseUrl);
  const meta = resource.meta as ScimObject;
  return scimResponse(project(resource, query), status, { location: String(meta.location), etag: String(meta.version) });
}

function objectBody(body: unknown): ScimObject {
  if (!isObject(body)) throw new ScimError(400, 'The body must be a JSON object', 'invalidSyntax');
  return body;
}

/** The services' own input rules, at the door: every issue at once, 400 invalidValue. */
function valid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ScimError(400, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), 'invalidValue');
  return parsed.data;
}
