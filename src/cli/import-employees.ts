// `npm run import -- employees.csv [--dry-run] [--adopt-existing] [--no-wait] [--timeout-seconds N]`
//
// Talks to the gateway's database and queue directly, like the report CLIs (src/cli/cli-gateway.ts):
// an operator's tool run where the gateway runs, with its configuration (.env). Rows go through the same
// service as the importEmployees mutation (row + job in one transaction), so running the same file again
// is safe; the gateway's (or `npm run worker`'s) queue workers provision them, and this CLI follows the
// file's rows (new or stored by an earlier run) until none is PENDING. Files over 1000 rows are sent as
// several batches. --adopt-existing adopts hand-made Auth0 accounts (docs/migration.md). Ctrl-C stores
// no further batch and stops following; what is stored stays queued. Exit code: 0 all rows stored (or
// already there) and provisioned; 1 some rows invalid, in conflict or FAILED (or not finished within the
// timeout); 2 usage; 130/143 interrupted (run it again to resume).
import { readFile } from 'node:fs/promises';
import { runWithGateway } from './cli-gateway.ts';
import { EXIT, parseCommand, progressBar, stoppedLine, usageError } from './command.ts';
import { MAX_IMPORT_ROWS, type ImportResult } from '../composition/services.ts';
import { employeeRowsFromCsv } from '../csv/employee-rows.ts';

const spec = {
  command: 'npm run import --',
  usage: `usage: npm run import -- <employees.csv> [--dry-run] [--adopt-existing] [--no-wait] [--timeout-seconds N]

  <employees.csv>        header name,email,department[,role][,external_id]; one employee per line
  --dry-run              check every row and say what would happen; store nothing
  --adopt-existing       link rows to the one unclaimed Auth0 account with their email (docs/migration.md)
  --no-wait              store the rows and return; do not follow their provisioning
  --timeout-seconds N    stop following after N seconds (default 3600; exit 1 if rows are still PENDING)`,
  options: {
    'dry-run': { type: 'boolean' },
    'adopt-existing': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'timeout-seconds': { type: 'string' },
  },
  positionals: { min: 1, max: 1 },
} as const;

const { values, positionals } = parseCommand(spec);
const file = positionals[0]!;
const dryRun = values['dry-run'] === true;
const adoptExistingAccounts = values['adopt-existing'] === true;
const wait = values['no-wait'] !== true;
const timeoutSeconds = values['timeout-seconds'] === undefined ? 3600 : Number(values['timeout-seconds']);
if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) usageError(spec, `--timeout-seconds must be a positive number, got '${values['timeout-seconds']}'`);

let rows;
try {
  rows = employeeRowsFromCsv(await readFile(file, 'utf8'));
} catch (error) {
  usageError(spec, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
if (rows.length === 0) usageError(spec, `${file} holds no employee rows (a header alone, or nothing): nothing to import`);

await runWithGateway(
  async (gateway, stop) => {
    // This process only stores rows and their jobs; the workers of a gateway or `npm run worker` call Auth0.
    const services = await gateway.services();
    // An operator with the gateway's database in hand is an administrator: any role may be granted (assignRole's rules).
    const actor = {
      id: `cli:import:${process.env.USER ?? 'unknown'}`,
      correlationId: `import:${crypto.randomUUID()}`,
      permissions: new Set(['manage:provisioning']),
    };
    const results: ImportResult[] = [];
    for (let start = 0; start < rows.length && !stop.signal.aborted; start += MAX_IMPORT_ROWS) {
      const chunk = rows.slice(start, start + MAX_IMPORT_ROWS);
      // Each row carries its line in the file, so problems (and duplicates) are reported by line.
      const result = await services.importEmployees(actor, chunk.map((row) => ({ ...row.employee, line: row.line })), { dryRun, adoptExistingAccounts });
      // Auth0 could not be asked (adoption reads it before anything is stored): nothing of this batch was imported.
      if (result instanceof Error) throw new Error(`nothing more imported: ${result.message}`);
      for (const row of result.rows) row.row += start;
      results.push(result);
    }
    const all = results.flatMap((result) => result.rows);
    for (const row of all.filter((candidate) => candidate.outcome === 'INVALID' || candidate.outcome === 'CONFLICT')) {
      const conflict = row.outcome === 'CONFLICT' ? 'CONFLICT: ' : '';
      console.log(`line ${row.line ?? row.row} (${row.email || 'no email'}): ${conflict}${row.reasons.join('; ')}`);
    }
    if (stop.signal.aborted) {
      console.error(stoppedLine(all.length, rows.length, 'rows stored (each stored row is queued)'));
      return EXIT.failed;
    }
    const sum = (pick: (result: ImportResult) => number) => results.reduce((total, result) => total + pick(result), 0);
    const created = sum((result) => result.created);
    const adopted = sum((result) => result.adopted);
    // Every row with an employee: this run's and those an earlier (interrupted) run stored.
    const followed = all.flatMap((row) => (row.employeeId && ['CREATED', 'ADOPTED', 'ALREADY_EXISTS'].includes(row.outcome) ? [row.employeeId] : []));
    let progress = { pending: 0, provisioned: 0, failed: 0 };
    if (!dryRun && wait && followed.length > 0) {
      const deadline = Date.now() + timeoutSeconds * 1000;
      const bar = startProgressBar(followed.length);
      for (;;) {
        progress = await services.employeesProgress(followed);
        bar.show(progress.provisioned + progress.failed, followed.length, progress.failed);
        if (progress.pending === 0 || Date.now() > deadline || stop.signal.aborted) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      bar.stop();
      if (stop.signal.aborted && progress.pending > 0) {
        console.error(stoppedLine(progress.provisioned + progress.failed, followed.length, 'rows provisioned (the rest are stored and queued)', 'run the same command again to follow them'));
      }
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
        ...(dryRun || !wait ? [] : [`provisioning failed ${progress.failed}`, `still pending ${progress.pending}`]),
      ].join(' | '),
    );
    return invalid > 0 || conflicts > 0 || progress.failed > 0 || progress.pending > 0 ? EXIT.failed : EXIT.done;
  },
  { interruptible: true },
);

/** Provisioning progress on stderr (stdout keeps the per-row report and the summary). */
function startProgressBar(total: number) {
  const bar = progressBar('provisioning [{bar}] {value}/{total} done, {failed} failed | {rate} rows/s | {eta_formatted} left', { etaBuffer: 20 });
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
