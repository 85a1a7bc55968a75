// `npm run import -- employees.csv [--dry-run] [--adopt-existing] [--no-wait] [--timeout-seconds N]`
//
// Talks to the gateway's database and queue directly, like the report CLIs (src/cli/cli-gateway.ts):
// an operator's tool run where the gateway runs, with its configuration (.env). Rows go through the same
// service as the importEmployees mutation (row + job in one transaction), so running the same file again
// is safe; the gateway's (or `npm run worker`'s) queue workers provision them, and this CLI follows the
// batch's progress until no row is PENDING. Files over 1000 rows are sent as several batches.
// --adopt-existing adopts hand-made Auth0 accounts (docs/migration.md). Exit code: 0 all rows stored (or
// already there) and provisioned; 1 some rows invalid, in conflict or FAILED (or not finished within the
// timeout); 2 usage or configuration error.
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { composeCliGateway } from './cli-gateway.ts';
import { MAX_IMPORT_ROWS, type ImportResult } from '../composition/services.ts';
import { employeeRowsFromCsv } from '../csv/employee-rows.ts';

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
const dryRun = args.includes('--dry-run');
const adoptExistingAccounts = args.includes('--adopt-existing');
const wait = !args.includes('--no-wait');
const timeoutIndex = args.indexOf('--timeout-seconds');
const timeoutSeconds = timeoutIndex >= 0 ? Number(args[timeoutIndex + 1]) : 3600;
if (!file || !Number.isFinite(timeoutSeconds)) {
  console.error('usage: npm run import -- employees.csv [--dry-run] [--adopt-existing] [--no-wait] [--timeout-seconds N]');
  process.exit(2);
}

let rows;
try {
  rows = employeeRowsFromCsv(await readFile(file, 'utf8'));
} catch (error) {
  console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const gateway = composeCliGateway();
// This process only stores rows and their jobs; the workers of a gateway or `npm run worker` call Auth0.
const services = await gateway.services();
// An operator with the gateway's database in hand is an administrator: any role may be granted (assignRole's rules).
const actor = {
  id: `cli:import:${process.env.USER ?? 'unknown'}`,
  correlationId: `import:${crypto.randomUUID()}`,
  permissions: new Set(['manage:provisioning']),
};

let exitCode = 0;
try {
  const results: ImportResult[] = [];
  for (let start = 0; start < rows.length; start += MAX_IMPORT_ROWS) {
    const chunk = rows.slice(start, start + MAX_IMPORT_ROWS);
    // Each row carries its line in the file, so problems (and duplicates) are reported by line.
    const result = await services.importEmployees(actor, chunk.map((row) => ({ ...row.employee, line: row.line })), { dryRun, adoptExistingAccounts });
    if (result instanceof Error) throw result;
    for (const row of result.rows) row.row += start;
    results.push(result);
  }
  const all = results.flatMap((result) => result.rows);
  for (const row of all.filter((candidate) => candidate.outcome === 'INVALID' || candidate.outcome === 'CONFLICT')) {
    const conflict = row.outcome === 'CONFLICT' ? 'CONFLICT: ' : '';
    console.log(`line ${row.line ?? row.row} (${row.email || 'no email'}): ${conflict}${row.reasons.join('; ')}`);
  }
  const sum = (pick: (result: ImportResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const created = sum((result) => result.created);
  const adopted = sum((result) => result.adopted);
  let failed = 0;
  let pending = 0;
  if (!dryRun && wait && created + adopted > 0) {
    const deadline = Date.now() + timeoutSeconds * 1000;
    const batchIds = results.flatMap((result) => (result.batchId ? [result.batchId] : []));
    const bar = startProgressBar(created + adopted);
    for (;;) {
      const progress = await Promise.all(batchIds.map((id) => services.importBatchProgress('process', id)));
      const provisioned = progress.reduce((total, batch) => total + (batch?.provisioned ?? 0), 0);
      failed = progress.reduce((total, batch) => total + (batch?.failed ?? 0), 0);
      pending = progress.reduce((total, batch) => total + (batch?.pending ?? 0), 0);
      bar.show(provisioned + failed, provisioned + failed + pending, failed);
      if (pending === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    bar.stop();
  }
  const invalid = sum((result) => result.invalid);
  const conflicts = sum((result) => result.conflicts);
  console.log(
    [
      dryRun ? 'dry run (nothing stored):' : `batches: ${results.map((result) => result.batchId).join(', ')}`,
      `rows ${rows.length}`,
      `${dryRun ? 'would create' : 'created'} ${created}`,
      ...(adoptExistingAccounts ? [`${dryRun ? 'would adopt' : 'adopted'} ${adopted}`, `conflicts ${conflicts}`] : []),
      `already exist ${sum((result) => result.alreadyExists)}`,
      `invalid ${invalid}`,
      ...(dryRun || !wait ? [] : [`provisioning failed ${failed}`, `still pending ${pending}`]),
    ].join(' | '),
  );
  if (invalid > 0 || conflicts > 0 || failed > 0 || pending > 0) exitCode = 1;
} catch (error) {
  // Auth0 could not be asked (adoption reads it before anything is stored): nothing was imported.
  console.error(`nothing imported: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await gateway.close();
}
process.exit(exitCode);

/**
 * Provisioning progress on stderr (stdout keeps the per-row report and the summary). On a terminal the
 * bar redraws in place; in a log (not a TTY) it writes a plain line every 10 seconds instead.
 */
function startProgressBar(total: number) {
  const bar = new cliProgress.SingleBar({
    format: 'provisioning [{bar}] {value}/{total} done, {failed} failed | {rate} rows/s | {eta_formatted} left',
    // cli-progress prints an ETA it cannot tell yet (no progress) as "NFs".
    formatTime: (seconds, options, roundTo) => (typeof seconds === 'number' ? cliProgress.Format.TimeFormat(seconds, options, roundTo) : '?'),
    noTTYOutput: true,
    notTTYSchedule: 10_000,
    // In a log each line already ends the bar's output; the closing newline would add a blank line.
    clearOnComplete: !process.stderr.isTTY,
    etaBuffer: 20,
    // Leave the terminal's line-wrap mode alone: a Ctrl-C would leave it switched off.
    linewrap: true,
  });
  const started = Date.now();
  bar.start(total, 0, { failed: 0, rate: '0.0' });
  return {
    show(done: number, total: number, failed: number) {
      const seconds = Math.max(1, (Date.now() - started) / 1000);
      bar.setTotal(total);
      bar.update(done, { failed, rate: (done / seconds).toFixed(1) });
    },
    stop: () => bar.stop(),
  };
}
