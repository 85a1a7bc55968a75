// `npm run report:reconciliation [-- --department <name>] [--days <n>] [--json]`: prints the same report as
// the reconciliationReport query.
import { parseArgs } from 'node:util';
import { DEFAULT_UNVERIFIED_DAYS } from '../composition/services.ts';
import { runWithGateway } from './cli-gateway.ts';
import { formatReconciliationReport } from '../reports/format.ts';

const usage = 'usage: npm run report:reconciliation [-- --department <name>] [--days <n>] [--json]';
let options;
try {
  options = parseArgs({
    options: { department: { type: 'string' }, days: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const days = options.days === undefined ? DEFAULT_UNVERIFIED_DAYS : Number(options.days);
if (options.help || !Number.isInteger(days) || days < 0) {
  console.error(usage);
  process.exit(options.help ? 0 : 2);
}

await runWithGateway(async (gateway) => {
  const report = await (await gateway.services()).reconciliationReport({ department: options.department ?? null, unverifiedForDays: days });
  console.log(options.json ? JSON.stringify(report, null, 2) : formatReconciliationReport(report));
});
