// `npm run bench`: every benchmark, one after another, each in its own process (so one's heap, event
// loop and database do not colour the next), then a summary. Exits non-zero when any benchmark missed a
// goal or failed. Benchmarks are the gateway's bench/*.bench.ts and the emulator package's own.
//   npm run bench [-- provisioning reads]   (only the benchmarks whose file name contains one of the words)
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benches = [
  ...readdirSync(path.join(root, 'bench'))
    .filter((name) => name.endsWith('.bench.ts'))
    .sort()
    .map((name) => path.join('bench', name)),
  path.join('packages', 'auth0-emulator', 'bench', 'emulator.bench.ts'),
  path.join('packages', 'auth0-emulator', 'bench', 'state-file.bench.ts'),
];
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const selected = only.length === 0 ? benches : benches.filter((file) => only.some((word) => path.basename(file).includes(word)));
if (selected.length === 0) {
  console.error(`no benchmark matches ${only.join(', ')}; there are: ${benches.map((file) => path.basename(file, '.bench.ts')).join(', ')}`);
  process.exit(2);
}

const outcomes: { bench: string; exit: number | string; seconds: number }[] = [];
for (const file of selected) {
  const bench = path.basename(file, '.bench.ts');
  console.log(`\n=== ${bench} (${file}) ===`);
  const started = performance.now();
  const exit = await new Promise<number | string>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  outcomes.push({ bench, exit, seconds: Math.round((performance.now() - started) / 1000) });
}

console.log('\n=== summary ===');
console.table(Object.fromEntries(outcomes.map(({ bench, exit, seconds }) => [bench, { result: exit === 0 ? 'goals met' : `FAILED (exit ${exit})`, seconds }])));
process.exitCode = outcomes.every((outcome) => outcome.exit === 0) ? 0 : 1;
