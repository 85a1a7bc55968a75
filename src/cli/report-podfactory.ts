// `npm run report:podfactory -- roster.csv [--json]`: the podfactoryMatchReport query for a CSV of
// PodFactory names and emails (`name,email`, header optional). Reads only the database.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MAX_ROSTER_ENTRIES } from '../composition/services.ts';
import { runWithGateway } from './cli-gateway.ts';
import { rosterEntriesFromCsv } from '../csv/roster-entries.ts';
import { formatPodfactoryReport } from '../reports/format.ts';

const usage = 'usage: npm run report:podfactory -- <roster.csv> [--json]';
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean' } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const [file] = parsed.positionals;
if (parsed.values.help || file === undefined || parsed.positionals.length > 1) {
  console.error(usage);
  process.exit(parsed.values.help ? 0 : 2);
}

let roster;
try {
  roster = rosterEntriesFromCsv(await readFile(file, 'utf8')).filter((entry) => entry.name !== '');
} catch (error) {
  console.error(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
if (roster.length > MAX_ROSTER_ENTRIES) {
  console.error(`${file}: ${roster.length} entries; at most ${MAX_ROSTER_ENTRIES}`);
  process.exit(2);
}
await runWithGateway(async (gateway) => {
  const report = await (await gateway.services()).podfactoryMatchReport(roster);
  console.log(parsed.values.json ? JSON.stringify(report, null, 2) : formatPodfactoryReport(report));
});
