// The shape the source tree keeps (docs/design.md "Shape"): small files, short comments, one store for
// the Employee table's SQL, thin CLIs, live status below the services, and no import circles.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('generated'));
}

const SRC = sourceFiles('src');
const PACKAGES = readdirSync(path.join(ROOT, 'packages')).flatMap((name) => sourceFiles(path.join('packages', name, 'src')));
const text = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Lengths of the comment blocks in a file: runs of `//` lines, or the lines of one `/* *\/` block. */
function commentBlocks(source: string): number[] {
  const blocks: number[] = [];
  let run = 0;
  let inBlock = false;
  for (const line of source.split('\n').map((raw) => raw.trim())) {
    if (inBlock) {
      run += 1;
      if (line.includes('*/')) {
        blocks.push(run);
        run = 0;
        inBlock = false;
      }
    } else if (line.startsWith('/*')) {
      if (run > 0) blocks.push(run);
      run = 1;
      if (line.includes('*/')) {
        blocks.push(run);
        run = 0;
      } else inBlock = true;
    } else if (line.startsWith('//')) run += 1;
    else if (run > 0) {
      blocks.push(run);
      run = 0;
    }
  }
  if (run > 0) blocks.push(run);
  return blocks;
}

/** The relative imports of a file, resolved to project paths. */
function importsOf(file: string): string[] {
  const specifiers = [...text(file).matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((match) => match[1]!);
  return specifiers.map((specifier) => path.normalize(path.join(path.dirname(file), specifier)));
}

describe('source tree', () => {
  it('has no file over 400 lines in src/', () => {
    const long = SRC.map((file) => [file, text(file).split('\n').length] as const).filter(([, lines]) => lines > 400);
    expect(long).toEqual([]);
  });

  it('has no comment block over 12 lines in src/ or packages/*/src', () => {
    const long = [...SRC, ...PACKAGES].flatMap((file) => commentBlocks(text(file)).filter((lines) => lines > 12).map((lines) => `${file}: ${lines} lines`));
    expect(long).toEqual([]);
  });

  it('writes the Employee table name in SQL in at most two files', () => {
    const withSql = SRC.filter((file) => /"Employee"/.test(text(file)));
    expect(withSql.length, withSql.join(', ')).toBeLessThanOrEqual(2);
  });

  it('keeps CLIs thin: nothing under src/cli/ imports src/services/', () => {
    const reaching = SRC.filter((file) => file.startsWith(`src${path.sep}cli${path.sep}`)).flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith(`src${path.sep}services${path.sep}`)).map((target) => `${file} -> ${target}`),
    );
    expect(reaching).toEqual([]);
  });

  it('keeps live status below the services: nothing under src/live/ imports src/services/', () => {
    const reaching = SRC.filter((file) => file.startsWith(`src${path.sep}live${path.sep}`)).flatMap((file) =>
      importsOf(file).filter((target) => target.startsWith(`src${path.sep}services${path.sep}`)).map((target) => `${file} -> ${target}`),
    );
    expect(SRC.some((file) => file.startsWith(`src${path.sep}live${path.sep}`))).toBe(true);
    expect(reaching).toEqual([]);
  });

  it('has no import circle in src/', () => {
    const graph = new Map(SRC.map((file) => [file, importsOf(file).filter((target) => SRC.includes(target))] as const));
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of SRC) visit(file, []);
    expect(circles).toEqual([]);
  });
});
