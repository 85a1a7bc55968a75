// `npm run report:podfactory -- roster.csv [--json]`: the podfactoryMatchReport query for a CSV of
// PodFactory names and emails (`name,email`, header optional). Reads only the database.
import { readFile } from 'node:fs/promises';
import { MAX_ROSTER_ENTRIES } from '../composition/services.ts';
import { runWithGateway } from './cli-gateway.ts';
import { parseCommand, usageError } from './command.ts';
import { rosterEntriesFromCsv } from '../csv/roster-entries.ts';
import { formatPodfactoryReport, podfactoryReportJson } from '../reports/format.ts';

const spec = {
  command: 'npm run report:podfactory --',
  usage: `usage: npm run report:podfactory -- <roster.csv> [--json]

  <roster.csv>  PodFactory's names and emails (name,email; header optional), at most ${MAX_ROSTER_ENTRIES} entries
  --json        the report as JSON (the podfactoryMatchReport query's fields)`,
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
} as const;

const { values, positionals } = parseCommand(spec);
const file = positionals[0]!;

let roster;
try {
  roster = rosterEntriesFromCsv(await readFile(file, 'utf8'));
} catch (error) {
  usageError(spec, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
}
const empty = roster.findIndex((entry) => entry.name.trim() === '');
if (empty >= 0) usageError(spec, `${file}: entry ${empty + 1} has no name (every roster entry needs one)`);
if (roster.length === 0) usageError(spec, `${file} holds no roster entries`);
if (roster.length > MAX_ROSTER_ENTRIES) usageError(spec, `${file}: ${roster.length} entries; at most ${MAX_ROSTER_ENTRIES}`);

await runWithGateway(async (gateway) => {
  const report = await (await gateway.services()).podfactoryMatchReport(roster);
  console.log(values.json ? JSON.stringify(podfactoryReportJson(report), null, 2) : formatPodfactoryReport(report));
});
