// The SCIM filter subset and the PATCH dialects, without a server: what the parser makes of each form the
// clients send, and what a PATCH does to a User as we represent it.
import { describe, expect, it } from 'vitest';
import { ScimError } from '../../src/scim/scim-errors.ts';
import { parseFilter } from '../../src/scim/scim-filter.ts';
import { patchedUser, patchOperations } from '../../src/scim/user-patch.ts';
import { withoutPassword } from '../../src/scim/scim-password.ts';

const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'a@example.com',
  name: { formatted: 'Ann Lee', givenName: 'Ann', familyName: 'Lee' },
  active: true,
  meta: { resourceType: 'User' },
});

describe('SCIM filters', () => {
  it('reads quoted and unquoted values, brackets, URN prefixes, and and/or with their precedence', () => {
    expect(parseFilter('externalId eq jyoung')).toEqual({ kind: 'eq', path: { attribute: 'externalid' }, value: 'jyoung' });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x\\"y"')).toEqual({ kind: 'eq', path: { attribute: 'username' }, value: 'x"y' });
    expect(parseFilter('emails[type eq "work"].value eq "a@b.com"')).toEqual({
      kind: 'eq',
      path: { attribute: 'emails', valueFilter: { attribute: 'type', value: 'work' }, subAttribute: 'value' },
      value: 'a@b.com',
    });
    const mixed = parseFilter('a eq 1 or b eq 2 and c eq 3');
    expect(mixed).toMatchObject({ kind: 'or', right: { kind: 'and' } });
    expect(parseFilter('active EQ true')).toMatchObject({ value: true });
  });

  it.each(['userName sw "a"', 'userName eq', 'userName eq "a" and', '((((((((((((a eq 1))))))))))))', 'emails[type ne "work"].value eq "x"'])('refuses %s as invalidFilter', (filter) => {
    expect(() => parseFilter(filter)).toThrow(ScimError);
    try {
      parseFilter(filter);
    } catch (error) {
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    }
  });
});

describe('SCIM PATCH dialects', () => {
  it('takes op names and attribute names in any case, and boolean strings', () => {
    const operations = patchOperations({ Operations: [{ op: 'Replace', path: 'Name.GivenName', value: 'Kim' }, { op: 'REPLACE', path: 'ACTIVE', value: 'False' }] });
    expect(operations).toEqual([
      { op: 'replace', path: 'name.givenName', value: 'Kim' },
      { op: 'replace', path: 'active', value: false },
    ]);
    expect(patchedUser(user(), operations)).toMatchObject({ name: { givenName: 'Kim' }, active: false });
  });

  it('creates the element a filtered path names when it is missing', () => {
    const patched = patchedUser(user(), patchOperations({ Operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }] }));
    expect(patched.emails).toEqual([{ type: 'work', value: 'new@example.com' }]);
  });

  it('applies a pathless replace with dotted and URN-prefixed keys', () => {
    const patched = patchedUser(
      user(),
      patchOperations({ Operations: [{ op: 'replace', value: { 'name.familyName': 'Park', 'URN:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Inbound', Active: 'True' } }] }),
    );
    expect(patched).toMatchObject({ name: { familyName: 'Park' }, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Inbound' } });
  });

  it('refuses malformed operations with the matching scimType', () => {
    expect(() => patchOperations({ Operations: [{ op: 'move', path: 'userName' }] })).toThrow(expect.objectContaining({ scimType: 'invalidSyntax' }));
    expect(() => patchOperations({ Operations: [{ op: 'replace', value: 'x' }] })).toThrow(expect.objectContaining({ scimType: 'invalidValue' }));
    expect(() => patchOperations({ Operations: 'x' })).toThrow(expect.objectContaining({ scimType: 'invalidSyntax' }));
    expect(() => patchedUser(user(), patchOperations({ Operations: [{ op: 'remove', path: 'emails[type eq "work"].value' }] }))).toThrow(ScimError);
  });

  it('drops every password, in a body and in PATCH operations', () => {
    expect(
      withoutPassword({ userName: 'a', password: 'p', Operations: [{ op: 'replace', path: 'PASSWORD', value: 'p' }, { op: 'replace', value: { password: 'p', active: true } }] }),
    ).toEqual({ userName: 'a', Operations: [{ op: 'replace', value: { active: true } }] });
  });
});
