// `npm run metadata:backfill [-- --execute] [--department D]`: brings every linked employee's Auth0 user to the current
// metadata shape (Option A, plus Option B's PodFactory emails when PODFACTORY_EMAIL_METADATA is on).
// Without --execute it only lists what it would change. Paced by the shared rate-limit pacer; resumable
// (a rerun skips users already current). Ctrl-C starts no further user. Exit code: 0 done, 1 some users
// failed or were busy (rerun), 2 usage error, 130/143 interrupted (rerun to resume).
import { runWithGateway } from './cli-gateway.ts';
import { EXIT, parseCommand, stoppedLine } from './command.ts';

const spec = {
  command: 'npm run metadata:backfill --',
  usage: `usage: npm run metadata:backfill [-- --execute] [--department <name>]

  --execute            update the users; without it, list what would change and change nothing
  --department <name>  only employees of this department`,
  options: { execute: { type: 'boolean' }, department: { type: 'string' } },
} as const;

const { values: options } = parseCommand(spec);
const execute = options.execute === true;

await runWithGateway(
  async (gateway, stop) => {
    const actor = { id: `cli:metadata-backfill:${process.env.USER ?? 'unknown'}`, correlationId: `metadata-backfill:${crypto.randomUUID()}` };
    const counts = await (await gateway.services()).backfillMetadata(actor, {
      execute,
      department: options.department ?? null,
      signal: stop.signal,
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
    if (counts.interrupted) {
      const seen = counts.WOULD_UPDATE + counts.UPDATED + counts.CURRENT + counts.USER_MISSING + counts.BUSY + counts.FAILED;
      console.error(stoppedLine(seen, counts.total, 'users'));
    }
    return counts.FAILED > 0 || counts.BUSY > 0 || counts.interrupted ? EXIT.failed : EXIT.done;
  },
  { interruptible: true },
);
