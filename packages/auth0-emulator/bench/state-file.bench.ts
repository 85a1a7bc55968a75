// What one change to a tenant kept in a state file costs the emulator's event loop (in no-setup mode that
// is the gateway's own event loop), at 10,000 users: the synchronous part of each write (serialising what
// changed; the file writes themselves run off the loop), over 200 changes of one user each, and the event
// loop's longest delay meanwhile. Baseline in the same run: what the previous format cost per change, one
// JSON snapshot of the whole tenant. Goal (issue 24): <= 5 ms of event-loop time per change (mean and p99).
//   npm run bench:emulator-state [-- --users 10000 --changes 200]
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { StateFile } from '../src/state-file.ts';
import { snapshotOf, TenantState, type StoredUser } from '../src/state.ts';

const { values } = parseArgs({ options: { users: { type: 'string', default: '10000' }, changes: { type: 'string', default: '200' } } });
const userCount = Number(values.users);
const changes = Number(values.changes);
const GOAL_MS = 5;

const state = new TenantState({
  clientId: 'bench-client',
  clientSecret: 'bench-secret',
  managementAudiences: ['https://bench.example/api/v2/'],
  apiAudience: 'https://bench.example/api',
  managementScopes: [],
  apiScopes: [],
});
const role = [...state.roles.values()][0]!;
const userOf = (i: number, name = `Bench Person ${i}`): StoredUser => ({
  connectionId: state.connection.id,
  roleIds: [role.id],
  user: {
    user_id: `auth0|bench${String(i).padStart(8, '0')}`,
    email: `bench.person.${i}@warehouse-example.com`,
    email_verified: false,
    name,
    nickname: `bench.person.${i}`,
    picture: 'https://s.gravatar.com/avatar/bench.png',
    identities: [{ connection: 'Username-Password-Authentication', user_id: `bench${i}`, provider: 'auth0', isSocial: false }],
    app_metadata: { employee_id: crypto.randomUUID(), created_by: 'productivity_system', role_code: 'production_associate' },
    user_metadata: { department: `Dept ${i % 17}` },
    created_at: new Date().toISOString(),
    updated_at: new Date().toISOString(),
  },
});

const dir = await mkdtemp(path.join(tmpdir(), 'emulator-state-bench-'));
try {
  const file = path.join(dir, 'tenant.json');
  const stateFile = new StateFile(file, state, (error) => console.error(error));
  await stateFile.load();
  for (let i = 0; i < userCount; i += 1) state.putUser(userOf(i));
  await stateFile.flush(); // the snapshot of the whole tenant, as a close leaves it
  const snapshotMb = (await stat(file)).size / 1e6;

  // Baseline: the previous format's write, a snapshot of the whole tenant per change (its synchronous part).
  const full: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    JSON.stringify(snapshotOf(state));
    full.push(performance.now() - started);
  }

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const perChange: number[] = [];
  for (let i = 0; i < changes; i += 1) {
    state.putUser(userOf(i * 37 % userCount, `Renamed ${i}`));
    stateFile.changed();
    await stateFile.settle();
    perChange.push(stateFile.stats.lastSyncMs);
  }
  delay.disable();
  const journalKb = (await stat(`${file}.journal`)).size / 1e3;

  const sorted = [...perChange].sort((a, b) => a - b);
  const mean = perChange.reduce((sum, ms) => sum + ms, 0) / perChange.length;
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!;
  const fullMedian = [...full].sort((a, b) => a - b)[Math.floor(full.length / 2)]!;
  console.log(`emulator state file: ${userCount} users (snapshot ${snapshotMb.toFixed(1)} MB), ${changes} changes of one user each (journal ${journalKb.toFixed(0)} kB)`);
  console.table({
    'previous format: whole snapshot per change': { 'median ms': +fullMedian.toFixed(2) },
    'journal: event-loop time per change': { 'mean ms': +mean.toFixed(3), 'p99 ms': +p99.toFixed(3), 'max ms': +sorted.at(-1)!.toFixed(3) },
    'event loop, longest delay meanwhile': { 'max ms': +(delay.max / 1e6).toFixed(2) },
  });
  console.log(`  journal / previous format (mean per change): ${(mean / fullMedian).toFixed(4)}`);
  // Hand-written rather than the gateway's bench/goals.ts: this package stands alone.
  const goals = [
    { goal: `mean event-loop ms per change at ${userCount} users`, value: mean },
    { goal: `p99 event-loop ms per change at ${userCount} users`, value: p99 },
  ];
  console.log('\nemulator-state: goals');
  for (const { goal, value } of goals) console.log(`  ${goal}: ${value.toFixed(3)} ms (goal <= ${GOAL_MS} ms): ${value <= GOAL_MS ? 'met' : 'MISSED'}`);
  const met = goals.every(({ value }) => value <= GOAL_MS);
  console.log(met ? 'emulator-state: all goals met' : 'emulator-state: goals missed');
  if (!met) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
