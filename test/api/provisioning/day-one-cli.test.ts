// Day one as an operator runs it (docs/migration.md): the reconciliation report lists the hand-made
// account with the employee it belongs to, `npm run import -- staff.csv --adopt-existing` (dry run, then
// for real) adopts it, and the CSV's external ids reach the employees, GraphQL and Auth0's metadata.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployeeByExternalIdDocument } from '../../generated/graphql.ts';
import { runCli } from '../../helpers/cli.ts';
import { createHandMadeAccount, emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployee, uniqueDepartment } from '../reads/seed.ts';

describe('day one from the command line', () => {
  // The CLI stores rows and jobs in this queue; this gateway's workers (and no other test's) provision them.
  const schema = `pgboss_dayone_${process.pid}_${Date.now().toString(36)}`;
  const cliEnv = { PROVISIONING_QUEUE_SCHEMA: schema };
  let gateway: TestGateway;
  let dir: string;

  beforeAll(async () => {
    gateway = await startTestGateway({ queueSchema: schema, queuePrefix: '' });
    await gateway.control.configure({ searchLagMs: 0 });
    dir = await mkdtemp(path.join(tmpdir(), 'gw-day-one-'));
  });
  afterAll(async () => {
    await gateway?.prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await gateway?.prisma.provisioningSwitch.deleteMany({ where: { scope: `${schema}/` } });
    await gateway?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the hand-made account, adopts it from a CSV, and keeps the external ids', { timeout: 90_000 }, async () => {
    const department = uniqueDepartment('DayOneCli');
    const tag = crypto.randomUUID().slice(0, 8);
    const handMadeEmail = uniqueEmail('cli.handmade');
    const client = emulatorManagementClient(gateway);
    const handMade = await createHandMadeAccount(client, handMadeEmail, { name: 'Hand Made' });
    // An employee already stored without an account: the report names it as the account's probable owner.
    const waiting = await seedEmployee(gateway, { name: 'Waiting Person', email: uniqueEmail('cli.waiting'), department, status: 'FAILED' });
    const waitingAccount = await createHandMadeAccount(client, waiting.employee.email);

    const report = JSON.parse((await runCli('src/cli/report-reconciliation.ts', ['--department', department, '--json'], gateway.emulator.url, cliEnv)).stdout);
    expect(report.unlinkedAuth0Accounts).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ userId: waitingAccount }), probableEmployee: expect.objectContaining({ id: waiting.employee.id }), matchedBy: 'EMAIL' }),
    ]);

    const file = path.join(dir, 'staff.csv');
    const newcomer = uniqueEmail('cli.newcomer');
    await writeFile(file, `name,email,department,external_id\nHand Made,${handMadeEmail},${department},HR-${tag}-1\nNew Comer,${newcomer},${department},HR-${tag}-2\n`);
    const dry = await runCli('src/cli/import-employees.ts', [file, '--adopt-existing', '--dry-run'], gateway.emulator.url, cliEnv);
    expect(dry.stdout).toContain('dry run (nothing stored): | rows 2 | would create 1 | would adopt 1 | conflicts 0 | already exist 0 | invalid 0');

    const run = await runCli('src/cli/import-employees.ts', [file, '--adopt-existing', '--timeout-seconds', '60'], gateway.emulator.url, cliEnv);
    expect(run.stdout).toMatch(/rows 2 \| created 1 \| adopted 1 \| conflicts 0 \| already exist 0 \| invalid 0 \| provisioning failed 0 \| still pending 0/);

    const adopted = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeByExternalIdDocument, variables: { externalId: `HR-${tag}-1` } }));
    expect(adopted.employeeByExternalId).toMatchObject({ email: handMadeEmail, auth0UserId: handMade, auth0SyncStatus: 'CREATED' });
    for (const [email, externalId] of [[handMadeEmail, `HR-${tag}-1`], [newcomer, `HR-${tag}-2`]] as const) {
      await expect
        .poll(async () => ((await gateway.control.users()).find((user) => user.email === email)?.app_metadata as Record<string, unknown>)?.external_id, { timeout: 15_000 })
        .toBe(externalId);
    }
  });
});
