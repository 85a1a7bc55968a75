import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DATABASE_PASSWORD_POLICY,
  checkPassword,
  type PasswordPolicy,
  type PasswordStrength,
} from '../../src/password-policy.ts';

const WEAK = 'PasswordStrengthError: Password is too weak';
const COMMON = 'PasswordDictionaryError: Password is too common';
const PERSONAL = 'PasswordNoUserInfoError: Password contains user information';

const strengthOnly = (strength: PasswordStrength, minLength = 8): PasswordPolicy => ({
  strength,
  minLength,
  dictionary: false,
  noPersonalInfo: false,
});

const nobody = {};

describe('password strength levels', () => {
  it('none: any non-empty password', () => {
    expect(checkPassword(strengthOnly('none'), 'a', nobody)).toBeNull();
    expect(checkPassword(strengthOnly('none'), '', nobody)).toBe(WEAK);
  });

  it('low: only the configured minimum length', () => {
    expect(checkPassword(strengthOnly('low', 6), 'abcdef', nobody)).toBeNull();
    expect(checkPassword(strengthOnly('low', 6), 'abcde', nobody)).toBe(WEAK);
    expect(checkPassword(strengthOnly('low', 12), 'abcdefghijk', nobody)).toBe(WEAK);
  });

  it('fair: lower, upper and a digit', () => {
    const fair = strengthOnly('fair');
    expect(checkPassword(fair, 'abcDEF12', nobody)).toBeNull();
    expect(checkPassword(fair, 'abcdef12', nobody)).toBe(WEAK);
    expect(checkPassword(fair, 'ABCDEF12', nobody)).toBe(WEAK);
    expect(checkPassword(fair, 'abcDEFgh', nobody)).toBe(WEAK);
    expect(checkPassword(fair, 'aB1', nobody)).toBe(WEAK);
    // Special characters do not replace a missing class at this level.
    expect(checkPassword(fair, 'abc!@#12', nobody)).toBe(WEAK);
  });

  it('good: three of lower, upper, digit and special', () => {
    const good = strengthOnly('good');
    expect(checkPassword(good, 'abcDEF12', nobody)).toBeNull();
    expect(checkPassword(good, 'abc!@#12', nobody)).toBeNull();
    expect(checkPassword(good, 'ABC$%^12', nobody)).toBeNull();
    expect(checkPassword(good, 'abcdef12', nobody)).toBe(WEAK);
    expect(checkPassword(good, 'aB1!', nobody)).toBe(WEAK);
  });

  it('good: counts only !@#$%^&* as special characters', () => {
    const good = strengthOnly('good');
    expect(checkPassword(good, 'abcdef1&', nobody)).toBeNull();
    expect(checkPassword(good, 'abcdef1-', nobody)).toBe(WEAK);
    expect(checkPassword(good, 'abcdef1_', nobody)).toBe(WEAK);
    expect(checkPassword(good, 'abcdef1 ', nobody)).toBe(WEAK);
  });

  it('excellent: good plus no more than two identical characters in a row', () => {
    const excellent = strengthOnly('excellent', 10);
    expect(checkPassword(excellent, 'aaBBcc11!!', nobody)).toBeNull();
    expect(checkPassword(excellent, 'aaaBBcc11!', nobody)).toBe(WEAK);
    expect(checkPassword(excellent, 'aBc111defG', nobody)).toBe(WEAK);
    expect(checkPassword(excellent, 'aaBBcc11!', nobody)).toBe(WEAK);
    expect(checkPassword(excellent, 'abcdefghij', nobody)).toBe(WEAK);
    // The same run passes "good".
    expect(checkPassword(strengthOnly('good', 10), 'aaaBBcc11!', nobody)).toBeNull();
  });

  it('rejects passwords over 72 bytes as too weak, counting UTF-8 bytes', () => {
    const low = strengthOnly('low', 1);
    expect(checkPassword(low, 'a'.repeat(72), nobody)).toBeNull();
    expect(checkPassword(low, 'a'.repeat(73), nobody)).toBe(WEAK);
    expect(checkPassword(low, 'é'.repeat(37), nobody)).toBe(WEAK); // 37 characters, 74 bytes
    expect(checkPassword(strengthOnly('none'), 'x'.repeat(100), nobody)).toBe(WEAK);
  });
});

describe('password dictionary', () => {
  const policy: PasswordPolicy = { strength: 'none', minLength: 1, dictionary: true, noPersonalInfo: false };

  it('rejects common passwords, case-insensitively', () => {
    expect(checkPassword(policy, 'password', nobody)).toBe(COMMON);
    expect(checkPassword(policy, 'PassWord', nobody)).toBe(COMMON);
    expect(checkPassword(policy, '123456', nobody)).toBe(COMMON);
    expect(checkPassword(policy, 'qwerty', nobody)).toBe(COMMON);
  });

  it('accepts passwords that merely contain a common one, and ignores the list when disabled', () => {
    expect(checkPassword(policy, 'password-with-more', nobody)).toBeNull();
    expect(checkPassword({ ...policy, dictionary: false }, 'password', nobody)).toBeNull();
  });
});

describe('personal data', () => {
  const policy: PasswordPolicy = { strength: 'none', minLength: 1, dictionary: false, noPersonalInfo: true };
  const user = {
    email: 'jane.doe@example.com',
    name: 'Jane Doe',
    nickname: 'janed',
    username: 'jdoe77',
    user_metadata: { first: 'Janette', last: 'Doerr', name: 'JD' },
  };

  it.each([
    ['the email local part', 'xxJANE.DOExx'],
    ['the name', 'my jane doe pass'],
    ['the nickname', 'JaneD!2024'],
    ['the username', 'abcjdoe77'],
    ['user_metadata.first', 'janette99'],
    ['user_metadata.last', 'Z-DOERR-Z'],
  ])('rejects a password containing %s', (_label, password) => {
    expect(checkPassword(policy, password, user)).toBe(PERSONAL);
  });

  it('accepts unrelated passwords, values shorter than 3 characters, and anything when disabled', () => {
    expect(checkPassword(policy, 'Tr0ub4dor&3', user)).toBeNull();
    expect(checkPassword(policy, 'JD-is-short', user)).toBeNull();
    expect(checkPassword({ ...policy, noPersonalInfo: false }, 'jane.doe', user)).toBeNull();
  });
});

describe('default database policy', () => {
  it('is good/8 with dictionary and personal-data checks', () => {
    expect(DEFAULT_DATABASE_PASSWORD_POLICY).toEqual({ strength: 'good', minLength: 8, dictionary: true, noPersonalInfo: true });
  });

  it('reports strength first, then dictionary, then personal data', () => {
    const p = DEFAULT_DATABASE_PASSWORD_POLICY;
    expect(checkPassword(p, 'password', { email: 'password@x.com' })).toBe(WEAK);
    expect(checkPassword(p, 'Password1', { email: 'password1@x.com' })).toBe(COMMON);
    expect(checkPassword(p, 'Warehouse#2024', { email: 'warehouse@x.com' })).toBe(PERSONAL);
    expect(checkPassword(p, 'Warehouse#2024', { email: 'sam@x.com', name: 'sam@x.com', nickname: 'sam' })).toBeNull();
  });
});
