// `npm run report:reconciliation [-- --department <name>] [--days <n>] [--json]`: prints the same report as
// the reconciliationReport query.
import { DEFAULT_UNVERIFIED_DAYS } from '../composition/services.ts';
import { runWithGateway } from './cli-gateway.ts';
import { parseCommand, usageError } from './command.ts';
import { formatReconciliationReport } from '../reports/format.ts';

const spec = {
  command: 'npm run report:reconciliation --',
  usage: `usage: npm run report:reconciliation [-- --department <name>] [--days <n>] [--json]

  --department <name>  only this department
  --days <n>           list CREATED employees unverified for more than n days (default ${DEFAULT_UNVERIFIED_DAYS})
  --json               the report as JSON (the reconciliationReport query's fields)`,
  options: { department: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' } },
} as const;

const { values: options } = parseCommand(spec);
const days = options.days === undefined ? DEFAULT_UNVERIFIED_DAYS : Number(options.days);
if (!Number.isInteger(days) || days < 0) usageError(spec, `--days must be a whole number of days, got '${options.days}'`);

await runWithGateway(async (gateway) => {
  const report = await (await gateway.services()).reconciliationReport({ department: options.department ?? null, unverifiedForDays: days });
  console.log(options.json ? JSON.stringify(report, null, 2) : formatReconciliationReport(report));
});
