// A database connection's password policy (https://auth0.com/docs/authenticate/database-connections/password-options).
// The Management API reports only which policy failed, never which rule, so the three messages
// below are the whole vocabulary a client sees (observed; https://github.com/auth0/auth0-java/issues/283).
//
// Where Auth0's documentation and its open-source checker (auth0/password-sheriff) disagree, this
// emulator takes the stricter reading, so a password accepted here is accepted by the real tenant:
// - Special characters are only `!@#$%^&*` (the docs' list); password-sheriff also counts the rest of
//   the OWASP set (space, `-`, `_`, `.`, ...).
// - Length is the connection's configured minimum for every level from "low" up; password-sheriff's
//   built-in minimums (6/8/8/10) predate the configurable length. "none" needs one character.

export type PasswordStrength = 'none' | 'low' | 'fair' | 'good' | 'excellent';

export interface PasswordPolicy {
  strength: PasswordStrength;
  minLength: number;
  dictionary: boolean;
  noPersonalInfo: boolean;
}

export interface PasswordOwner {
  email?: string;
  name?: string;
  nickname?: string;
  username?: string;
  user_metadata?: Record<string, unknown>;
}

export const PASSWORD_STRENGTH_ERROR = 'PasswordStrengthError: Password is too weak';
export const PASSWORD_DICTIONARY_ERROR = 'PasswordDictionaryError: Password is too common';
export const PASSWORD_NO_USER_INFO_ERROR = 'PasswordNoUserInfoError: Password contains user information';

/**
 * Unconfirmed: the policy a new tenant's Username-Password-Authentication connection starts with is
 * not documented. This is a realistic, fairly strict setting, so clients are tested
 * against a policy that does reject weak, common and personal passwords.
 */
export const DEFAULT_DATABASE_PASSWORD_POLICY: PasswordPolicy = {
  strength: 'good',
  minLength: 8,
  dictionary: true,
  noPersonalInfo: true,
};

// Guess: bcrypt reads at most 72 bytes and Auth0's flexible policy either truncates or rejects longer
// passwords; the emulator rejects them, reported as "too weak" because no other message is known.
export const MAX_PASSWORD_BYTES = 72;

// A few dozen entries of the list Auth0 checks against (SecLists "10k-most-common", compared
// case-insensitively). The real list has 10,000 entries; this one only has to catch the obvious.
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password', '123456', '12345678', '1234', 'qwerty', '12345', 'dragon', 'baseball', 'football',
  'letmein', 'monkey', 'abc123', 'mustang', 'michael', 'shadow', 'master', 'jennifer', '111111',
  'jordan', 'superman', 'harley', '1234567', 'trustno1', 'iloveyou', 'sunshine', 'welcome',
  'password1', '123456789', '1234567890', 'qwertyuiop', 'admin', 'login', 'princess', 'starwars',
  'passw0rd', 'whatever', 'freedom', 'charlie', '654321', '000000', '123123', 'hello', 'batman',
  'computer', 'michelle', 'qwerty123', 'zaq12wsx', '1q2w3e4r', 'access', 'hunter', 'killer',
]);

const SPECIAL = /[!@#$%^&*]/;

// Personal values shorter than this are ignored (guess): a two-letter nickname would otherwise
// reject a few percent of randomly generated passwords and make tests flaky.
const MIN_PERSONAL_VALUE_LENGTH = 3;

/** The Auth0 error message for the first policy the password breaks, or null when it passes. */
export function checkPassword(policy: PasswordPolicy, password: string, user: PasswordOwner): string | null {
  // Order of checks when several fail is a guess: strength, then dictionary, then personal data.
  if (!meetsStrength(policy, password)) return PASSWORD_STRENGTH_ERROR;
  if (policy.dictionary && COMMON_PASSWORDS.has(password.toLowerCase())) return PASSWORD_DICTIONARY_ERROR;
  if (policy.noPersonalInfo && containsPersonalInfo(password, user)) return PASSWORD_NO_USER_INFO_ERROR;
  return null;
}

export function meetsStrength(policy: Pick<PasswordPolicy, 'strength' | 'minLength'>, password: string): boolean {
  if (password.length === 0) return false;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return false;
  if (policy.strength === 'none') return true;
  if (password.length < policy.minLength) return false;
  const lower = /[a-z]/.test(password);
  const upper = /[A-Z]/.test(password);
  const digit = /[0-9]/.test(password);
  const special = SPECIAL.test(password);
  switch (policy.strength) {
    case 'low':
      return true;
    case 'fair':
      return lower && upper && digit;
    case 'good':
      return countTrue(lower, upper, digit, special) >= 3;
    case 'excellent':
      return countTrue(lower, upper, digit, special) >= 3 && !/(.)\1\1/su.test(password);
  }
}

function containsPersonalInfo(password: string, user: PasswordOwner): boolean {
  const metadata = user.user_metadata ?? {};
  const candidates = [
    user.name,
    user.username,
    user.nickname,
    metadata['name'],
    metadata['first'],
    metadata['last'],
    user.email?.split('@')[0],
  ];
  const haystack = password.toLowerCase();
  return candidates.some(
    (value) =>
      typeof value === 'string' &&
      value.length >= MIN_PERSONAL_VALUE_LENGTH &&
      haystack.includes(value.toLowerCase()),
  );
}

function countTrue(...flags: boolean[]): number {
  return flags.filter(Boolean).length;
}
