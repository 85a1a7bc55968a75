// The Auth0 database connection requires a password at creation, but employees set their own after
// the verification/invite email; this one is never stored, logged or shown. Written here rather than
// taken from a library because it must satisfy Auth0's password policies (every character class, no
// run of three identical characters, nothing from the user's profile), which generic generators do not promise.
import { randomInt } from 'node:crypto';

const CLASSES = ['abcdefghijkmnopqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!@#$%^&*'] as const;
const ALL = CLASSES.join('');

export function randomStrongPassword(personalInfo: readonly string[] = [], length = 32): string {
  const forbidden = personalInfo
    .flatMap((value) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((token) => token.length >= 3);
  for (;;) {
    const chars = CLASSES.map((set) => pick(set));
    while (chars.length < length) chars.push(pick(ALL));
    shuffle(chars);
    const password = chars.join('');
    const lower = password.toLowerCase();
    if (!/(.)\1\1/.test(password) && !forbidden.some((token) => lower.includes(token))) return password;
  }
}

function pick(set: string): string {
  return set[randomInt(set.length)]!;
}

function shuffle(items: string[]): void {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
