// Users ↔ employees. userName is kept as given; the work (else primary, else first) email, or the userName
// when no email is sent, is the employee's email; name.formatted (else given + family, else displayName) is
// the name; the enterprise extension's department is the department (employeeNumber is kept as sent).
import type { Employee } from '../generated/prisma/client.ts';
import { directoryProfileSchema, type DirectoryProfile } from '../services/employee-input.ts';
import { groupsOf } from '../services/directory.service.ts';
import { formatCalendarDate } from '../services/effective-dates.ts';
import { groupId, roleCode } from './group-resource.ts';
import { ScimError } from './scim-errors.ts';
import { isObject, versionOf, type ScimObject } from './scim-object.ts';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** The gateway's own extension: the effective dates (YYYY-MM-DD in COMPANY_TIME_ZONE), which the enterprise one lacks. */
export const DATES_SCHEMA = 'urn:ietf:params:scim:schemas:extension:employeeGateway:2.0:User';
/** The department of a user created without the enterprise extension's department. */
export const DEFAULT_DIRECTORY_DEPARTMENT = 'Unassigned';

/** The attributes a User body carries, decoded (not yet validated by the services' rules). */
export interface UserAttributes {
  userName: string;
  email: string;
  name: string;
  department: string | null;
  externalId: string | null;
  active: boolean;
  profile: DirectoryProfile;
  /** Only the dates the body names: omitted keeps the stored one, null clears it (as updateEmployee). */
  dates: { startDate?: string | null; endDate?: string | null };
}

export function toScimUser(employee: Employee, baseUrl: string): ScimObject {
  const profile = (employee.directoryProfile ?? {}) as DirectoryProfile;
  const resource: ScimObject = {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA, ...(employee.startDate || employee.endDate ? [DATES_SCHEMA] : [])],
    id: employee.id,
    ...(employee.externalId !== null ? { externalId: employee.externalId } : {}),
    userName: employee.userName ?? employee.email,
    name: {
      formatted: employee.name,
      ...(profile.givenName !== undefined ? { givenName: profile.givenName } : {}),
      ...(profile.middleName !== undefined ? { middleName: profile.middleName } : {}),
      ...(profile.familyName !== undefined ? { familyName: profile.familyName } : {}),
    },
    ...(profile.displayName !== undefined ? { displayName: profile.displayName } : {}),
    active: employee.active,
    emails: [{ value: employee.email, type: 'work', primary: true }],
    groups: groupsOf(employee).map((role) => ({ value: groupId(role), display: roleCode(role), $ref: `${baseUrl}/Groups/${groupId(role)}` })),
    [ENTERPRISE_SCHEMA]: { department: employee.department, ...(profile.employeeNumber !== undefined ? { employeeNumber: profile.employeeNumber } : {}) },
    ...(employee.startDate || employee.endDate
      ? {
          [DATES_SCHEMA]: {
            ...(employee.startDate ? { startDate: formatCalendarDate(employee.startDate) } : {}),
            ...(employee.endDate ? { endDate: formatCalendarDate(employee.endDate) } : {}),
          },
        }
      : {}),
  };
  return {
    ...resource,
    meta: {
      resourceType: 'User',
      created: employee.createdAt.toISOString(),
      lastModified: employee.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${employee.id}`,
      version: versionOf(resource),
    },
  };
}

/** A User body (POST, PUT, or a patched resource) as employee attributes; 400 invalidValue when unusable. */
export function userAttributes(body: ScimObject): UserAttributes {
  const userName = body.userName;
  if (typeof userName !== 'string' || userName.trim() === '') throw new ScimError(400, 'userName is required and must be a non-empty string', 'invalidValue');
  const email = chosenEmail(body.emails) ?? (userName.includes('@') ? userName : null);
  if (!email) throw new ScimError(400, 'An email is required: send emails[type eq "work"].value, or a userName that is an email address', 'invalidValue');
  const name = isObject(body.name) ? body.name : {};
  const profile = directoryProfileSchema.safeParse({
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    middleName: text(name.middleName),
    formatted: text(name.formatted),
    displayName: text(body.displayName),
    employeeNumber: text(enterprise(body).employeeNumber),
  });
  if (!profile.success) throw new ScimError(400, profile.error.issues.map((issue) => issue.message).join('; '), 'invalidValue');
  const cleanProfile = Object.fromEntries(Object.entries(profile.data).filter(([, value]) => value !== undefined && value !== '')) as DirectoryProfile;
  const given = [cleanProfile.givenName, cleanProfile.familyName].filter(Boolean).join(' ');
  return {
    userName,
    email,
    name: cleanProfile.formatted || given || cleanProfile.displayName || userName,
    department: text(enterprise(body).department) ?? null,
    externalId: typeof body.externalId === 'string' ? body.externalId : null,
    active: booleanOf(body.active ?? true, 'active'),
    profile: cleanProfile,
    dates: datesOf(extension(body, DATES_SCHEMA)),
  };
}

/** Entra sends booleans as strings ("True", "False"); anything else is refused. */
export function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw new ScimError(400, `${attribute} must be a boolean`, 'invalidValue');
}

function chosenEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const entries = emails.filter(isObject).filter((entry) => typeof entry.value === 'string' && entry.value.trim() !== '');
  const pick =
    entries.find((entry) => typeof entry.type === 'string' && entry.type.toLowerCase() === 'work') ??
    entries.find((entry) => entry.primary === true || entry.primary === 'True' || entry.primary === 'true') ??
    entries[0];
  return pick ? (pick.value as string) : null;
}

function enterprise(body: ScimObject): ScimObject {
  return extension(body, ENTERPRISE_SCHEMA);
}

/** startDate / endDate as sent (a string, or null to clear); the services validate them. */
function datesOf(dates: ScimObject): UserAttributes['dates'] {
  const picked: UserAttributes['dates'] = {};
  for (const key of ['startDate', 'endDate'] as const) {
    const value = dates[key];
    if (value === undefined) continue;
    if (value !== null && typeof value !== 'string') throw new ScimError(400, `${key} must be a date (YYYY-MM-DD) or null`, 'invalidValue');
    picked[key] = value;
  }
  return picked;
}

function extension(body: ScimObject, schema: string): ScimObject {
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === schema.toLowerCase());
  const value = key ? body[key] : undefined;
  return isObject(value) ? value : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
