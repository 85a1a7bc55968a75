// A clean install prints no allowScripts warning: package.json approves every installed dependency that
// has an install script npm would run (preinstall, install, postinstall). And `npm run start:prod` with no
// build says what to run instead of Node's "Cannot find module".
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { allowScripts?: Record<string, boolean> };

/** Installed packages (top level and scoped) whose package.json declares a script npm runs at install. */
function packagesWithInstallScripts(): string[] {
  const names: string[] = [];
  const visit = (dir: string, name: string) => {
    const manifest = path.join(dir, 'package.json');
    if (!existsSync(manifest)) return;
    const { scripts = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> };
    if (['preinstall', 'install', 'postinstall'].some((hook) => scripts[hook])) names.push(name);
  };
  for (const entry of readdirSync('node_modules')) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const scoped of readdirSync(path.join('node_modules', entry))) visit(path.join('node_modules', entry, scoped), `${entry}/${scoped}`);
    else visit(path.join('node_modules', entry), entry);
  }
  return names.sort();
}

describe('npm install', () => {
  it('allowScripts approves exactly the install scripts the project needs', () => {
    const approved = Object.entries(pkg.allowScripts ?? {}).filter(([, allowed]) => allowed).map(([name]) => name.replace(/(?<=.)@[^@/]+$/, ''));
    expect(packagesWithInstallScripts().filter((name) => !approved.includes(name))).toEqual([]);
  });

  it('start:prod and worker:prod without a build say to run npm run build', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gw-no-build-'));
    try {
      await copyFile('package.json', path.join(dir, 'package.json'));
      for (const script of ['start:prod', 'worker:prod']) {
        const outcome = await run('npm', ['run', '-s', script], { cwd: dir, timeout: 30_000 }).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(outcome.code, script).toBe(1);
        expect(outcome.stderr, script).toContain('run `npm run build` first');
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
