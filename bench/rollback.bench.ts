// Rollback wall time: N users the system created (each linked to an employee) are blocked or deleted by
// `npm run rollback -- --execute` (a child process, as an operator runs it) under the emulator's
// `essentials` preset, real time by default; compared with the documented-limit estimate. Own database.
//   npm run bench:rollback [-- --users 200 --mode block --time-scale 1]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startEmulator } from '@employee-gateway/auth0-emulator';
import { EmulatorControl } from '@employee-gateway/auth0-emulator/control-client';
import { withScratchDatabase } from '../src/db/migrations.ts';
import { formatDuration, PLAN_LIMITS, rollbackSecondsOnPlan } from '../src/services/rollback-estimate.ts';
import { BENCH_ADMIN_URL, startBenchGateway } from './bench-gateway.ts';

const { values } = parseArgs({
  options: { users: { type: 'string', default: '200' }, mode: { type: 'string', default: 'block' }, 'time-scale': { type: 'string', default: '1' } },
});
const users = Number(values.users);
const mode = values.mode === 'delete' ? 'DELETE' : 'BLOCK';
const timeScale = Number(values['time-scale']);

async function run(databaseUrl: string) {
  const emulator = await startEmulator({ port: 0, config: { searchLagMs: 0 } });
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
    await new EmulatorControl(emulator.url).configure({ preset: 'essentials', timeScale });
    console.log(`${users} system-created users; rollback --mode ${mode.toLowerCase()} --execute under essentials (time scale ${timeScale})`);

    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/rollback.ts', '--execute', '--mode', mode.toLowerCase()], {
        env: { ...process.env, DATABASE_URL: databaseUrl, AUTH0_EMULATOR_URL: emulator.url },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', resolve);
    });
    const seconds = (performance.now() - started) / 1000;
    const requests = await new EmulatorControl(emulator.url).requests();
    const limited = Object.values(requests.statuses).reduce((sum, byStatus) => sum + (byStatus['429'] ?? 0), 0);
    const essentials = PLAN_LIMITS.find((limits) => limits.plan.startsWith('Essentials'))!;
    console.log(
      [
        `exit ${code}`,
        `wall time ${formatDuration(seconds)} (${seconds.toFixed(1)} s, including the CLI start and the 5 s wait after switching off)`,
        `documented-limit estimate ${formatDuration(rollbackSecondsOnPlan(users, mode, essentials) / timeScale)}`,
        `429s ${limited}`,
      ].join(' | '),
    );
  } finally {
    await emulator.close();
  }
}

await withScratchDatabase(BENCH_ADMIN_URL, 'gw_bench', run);
