// Rollback wall time: N users the system created (each linked to an employee) are blocked or deleted by
// `npm run rollback -- --execute` (a child process, as an operator runs it) under the emulator's
// `essentials` preset, real time by default, against the documented-limit estimate for the same plan
// (src/services/rollback-estimate.ts). The in-run baseline for the CLI's fixed costs (process start, the
// user search, the switch-off grace) is a dry run measured just before. Own database.
//   npm run bench:rollback [-- --users 200 --mode block --time-scale 1]
// Goals: (execute - dry run - switch grace) / estimate <= 1.10; <= 1 % of calls answered 429; every user
// changed exactly once (foreign users left alone is the rollback tests' job).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { formatDuration, PLAN_LIMITS, rollbackSecondsOnPlan } from '../src/services/rollback-estimate.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';
import { Goals } from './goals.ts';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '200' }, mode: { type: 'string', default: 'block' }, 'time-scale': { type: 'string', default: '1' } },
});
const users = Number(values.users);
const mode = values.mode === 'delete' ? 'DELETE' : 'BLOCK';
const timeScale = Number(values['time-scale']);
/** The rollback CLI's wait after switching provisioning off (src/cli/rollback.ts SWITCH_GRACE_MS). */
const SWITCH_GRACE_SECONDS = 5;

async function run(databaseUrl: string) {
  const emulator = await startEmulator({ port: 0, config: { searchLagMs: 0 } });
  const control = new EmulatorControl(emulator.url);
  try {
    // Seeding with limits off: only the rollback is measured.
    const gateway = await startBenchGateway({ databaseUrl, emulator, workers: false });
    try {
      const { prisma } = await gateway.database();
      const { provider } = await gateway.identity();
      for (let start = 0; start < users; start += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, users - start) }, async (_, i) => {
            const email = `rollback.bench.${start + i}.${Date.now()}@warehouse-example.com`;
            const employee = await prisma.employee.create({ data: { name: `Bench Person ${start + i}`, email, department: 'Bench' } });
            const user = await provider.createUser({ email, name: employee.name, employeeId: employee.id });
            await prisma.employee.update({
              where: { id: employee.id },
              data: { auth0UserId: user.userId, auth0AccountCreatedAt: user.createdAt, auth0SyncStatus: 'CREATED' },
            });
          }),
        );
      }
    } finally {
      await gateway.close();
    }
    const seeded = (await control.users()).length;
    await control.configure({ preset: 'essentials', timeScale });
    console.log(`${users} system-created users; rollback --mode ${mode.toLowerCase()} under essentials (time scale ${timeScale})`);

    const rollback = async (args: string[]) => {
      const started = performance.now();
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/rollback.ts', ...args], {
          env: { ...process.env, DATABASE_URL: databaseUrl, AUTH0_EMULATOR_URL: emulator.url },
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        child.once('exit', resolve);
      });
      return { code, seconds: (performance.now() - started) / 1000 };
    };
    const dryRun = await rollback(['--mode', mode.toLowerCase()]);
    // The dry run's search drew from the read bucket: refill every bucket so the estimate's "full buckets" holds.
    await control.configure({ preset: 'off' });
    await control.configure({ preset: 'essentials', timeScale });
    const before = await control.requests();
    const execute = await rollback(['--execute', '--mode', mode.toLowerCase()]);
    const after = await control.requests();

    let calls = 0;
    let limited = 0;
    for (const [route, count] of Object.entries(after.counts)) {
      if (!route.includes('/api/v2/')) continue;
      calls += count - (before.counts[route] ?? 0);
      limited += (after.statuses[route]?.['429'] ?? 0) - (before.statuses[route]?.['429'] ?? 0);
    }
    const writeRoute = mode === 'BLOCK' ? 'PATCH /api/v2/users/:id' : 'DELETE /api/v2/users/:id';
    const writes = (after.counts[writeRoute] ?? 0) - (before.counts[writeRoute] ?? 0) - ((after.statuses[writeRoute]?.['429'] ?? 0) - (before.statuses[writeRoute]?.['429'] ?? 0));
    const remaining = await control.users();
    const changed = mode === 'BLOCK' ? remaining.filter((user) => user.blocked).length : seeded - remaining.length;

    const essentials = PLAN_LIMITS.find((limits) => limits.plan.startsWith('Essentials'))!;
    const estimate = rollbackSecondsOnPlan(users, mode, essentials) / timeScale;
    const work = execute.seconds - dryRun.seconds - SWITCH_GRACE_SECONDS;
    console.table({
      'dry run (CLI start + search)': { seconds: round(dryRun.seconds), exit: dryRun.code },
      execute: { seconds: round(execute.seconds), exit: execute.code },
      'execute - dry run - switch grace': { seconds: round(work), exit: '' },
      'documented-limit estimate': { seconds: round(estimate), exit: '' },
    });
    console.log(`wall time ${formatDuration(execute.seconds)}; ${calls} Management API calls, ${limited} answered 429; ${changed} users ${mode === 'BLOCK' ? 'blocked' : 'deleted'}`);

    const goals = new Goals('rollback');
    goals.atMost('dry run and execute exit codes', Math.max(dryRun.code ?? 1, execute.code ?? 1), 0);
    goals.atMost('rollback time / documented-limit estimate', work / estimate, 1.1);
    goals.atMost('429s / Management API calls', calls === 0 ? 1 : limited / calls, 0.01);
    goals.atLeast(`users ${mode === 'BLOCK' ? 'blocked' : 'deleted'} / users`, changed / users, 1);
    goals.atMost(`successful ${mode === 'BLOCK' ? 'PATCH' : 'DELETE'} calls / users (each user changed once)`, writes / users, 1);
    goals.report();
  } finally {
    await emulator.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
