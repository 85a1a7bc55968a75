// Through /scim/v2 over HTTP, on a database of its own: the mass-deprovisioning guard holds back the 11th
// deactivation of a 100-person workforce within an hour (the identity provider still gets its success),
// and a token revoked through one gateway is refused (401) by another on the same database at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '@employee-gateway/auth0-emulator';
import { startGatewayEmulator } from '../../helpers/emulator.ts';
import type { Employee } from '../../../src/generated/prisma/client.ts';
import { HeldDeactivationsDocument, RevokeScimTokenDocument } from '../../generated/graphql.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { scimClient, scimTokenFor } from '../../helpers/scim.ts';

// Okta's deactivation (PATCH) and Entra's (PATCH with the operation in capitals and a string boolean).
const OKTA_DEACTIVATE = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] };
const globalId = (id: string) => Buffer.from(`Employee:${id}`).toString('base64');
const ENTRA_DEACTIVATE = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] };

describe('SCIM over HTTP: the guard and revocation', () => {
  let database: { url: string; drop(): Promise<void> };
  let emulator: RunningEmulator;
  let first: TestGateway;
  let second: TestGateway;
  let employees: Employee[];

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    emulator = await startGatewayEmulator();
    [first, second] = await Promise.all([
      startTestGateway({ databaseUrl: database.url, emulator, workers: false }),
      startTestGateway({ databaseUrl: database.url, emulator, workers: false }),
    ]);
    const stamp = Date.now().toString(36);
    await first.prisma.employee.createMany({
      data: Array.from({ length: 100 }, (_, index) => {
        const email = `guard${index}.${stamp}@warehouse-example.com`;
        return { name: `Guard ${index}`, email, userName: email, externalId: `00u${stamp}${index}`, department: 'Picking' };
      }),
    });
    employees = await first.prisma.employee.findMany({ orderBy: { email: 'asc' } });
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await emulator?.close();
    await database?.drop();
  });

  it('applies ten deactivations within the hour and holds the 11th and 12th: success answered, employees still active', async () => {
    const okta = scimClient(first, (await scimTokenFor(first, 'okta-guard')).token);
    const entra = scimClient(second, (await scimTokenFor(second, 'entra-guard')).token);
    for (const [index, employee] of employees.slice(0, 10).entries()) {
      const answer = await (index % 2 ? entra.send('PATCH', `/Users/${employee.id}`, ENTRA_DEACTIVATE) : okta.send('PATCH', `/Users/${employee.id}`, OKTA_DEACTIVATE));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ id: employee.id, active: false });
    }
    const [eleventh, twelfth] = [employees[10]!, employees[11]!];
    const held = await entra.send('PATCH', `/Users/${eleventh.id}`, ENTRA_DEACTIVATE);
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    const deleted = await okta.send('DELETE', `/Users/${twelfth.id}`);
    expect(deleted.status).toBe(204);

    expect(await first.prisma.employee.count({ where: { active: false } })).toBe(10);
    expect(await first.prisma.employee.count({ where: { id: { in: [eleventh.id, twelfth.id] }, active: true } })).toBe(2);
    const listed = expectNoGraphQLErrors(await first.execute({ document: HeldDeactivationsDocument })).heldDeactivations;
    expect(listed.map((row) => [row.employee?.id, row.requestedBy, row.state]).sort()).toEqual(
      [
        [globalId(eleventh.id), 'scim:entra-guard', 'HELD'],
        [globalId(twelfth.id), 'scim:okta-guard', 'HELD'],
      ].sort(),
    );
    expect(await (await second.app.fetch('http://gateway.test/metrics')).text()).toMatch(/^scim_held_deactivations 2$/m);

    // Active again in the source: the held deactivation is withdrawn, nothing left for an admin.
    const reactivated = await entra.send('PATCH', `/Users/${eleventh.id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(reactivated.status).toBe(200);
    const after = expectNoGraphQLErrors(await second.execute({ document: HeldDeactivationsDocument })).heldDeactivations;
    expect(after.map((row) => row.employee?.id)).toEqual([globalId(twelfth.id)]);
  });

  it('a token revoked through one gateway is refused by the other from the next request', async () => {
    const { token, id } = await scimTokenFor(first, 'okta-revoked');
    const onFirst = scimClient(first, token);
    expect((await onFirst.send('GET', '/Users?count=1')).status).toBe(200);
    expectNoGraphQLErrors(await second.execute({ document: RevokeScimTokenDocument, variables: { id } }));
    const refused = await onFirst.send('GET', '/Users?count=1');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(token.slice(5));
    expect((await scimClient(second, token).send('PATCH', `/Users/${employees[50]!.id}`, OKTA_DEACTIVATE)).status).toBe(401);
    expect(await first.prisma.employee.findUniqueOrThrow({ where: { id: employees[50]!.id } })).toMatchObject({ active: true });
  });
});
