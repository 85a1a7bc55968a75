// The rules for employee data, shared by every entry point (GraphQL validates with this schema at the
// boundary so the caller gets every issue at once; services accept only its output type).
import { z } from 'zod';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import { calendarDateSchema } from './effective-dates.ts';

// C0/C1 control characters would corrupt exports and PodFactory's name matching.
const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f-\u009f]/.test(value);

/** Names are stored as given, NFC-normalised and trimmed: PodFactory matches people by name. */
export const employeeNameSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Name must not be empty')
      .max(200, 'Name must be at most 200 characters')
      .refine(noControlCharacters, 'Name must not contain control characters'),
  );

export const employeeEmailSchema = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .pipe(z.email('Email must be a valid email address').max(254, 'Email must be at most 254 characters'));

export const departmentSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Department must not be empty')
      .max(100, 'Department must be at most 100 characters')
      .refine(noControlCharacters, 'Department must not contain control characters'),
  );

/** The source system's own id (tracker, HR system, identity provider), kept as given, trimmed. */
export const externalIdSchema = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'External id must not be empty')
      .max(255, 'External id must be at most 255 characters')
      .refine(noControlCharacters, 'External id must not contain control characters'),
  );

/** The identity provider's sign-in name (SCIM userName): kept as given (trimmed), unique case-insensitively. */
export const userNameSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'User name must not be empty')
      .max(254, 'User name must be at most 254 characters')
      .refine(noControlCharacters, 'User name must not contain control characters'),
  );

const profileText = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(z.string().max(200, 'Directory profile values must be at most 200 characters').refine(noControlCharacters, 'Directory profile values must not contain control characters'));

/** What an identity provider sent that has no column of its own, returned as sent (SCIM name parts, displayName, employeeNumber). */
export const directoryProfileSchema = z.object({
  givenName: profileText.optional(),
  familyName: profileText.optional(),
  middleName: profileText.optional(),
  formatted: profileText.optional(),
  displayName: profileText.optional(),
  employeeNumber: profileText.optional(),
});

export type DirectoryProfile = z.output<typeof directoryProfileSchema>;

const EMPLOYEE_ROLES = ['PRODUCTION_ASSOCIATE', 'TEAM_LEAD', 'MANAGER', 'ADMIN'] as const satisfies readonly EmployeeRole[];

/** A role given as text (GraphQL input, CSV): either spelling, `TEAM_LEAD` or `team_lead`; anything else is an input issue. */
export const employeeRoleSchema = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .pipe(z.enum(EMPLOYEE_ROLES, { error: `Role must be one of ${EMPLOYEE_ROLES.map((role) => role.toLowerCase()).join(', ')}` }));

export const createEmployeeInputSchema = z.object({
  name: employeeNameSchema,
  email: employeeEmailSchema,
  department: departmentSchema,
  role: employeeRoleSchema.nullish(),
  externalId: externalIdSchema.nullish(),
  /** Identity-provider doors (SCIM) only. */
  userName: userNameSchema.nullish(),
  directoryProfile: directoryProfileSchema.nullish(),
  /** First working day (YYYY-MM-DD in COMPANY_TIME_ZONE): times the first invitation. */
  startDate: calendarDateSchema.nullish(),
  /** Last working day: the employee is deactivated at the end of it. */
  endDate: calendarDateSchema.nullish(),
});

export type CreateEmployeeInput = z.output<typeof createEmployeeInputSchema>;

/** updateEmployee: the creation rules for each given field; omitted (or null) fields stay as they are. */
export const updateEmployeeInputSchema = z.object({
  name: employeeNameSchema.nullish(),
  email: employeeEmailSchema.nullish(),
  department: departmentSchema.nullish(),
  /** Sets or changes the external id; it cannot be removed once set (the source system keeps its ids). */
  externalId: externalIdSchema.nullish(),
  /** Identity-provider doors (SCIM) only: the sign-in name and the profile kept as sent (replaced whole). */
  userName: userNameSchema.nullish(),
  directoryProfile: directoryProfileSchema.nullish(),
  /** Unlike the fields above, the dates distinguish null (clear it) from omitted (keep it). */
  startDate: calendarDateSchema.nullish(),
  endDate: calendarDateSchema.nullish(),
});

export type UpdateEmployeeInput = z.output<typeof updateEmployeeInputSchema>;

export const deactivationReasonSchema = z
  .string()
  .transform((value) => value.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'Reason must not be empty')
      .max(500, 'Reason must be at most 500 characters')
      .refine(noControlCharacters, 'Reason must not contain control characters'),
  );

export const DEFAULT_EMPLOYEE_ROLE: EmployeeRole = 'PRODUCTION_ASSOCIATE';

/** The Auth0 RBAC role that carries an employee role (`PRODUCTION_ASSOCIATE` -> `production_associate`). */
export function auth0RoleName(role: EmployeeRole): string {
  return role.toLowerCase();
}
