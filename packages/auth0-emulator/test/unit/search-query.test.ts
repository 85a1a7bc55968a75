import { describe, expect, it } from 'vitest';
import {
  SearchQueryError,
  matchesSearchQuery,
  parseSearchQuery,
  requiredValues,
} from '../../src/search-query.ts';

const jane = {
  user_id: 'auth0|65a1b2c3d4e5f60718293a4b',
  email: 'jane.doe@example.com',
  email_verified: false,
  name: 'Jane Doe',
  given_name: 'Jane',
  family_name: 'Doe',
  nickname: 'jane.doe',
  created_at: '2021-03-15T10:20:30.000Z',
  updated_at: '2024-01-01T00:00:00.000Z',
  logins_count: 150,
  blocked: false,
  identities: [{ connection: 'Username-Password-Authentication', provider: 'auth0', user_id: '65a1b2c3d4e5f60718293a4b', isSocial: false }],
  app_metadata: { employee_id: 'E-1001', site: 'Berlin', roles: ['team_lead', 'manager'], plan: { tier: 'Gold' }, empty: {}, none: null, list: [] },
  user_metadata: { favorite_color: 'blue', addresses: [{ city: 'Paris' }, { city: 'Seattle' }], preferences: { fontSize: 13 } },
};

const bob = {
  user_id: 'auth0|000000000000000000000001',
  email: 'bob@other.org',
  email_verified: true,
  name: 'bob@other.org',
  nickname: 'bob',
  created_at: '2022-12-31T23:59:59.999Z',
  logins_count: 3,
  app_metadata: { employee_id: 'E-1002', site: 'berlin' },
  user_metadata: {},
};

function matches(q: string, user: Record<string, unknown> = jane): boolean {
  return matchesSearchQuery(parseSearchQuery(q), user);
}

function rejects(q: string, fragment: RegExp): void {
  expect(() => parseSearchQuery(q)).toThrow(SearchQueryError);
  expect(() => parseSearchQuery(q)).toThrow(fragment);
}

describe('parseSearchQuery basics', () => {
  it('matches everything for an empty or blank query', () => {
    expect(matches('')).toBe(true);
    expect(matches('   ')).toBe(true);
  });

  it('matches quoted exact values, escapes included', () => {
    expect(matches('email:"jane.doe@example.com"')).toBe(true);
    expect(matches('email:"jane.doe@example.co"')).toBe(false);
    const quoted = { ...jane, app_metadata: { note: 'say "hi" \\ bye' } };
    expect(matches('app_metadata.note:"say \\"hi\\" \\\\ bye"', quoted)).toBe(true);
  });

  it('matches unquoted values and allows escaped spaces', () => {
    expect(matches('user_id:auth0|65a1b2c3d4e5f60718293a4b')).toBe(true);
    expect(matches('name:Jane\\ Doe')).toBe(true);
    expect(matches('app_metadata.site:Berlin')).toBe(true);
  });

  it('does not tokenize fields', () => {
    expect(matches('user_id:auth0')).toBe(false);
    expect(matches('name:"jane"')).toBe(false);
    expect(matches('name:jane')).toBe(false);
  });

  it('compares normalized fields case-insensitively and everything else case-sensitively', () => {
    expect(matches('email:"JANE.DOE@EXAMPLE.COM"')).toBe(true);
    expect(matches('name:"jane doe"')).toBe(true);
    expect(matches('given_name:JANE AND family_name:doe AND nickname:JANE.DOE')).toBe(true);
    expect(matches('app_metadata.site:"berlin"')).toBe(false);
    expect(matches('app_metadata.site:"berlin"', bob)).toBe(true);
    expect(matches('user_id:AUTH0|65A1B2C3D4E5F60718293A4B')).toBe(false);
  });

  it('matches booleans and numbers by value', () => {
    expect(matches('email_verified:false')).toBe(true);
    expect(matches('email_verified:true')).toBe(false);
    expect(matches('logins_count:150')).toBe(true);
    expect(matches('logins_count:15')).toBe(false);
  });

  it('does not treat lower-case operators as operators', () => {
    // "and" is a term here; with OR between clauses the email clause alone decides.
    expect(matches('email:"nobody@x.com" and')).toBe(false);
  });
});

describe('paths', () => {
  it('descends into nested objects and through arrays', () => {
    expect(matches('app_metadata.plan.tier:"Gold"')).toBe(true);
    expect(matches('app_metadata.roles:"manager"')).toBe(true);
    expect(matches('app_metadata.roles:"admin"')).toBe(false);
    expect(matches('user_metadata.addresses.city:"Seattle"')).toBe(true);
    expect(matches('user_metadata.preferences.fontSize:13')).toBe(true);
    expect(matches('identities.connection:"Username-Password-Authentication"')).toBe(true);
  });

  it('derives email.domain', () => {
    expect(matches('email.domain:"EXAMPLE.com"')).toBe(true);
    expect(matches('email.domain:"example.com"', bob)).toBe(false);
  });

  it('never follows prototype properties', () => {
    expect(matches('_exists_:constructor')).toBe(false);
    expect(matches('_exists_:app_metadata.__proto__')).toBe(false);
  });
});

describe('_exists_', () => {
  it('is true for present values and false for missing, null, empty arrays and empty objects', () => {
    expect(matches('_exists_:app_metadata.employee_id')).toBe(true);
    expect(matches('_exists_:given_name', bob)).toBe(false);
    expect(matches('_exists_:app_metadata.none')).toBe(false);
    expect(matches('_exists_:app_metadata.list')).toBe(false);
    expect(matches('_exists_:app_metadata.empty')).toBe(false);
    expect(matches('_exists_:user_metadata', bob)).toBe(false);
    expect(matches('_exists_:user_metadata.favorite_color')).toBe(true);
  });

  it('can be negated, and field:* means the same as _exists_', () => {
    expect(matches('NOT _exists_:given_name', bob)).toBe(true);
    expect(matches('given_name:*', bob)).toBe(false);
    expect(matches('given_name:*')).toBe(true);
  });
});

describe('wildcards', () => {
  it('supports prefix, suffix and infix patterns', () => {
    expect(matches('email:jane*')).toBe(true);
    expect(matches('email:JANE*')).toBe(true);
    expect(matches('email:john*')).toBe(false);
    expect(matches('name:*doe')).toBe(true);
    expect(matches('email:*@example*')).toBe(true);
    expect(matches('user_id:auth0|*')).toBe(true);
    expect(matches('app_metadata.employee_id:E-10*')).toBe(true);
    expect(matches('app_metadata.employee_id:e-10*')).toBe(false);
  });

  it('treats * inside quotes and escaped \\* as literal characters', () => {
    expect(matches('email:"jane*"')).toBe(false);
    const starry = { ...jane, app_metadata: { code: 'a*b' } };
    expect(matches('app_metadata.code:a\\*b', starry)).toBe(true);
    expect(matches('app_metadata.code:a\\*b')).toBe(false);
  });

  it('needs at least 3 characters after a leading wildcard', () => {
    expect(matches('name:*doe')).toBe(true);
    rejects('name:*oe', /at least 3/);
    rejects('name:*o*', /at least 3/);
  });

  it('is not available on user_metadata', () => {
    rejects('user_metadata.favorite_color:bl*', /user_metadata/);
  });
});

describe('ranges', () => {
  it('compares numbers with inclusive and exclusive bounds and open ends', () => {
    expect(matches('logins_count:[100 TO 200]')).toBe(true);
    expect(matches('logins_count:[150 TO 200]')).toBe(true);
    expect(matches('logins_count:{150 TO 200]')).toBe(false);
    expect(matches('logins_count:[100 TO 150}')).toBe(false);
    expect(matches('logins_count:{100 TO *]')).toBe(true);
    expect(matches('logins_count:[* TO 10]')).toBe(false);
    expect(matches('logins_count:[* TO 10]', bob)).toBe(true);
  });

  it('compares dates, with date-only bounds covering the whole day', () => {
    expect(matches('created_at:[2021-01-01 TO 2021-12-31]')).toBe(true);
    expect(matches('created_at:[2022-01-01 TO *]')).toBe(false);
    expect(matches('created_at:[* TO 2022-12-31]', bob)).toBe(true);
    expect(matches('created_at:[* TO 2022-12-31}', bob)).toBe(false);
    expect(matches('created_at:{2022-12-30 TO *]', bob)).toBe(true);
    expect(matches('created_at:{2022-12-31 TO *]', bob)).toBe(false);
    expect(matches('created_at:[2021-03-15T10:20:30.000Z TO 2021-03-15T10:20:30.000Z]')).toBe(true);
  });

  it('matches a partial date as the whole unit', () => {
    expect(matches('created_at:2021')).toBe(true);
    expect(matches('created_at:2021-03')).toBe(true);
    expect(matches('created_at:2021-04')).toBe(false);
    expect(matches('created_at:("2020" OR "2021")')).toBe(true);
  });

  it('compares strings lexically and works on app_metadata', () => {
    expect(matches('app_metadata.employee_id:[E-1000 TO E-1001]')).toBe(true);
    expect(matches('app_metadata.employee_id:[E-1000 TO E-1001]', bob)).toBe(false);
  });

  it('is not available on user_metadata', () => {
    rejects('user_metadata.preferences.fontSize:[1 TO 20]', /user_metadata/);
  });
});

describe('boolean logic', () => {
  it('supports AND, OR, NOT and parentheses with NOT > AND > OR', () => {
    expect(matches('email:"jane.doe@example.com" AND logins_count:150')).toBe(true);
    expect(matches('email:"jane.doe@example.com" AND logins_count:1')).toBe(false);
    expect(matches('email:"x@y.z" OR logins_count:150')).toBe(true);
    expect(matches('NOT email:"jane.doe@example.com"')).toBe(false);
    expect(matches('NOT email:"jane.doe@example.com"', bob)).toBe(true);
    // AND binds tighter: false OR (true AND true)
    expect(matches('email:"x@y.z" OR app_metadata.site:Berlin AND logins_count:150')).toBe(true);
    // Parentheses override: (false OR true) AND false
    expect(matches('(email:"x@y.z" OR app_metadata.site:Berlin) AND logins_count:1')).toBe(false);
    expect(matches('app_metadata.site:Berlin AND NOT (logins_count:1 OR blocked:true)')).toBe(true);
    expect(matches('email:"jane.doe@example.com" && !blocked:true')).toBe(true);
    expect(matches('app_metadata.site:Berlin AND -logins_count:150')).toBe(false);
    expect(matches('+app_metadata.site:Berlin AND -logins_count:1')).toBe(true);
    expect(matches('logins_count:[-1 TO 200]')).toBe(true);
  });

  it('joins clauses without an operator with OR by default, AND on request', () => {
    const q = 'email:"jane.doe@example.com" logins_count:1';
    expect(matchesSearchQuery(parseSearchQuery(q), jane)).toBe(true);
    expect(matchesSearchQuery(parseSearchQuery(q, { defaultOperator: 'AND' }), jane)).toBe(false);
    expect(matchesSearchQuery(parseSearchQuery('logins_count:150 blocked:false', { defaultOperator: 'AND' }), jane)).toBe(true);
  });
});

describe('OR groups', () => {
  it('matches any quoted value in field:(... OR ...)', () => {
    expect(matches('user_id:("auth0|nope" OR "auth0|65a1b2c3d4e5f60718293a4b")')).toBe(true);
    expect(matches('user_id:("auth0|nope" OR "auth0|also-nope")')).toBe(false);
    expect(matches('email:("BOB@other.org" OR "jane.doe@example.com")', bob)).toBe(true);
    expect(matches('app_metadata.employee_id:(E-1001 E-1003)')).toBe(true);
  });

  it('compiles a group of exact values into one Set lookup', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `auth0|${String(i).padStart(24, '0')}`);
    const query = parseSearchQuery(`user_id:(${ids.map((id) => `"${id}"`).join(' OR ')})`);
    expect(query.kind).toBe('terms');
    expect(matchesSearchQuery(query, bob)).toBe(true);
    expect(matchesSearchQuery(query, jane)).toBe(false);
    expect(requiredValues(query, 'user_id')?.size).toBe(100);
  });

  it('supports wildcards and NOT inside a group', () => {
    expect(matches('email:(bob* OR jane*)')).toBe(true);
    expect(matches('app_metadata.site:(Berlin AND NOT Paris)')).toBe(true);
  });

  it('filters a 10 000-user store by a 100-id batch quickly', () => {
    const users = Array.from({ length: 10_000 }, (_, i) => ({
      ...bob,
      user_id: `auth0|${String(i).padStart(24, '0')}`,
      email: `user${i}@example.com`,
    }));
    const ids = Array.from({ length: 100 }, (_, i) => `"auth0|${String(i * 97).padStart(24, '0')}"`);
    const started = performance.now();
    const query = parseSearchQuery(`user_id:(${ids.join(' OR ')})`);
    const found = users.filter((user) => matchesSearchQuery(query, user));
    const elapsed = performance.now() - started;
    expect(found).toHaveLength(100);
    expect(elapsed).toBeLessThan(200);
  });
});

describe('requiredValues', () => {
  it('finds the id set of a top-level term, group or AND clause, and nothing otherwise', () => {
    expect([...requiredValues(parseSearchQuery('user_id:"auth0|1"'), 'user_id')!]).toEqual(['auth0|1']);
    expect(requiredValues(parseSearchQuery('user_id:("a" OR "b") AND blocked:false'), 'user_id')?.size).toBe(2);
    expect(requiredValues(parseSearchQuery('user_id:"a" OR blocked:false'), 'user_id')).toBeNull();
    expect(requiredValues(parseSearchQuery('NOT user_id:"a"'), 'user_id')).toBeNull();
    expect(requiredValues(parseSearchQuery('email:"A@B.C"'), 'email')?.has('a@b.c')).toBe(true);
  });
});

describe('fields omitted', () => {
  it('matches a bare term against the top-level profile fields, never metadata', () => {
    expect(matches('"jane.doe@example.com"')).toBe(true);
    expect(matches('JANE.DOE')).toBe(true);
    expect(matches('jane*')).toBe(true);
    expect(matches('Berlin')).toBe(false);
  });
});

describe('syntax errors', () => {
  it.each([
    ['email:"unterminated', /unterminated/],
    ['user_id:("a" OR "b"', /expected '\)'/],
    ['email:x)', /unexpected '\)'/],
    ['email:', /expected a value/],
    ['email:x AND', /expected a term/],
    ['AND email:x', /unexpected operator/],
    ['logins_count:[1 200]', /TO/],
    ['logins_count:[1 TO 200', /close the range/],
    ['()', /empty group/],
    ['email:x\\', /escape/],
    [':x', /field name/],
  ])('rejects %s', (q, fragment) => {
    rejects(q, fragment);
  });

  it('says where the problem is', () => {
    expect(() => parseSearchQuery('email:x)')).toThrow(/position 7/);
  });
});
