// The rules behind SCIM's guard and tokens: SCIM_DEPROVISION_LIMIT's syntax, when a deactivation passes the
// limit, and the role ceiling every grant rule honours.
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../../src/env.ts';
import { passesLimit } from '../../src/services/deprovision-guard.ts';
import { mayGrant, mayGrantOnCreate, mayReach } from '../../src/services/employee-reach.ts';
import { scimActor } from '../../src/services/scim-tokens.ts';

const limitOf = (value?: string) => loadEnv(value === undefined ? {} : { SCIM_DEPROVISION_LIMIT: value }).scim.deprovisionLimit;

describe('SCIM_DEPROVISION_LIMIT', () => {
  it('defaults to more than 10 and more than 5 % within an hour, and reads each form', () => {
    expect(limitOf()).toEqual({ count: 10, percent: 5, windowSeconds: 3600 });
    expect(limitOf('25 per 30m')).toEqual({ count: 25, percent: null, windowSeconds: 1800 });
    expect(limitOf(' 2.5% PER 2h ')).toEqual({ count: null, percent: 2.5, windowSeconds: 7200 });
    expect(limitOf('3 and 1%')).toEqual({ count: 3, percent: 1, windowSeconds: 3600 });
    expect(limitOf('off')).toBeNull();
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['ten', '10 or 5%', '5% and 10', '10 per 0h', '10 per 1d', '-1']) {
      expect(() => limitOf(value), value).toThrow(EnvError);
    }
    expect(() => limitOf('ten')).toThrow(/SCIM_DEPROVISION_LIMIT: must be like/);
  });
});

describe('passesLimit', () => {
  const standard = { count: 10, percent: 5, windowSeconds: 3600 };
  it('holds the 11th of 100 but not the 10th; for 1000 employees, beyond 50', () => {
    expect(passesLimit(standard, 10, 100)).toBe(false);
    expect(passesLimit(standard, 11, 100)).toBe(true);
    expect(passesLimit(standard, 50, 1000)).toBe(false);
    expect(passesLimit(standard, 51, 1000)).toBe(true);
  });
  it('with one part, only that part; off, never', () => {
    expect(passesLimit({ count: 3, percent: null, windowSeconds: 60 }, 4, 1_000_000)).toBe(true);
    expect(passesLimit({ count: null, percent: 10, windowSeconds: 60 }, 2, 10)).toBe(true);
    expect(passesLimit(null, 10_000, 10)).toBe(false);
  });
});

describe('the role ceiling', () => {
  const admin = { permissions: new Set(['manage:provisioning']) };
  const lead = scimActor({ tokenId: 't', name: 'okta', maxRole: 'TEAM_LEAD' }, null);
  const senior = scimActor({ tokenId: 't', name: 'entra', maxRole: 'MANAGER' }, null);

  it('keeps a SCIM token within its maxRole whatever its permissions', () => {
    expect(lead).toMatchObject({ id: 'scim:okta', roleCeiling: 'TEAM_LEAD' });
    expect(mayGrant(lead, 'PRODUCTION_ASSOCIATE', 'TEAM_LEAD')).toBe(true);
    expect(mayGrant(lead, 'TEAM_LEAD', 'MANAGER')).toBe(false);
    expect(mayReach(lead, 'MANAGER')).toBe(false);
    expect(mayGrantOnCreate(lead, 'TEAM_LEAD')).toBe(true);
    expect(mayGrantOnCreate(lead, 'ADMIN')).toBe(false);
    expect(mayGrant(senior, 'TEAM_LEAD', 'MANAGER')).toBe(true);
    expect(mayGrant(senior, 'MANAGER', 'ADMIN')).toBe(false);
    expect(mayReach(senior, 'ADMIN')).toBe(false);
    expect(mayGrant({ ...admin, roleCeiling: 'PRODUCTION_ASSOCIATE' }, 'PRODUCTION_ASSOCIATE', 'TEAM_LEAD')).toBe(false);
  });

  it('changes nothing for callers without one', () => {
    expect(mayGrant(admin, 'MANAGER', 'ADMIN')).toBe(true);
    expect(mayGrant({ permissions: new Set(['update:employee_roles']) }, 'TEAM_LEAD', 'MANAGER')).toBe(false);
  });
});
