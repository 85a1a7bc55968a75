// Every setting src/env.ts reads is listed in .env.example and in the README's "Configuration" table, and
// neither lists one the gateway does not read: a newcomer copying .env.example sees every knob.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTING_NAMES } from '../../src/env.ts';

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

describe('configuration documentation', () => {
  it('.env.example names every setting, set or commented out, and nothing else', () => {
    const listed = [...readFileSync('.env.example', 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    expect(sorted(listed)).toEqual(sorted(SETTING_NAMES));
  });

  it('the README "Configuration" table has a row for every setting', () => {
    const readme = readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### A real Auth0 tenant'));
    const listed = [...table.matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*) \|/gm)].flatMap((match) => [...match[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((name) => name[1]!));
    expect(sorted(listed)).toEqual(sorted(SETTING_NAMES));
  });
});
