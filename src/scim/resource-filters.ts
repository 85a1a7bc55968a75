// A parsed filter as a query: on Users, an employee query (every comparison an indexed column); on Groups,
// a test of one of the four roles. Attributes outside the supported subset answer 400 invalidFilter.
import type { Prisma } from '../generated/prisma/client.ts';
import type { EmployeeRole } from '../generated/prisma/enums.ts';
import { isUuid } from '../services/uuid.ts';
import { ScimError } from './scim-errors.ts';
import type { AttributePath, Filter, FilterValue } from './scim-filter.ts';

const NOTHING: Prisma.EmployeeWhereInput = { id: { in: [] } };

export function userWhere(filter: Filter): Prisma.EmployeeWhereInput {
  if (filter.kind !== 'eq') return { [filter.kind === 'and' ? 'AND' : 'OR']: [userWhere(filter.left), userWhere(filter.right)] };
  const value = textOf(filter.value, filter.path);
  switch (pathName(filter.path)) {
    case 'id':
      return isUuid(value) ? { id: value } : NOTHING;
    case 'username':
      // userName is citext: the comparison is case-insensitive and uses its unique index. An employee no
      // identity provider has claimed shows its email as userName, so it is found by it too.
      return { OR: [{ userName: value }, { userName: null, email: value.toLowerCase() }] };
    case 'externalid':
      return { externalId: value };
    case 'emails.value':
    case 'emails':
      return { email: value.toLowerCase() };
    case 'emails[type eq work].value':
    case 'emails[primary eq true].value':
      return { email: value.toLowerCase() };
    default:
      if (pathName(filter.path).startsWith('emails[')) return NOTHING;
      throw unsupported(filter.path);
  }
}

/** Whether a role's group passes the filter (`id`, `displayName`; case-insensitive, as role codes are). */
export function groupMatches(filter: Filter, group: { id: string; displayName: string; role: EmployeeRole }): boolean {
  if (filter.kind !== 'eq') {
    return filter.kind === 'and' ? groupMatches(filter.left, group) && groupMatches(filter.right, group) : groupMatches(filter.left, group) || groupMatches(filter.right, group);
  }
  const value = textOf(filter.value, filter.path).toLowerCase();
  switch (pathName(filter.path)) {
    case 'id':
      return group.id.toLowerCase() === value;
    case 'displayname':
      return group.displayName.toLowerCase() === value;
    default:
      throw unsupported(filter.path);
  }
}

function pathName(path: AttributePath): string {
  const filtered = path.valueFilter ? `[${path.valueFilter.attribute} eq ${String(path.valueFilter.value).toLowerCase()}]` : '';
  return `${path.attribute}${filtered}${path.subAttribute ? `.${path.subAttribute}` : ''}`;
}

function textOf(value: FilterValue, path: AttributePath): string {
  if (typeof value !== 'string') throw new ScimError(400, `Unsupported filter: ${pathName(path)} is compared with a string`, 'invalidFilter');
  return value;
}

function unsupported(path: AttributePath): ScimError {
  return new ScimError(
    400,
    `Unsupported filter attribute ${pathName(path)}: Users filter on id, userName, externalId, emails.value, emails[type eq "work"].value; Groups on id, displayName`,
    'invalidFilter',
  );
}
