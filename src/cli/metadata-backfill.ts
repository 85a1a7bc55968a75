// `npm run metadata:backfill [-- --execute] [--department D]`: brings every linked employee's Auth0 user to the current
// metadata shape (Option A, plus Option B's PodFactory emails when PODFACTORY_EMAIL_METADATA is on).
// Without --execute it only lists what it would change. Paced by the shared rate-limit pacer; resumable
// (a rerun skips users already current). Exit code: 0 done, 1 some users failed or were busy (rerun),
// 2 usage error.
import { parseArgs } from 'node:util';
import { runWithGateway } from './cli-gateway.ts';

const usage = 'usage: npm run metadata:backfill [-- --execute] [--department <name>]';
let options;
try {
  options = parseArgs({ options: { execute: { type: 'boolean' }, department: { type: 'string' }, help: { type: 'boolean' } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
const execute = options.execute === true;

await runWithGateway(async (gateway) => {
  const actor = { id: `cli:metadata-backfill:${process.env.USER ?? 'unknown'}`, correlationId: `metadata-backfill:${crypto.randomUUID()}` };
  const counts = await (await gateway.services()).backfillMetadata(actor, {
    execute,
    department: options.department ?? null,
    onItem: (item) => {
      if (item.outcome === 'CURRENT') return;
      const verb = { WOULD_UPDATE: 'would update', UPDATED: 'updated', USER_MISSING: 'user missing in Auth0', BUSY: 'busy, rerun', FAILED: 'failed' }[item.outcome];
      console.log(`${verb}: ${item.auth0UserId} <${item.email}> employee ${item.employeeId}${item.detail ? ` (${item.detail})` : ''}`);
    },
  });
  console.log(
    [
      execute ? 'metadata backfill:' : 'dry run (nothing changed; --execute applies):',
      `${execute ? 'updated' : 'would update'} ${execute ? counts.UPDATED : counts.WOULD_UPDATE}`,
      `already current ${counts.CURRENT}`,
      `user missing ${counts.USER_MISSING}`,
      ...(execute ? [`busy ${counts.BUSY}`, `failed ${counts.FAILED}`] : [`failed reads ${counts.FAILED}`]),
    ].join(' | '),
  );
  return counts.FAILED > 0 || counts.BUSY > 0 ? 1 : 0;
});
