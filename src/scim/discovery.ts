// ServiceProviderConfig, Schemas and ResourceTypes (RFC 7643 §5-7, RFC 7644 §4). /Schemas advertises only
// what is stored: a client that maps another attribute sees at once that it is not kept.
import { ScimError } from './scim-errors.ts';
import { GROUP_SCHEMA } from './group-resource.ts';
import { LIST_SCHEMA, MAX_COUNT } from './scim-query.ts';
import type { ScimObject } from './scim-object.ts';
import { DATES_SCHEMA, ENTERPRISE_SCHEMA, USER_SCHEMA } from './user-resource.ts';

const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

type Mutability = 'readOnly' | 'readWrite' | 'immutable';

function attribute(name: string, description: string, options: { type?: string; required?: boolean; mutability?: Mutability; uniqueness?: string; caseExact?: boolean; multiValued?: boolean; subAttributes?: ScimObject[] } = {}): ScimObject {
  return {
    name,
    type: options.type ?? 'string',
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
    caseExact: options.caseExact ?? false,
    mutability: options.mutability ?? 'readWrite',
    returned: 'default',
    uniqueness: options.uniqueness ?? 'none',
    ...(options.subAttributes ? { subAttributes: options.subAttributes } : {}),
  };
}

const USER_ATTRIBUTES = [
  attribute('userName', 'The sign-in name, kept as given; unique case-insensitively.', { required: true, uniqueness: 'server' }),
  attribute('name', "The employee's name: formatted, else givenName + familyName.", {
    type: 'complex',
    subAttributes: [attribute('formatted', 'The full name (the employee name).'), attribute('givenName', 'Kept as sent.'), attribute('middleName', 'Kept as sent.'), attribute('familyName', 'Kept as sent.')],
  }),
  attribute('displayName', 'Kept as sent; the name when name is not sent.'),
  attribute('emails', 'One address: the work (else primary) email is the employee email (lower-cased).', {
    type: 'complex',
    multiValued: true,
    subAttributes: [attribute('value', 'The address.'), attribute('type', 'Always work.'), attribute('primary', 'Always true.', { type: 'boolean' })],
  }),
  attribute('active', 'false deactivates the employee (blocks the Auth0 user); true reactivates.', { type: 'boolean' }),
  attribute('externalId', "The identity provider's id: unique; it cannot be removed once set.", { caseExact: true }),
  attribute('groups', 'The roles the user is in (change them through Groups).', { type: 'complex', multiValued: true, mutability: 'readOnly', subAttributes: [attribute('value', 'The group id.', { mutability: 'readOnly' }), attribute('display', 'The role code.', { mutability: 'readOnly' })] }),
];

const GROUP_ATTRIBUTES = [
  attribute('displayName', 'The role code; the four roles cannot be created, renamed or deleted.', { required: true, mutability: 'immutable', uniqueness: 'server' }),
  attribute('members', 'The employees in the role (paged with startIndex/count on GET /Groups/{id}).', {
    type: 'complex',
    multiValued: true,
    subAttributes: [attribute('value', 'The user id.', { mutability: 'immutable' }), attribute('display', 'The name.', { mutability: 'readOnly' })],
  }),
];

const DATES_ATTRIBUTES = [
  attribute('startDate', 'First working day, YYYY-MM-DD in the company time zone: times the invitation.'),
  attribute('endDate', 'Last working day, YYYY-MM-DD: the employee is deactivated at the end of it; null clears it.'),
];
const ENTERPRISE_ATTRIBUTES = [attribute('department', 'The employee department (Unassigned when never sent).'), attribute('employeeNumber', 'Kept as sent.')];

const SCHEMAS: ScimObject[] = [
  { id: USER_SCHEMA, name: 'User', description: 'An employee', attributes: USER_ATTRIBUTES },
  { id: GROUP_SCHEMA, name: 'Group', description: 'A role', attributes: GROUP_ATTRIBUTES },
  { id: ENTERPRISE_SCHEMA, name: 'EnterpriseUser', description: 'Enterprise User (what is stored of it)', attributes: ENTERPRISE_ATTRIBUTES },
  { id: DATES_SCHEMA, name: 'EmployeeDates', description: "The employee's effective dates (docs/scim.md)", attributes: DATES_ATTRIBUTES },
].map((schema) => ({ schemas: [SCHEMA_SCHEMA], ...schema }));

const RESOURCE_TYPES: ScimObject[] = [
  { id: 'User', name: 'User', endpoint: '/Users', description: 'Employees', schema: USER_SCHEMA, schemaExtensions: [
      { schema: ENTERPRISE_SCHEMA, required: false },
      { schema: DATES_SCHEMA, required: false },
    ] },
  { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'The four roles', schema: GROUP_SCHEMA },
].map((type) => ({ schemas: [RESOURCE_TYPE_SCHEMA], ...type }));

export function serviceProviderConfig(baseUrl: string): ScimObject {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    documentationUri: 'docs/scim.md',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_COUNT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: true },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'SCIM token', description: 'A SCIM token made by an admin with createScimToken', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function schemas(baseUrl: string, id: string | undefined): ScimObject {
  return listOrOne(SCHEMAS, id, (schema) => ({ ...schema, meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${String(schema.id)}` } }));
}

export function resourceTypes(baseUrl: string, id: string | undefined): ScimObject {
  return listOrOne(RESOURCE_TYPES, id, (type) => ({ ...type, meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${String(type.id)}` } }));
}

function listOrOne(all: readonly ScimObject[], id: string | undefined, withMeta: (entry: ScimObject) => ScimObject): ScimObject {
  if (id !== undefined) {
    const found = all.find((entry) => String(entry.id).toLowerCase() === id.toLowerCase());
    if (!found) throw new ScimError(404, 'No such schema or resource type');
    return withMeta(found);
  }
  return { schemas: [LIST_SCHEMA], totalResults: all.length, startIndex: 1, itemsPerPage: all.length, Resources: all.map(withMeta) };
}
