// podfactoryMatchReport over HTTP with the plan's edge cases. Names carry a tag of random letters so
// that employees other test files create never match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth0IdentityProvider } from '../../../src/auth0/auth0-identity-provider.ts';
import { GATEWAY_PERMISSIONS } from '../../../src/auth/permissions.ts';
import { PodfactoryMatchReportDocument, type PodfactoryMatchReportQuery } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type GraphQLResponse, type TestGateway } from '../../helpers/gateway.ts';
import { emulatorManagementClient } from '../../helpers/hand-made-accounts.ts';
import { seedEmployee, uniqueDepartment, uniqueNameTag } from './seed.ts';

function reportOf(response: GraphQLResponse<PodfactoryMatchReportQuery>) {
  const result = expectNoGraphQLErrors(response).podfactoryMatchReport;
  if (result.__typename !== 'PodfactoryMatchReport') throw new Error(JSON.stringify(result));
  return result;
}

describe('PodFactory match report', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it('matches, flags ambiguity and renames, and leaves strangers unmatched', async () => {
    const tag = uniqueNameTag();
    const Tag = tag[0]!.toUpperCase() + tag.slice(1);
    const picking = uniqueDepartment('Picking');
    const shipping = uniqueDepartment('Shipping');
    const jose = await seedEmployee(gateway, { name: `José Martínez${Tag}`, email: `jose.martinez${tag}@warehouse-example.com`, department: picking });
    const anaPicking = await seedEmployee(gateway, { name: `Ana Gómez${Tag}`, email: `ana.gomez${tag}@warehouse-example.com`, department: picking });
    const anaShipping = await seedEmployee(gateway, { name: `Ana Gómez${Tag}`, email: `ana.gomez${tag}.2@warehouse-example.com`, department: shipping });
    // Renamed from "María López": the address (and PodFactory's roster) still carry the old name.
    const maria = await seedEmployee(gateway, { name: `María Fernández${Tag}`, email: `maria.lopez${tag}@warehouse-example.com`, department: shipping });
    const inactive = await seedEmployee(gateway, { name: `Left Already${Tag}`, department: picking });
    await gateway.prisma.employee.update({ where: { id: inactive.employee.id }, data: { active: false } });

    const roster = [
      { name: `jose.martinez${tag}` },
      { name: `JOSE_MARTINEZ${Tag.toUpperCase()}` },
      { name: `Jose Martinez${tag}` },
      { name: `martinez${tag}` },
      { name: `Ana Gomez${tag}` },
      { name: `ana.gomez${tag}`, email: `ana.gomez${tag}.pack@warehouse-example.com` },
      { name: `Ana Gómez${Tag}`, email: `ana.gomez${tag}.2.ship@warehouse-example.com` },
      { name: `María López${Tag}`, email: `maria.lopez${tag}.shp@warehouse-example.com` },
      { name: `María López${Tag}` },
      { name: `j.martinez${tag}`, email: `jose.martinez${tag}.hp@warehouse-example.com` },
      { name: `jose.martinez${tag}`, email: `jose.martinez${tag}.shipping@warehouse-example.com` },
      { name: `Left Already${Tag}` },
      { name: `Nobody${Tag}`, email: `nobody${tag}.pick@warehouse-example.com` },
    ];
    const report = reportOf(await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster } }));

    const outcome = report.entries.map((entry) => [
      entry.status,
      entry.matchedBy,
      entry.nameVariant,
      entry.employee?.id ?? null,
      entry.candidates.map((candidate) => candidate.id).sort(),
    ]);
    expect(outcome).toEqual([
      ['MATCHED', 'FIRST_DOT_LAST', 'FIRST_DOT_LAST', jose.id, []],
      ['MATCHED', 'FIRST_UNDERSCORE_LAST', 'FIRST_UNDERSCORE_LAST', jose.id, []],
      ['MATCHED', 'FULL_NAME', 'FULL_NAME', jose.id, []],
      ['MATCHED', 'LAST_NAME', 'LAST_NAME', jose.id, []],
      // Same name in two departments.
      ['AMBIGUOUS', 'FULL_NAME', null, null, [anaPicking.id, anaShipping.id].sort()],
      // A suffixed email settles it.
      ['MATCHED', 'EMAIL', 'FIRST_DOT_LAST', anaPicking.id, []],
      ['MATCHED', 'EMAIL', 'FULL_NAME', anaShipping.id, []],
      // Renamed: found by the address, and the report says the roster name is out of date.
      ['MATCHED', 'EMAIL', null, maria.id, []],
      ['UNMATCHED', null, null, null, []],
      ['MATCHED', 'EMAIL', null, jose.id, []],
      // ".shipping" is not a PodFactory suffix: the name decides.
      ['MATCHED', 'FIRST_DOT_LAST', 'FIRST_DOT_LAST', jose.id, []],
      // Employees who left are not candidates.
      ['UNMATCHED', null, null, null, []],
      ['UNMATCHED', null, null, null, []],
    ]);
    expect(report.entries[4]!.candidates.map((candidate) => candidate.department).sort()).toEqual([picking, shipping].sort());
    expect(report.entries.some((entry) => entry.candidatesTruncated)).toBe(false);
    expect({ matched: report.matched, ambiguous: report.ambiguous, unmatched: report.unmatched }).toEqual({ matched: 9, ambiguous: 1, unmatched: 3 });
  });

  it('takes a roster of 1000 entries and refuses 1001 as bad input', async () => {
    const roster = (size: number) => Array.from({ length: size }, (_, i) => ({ name: `Nobody${uniqueNameTag()}`, email: `nobody.${i}@warehouse-example.com` }));
    const full = reportOf(await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster: roster(1000) } }));
    expect(full.unmatched).toBe(1000);
    const tooLong = await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster: roster(1001) } });
    expect(tooLong.data ?? null).toBeNull();
    expect(tooLong.errors).toEqual([expect.objectContaining({ message: 'roster: at most 1000 entries', extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('refuses an empty roster entry (no name, no email) with InputValidationError naming each one; a blank name with an email is matched by it', async () => {
    const response = await gateway.execute({
      document: PodfactoryMatchReportDocument,
      variables: { roster: [{ name: 'Someone Real' }, { name: '  ' }, { name: '', email: ' ' }, { name: '', email: 'nobody.blank@warehouse-example.com' }] },
    });
    expect(expectNoGraphQLErrors(response).podfactoryMatchReport).toEqual({
      __typename: 'InputValidationError',
      message: expect.any(String),
      issues: [
        { message: 'An empty roster entry: give a name or an email', path: ['roster', '1', 'name'] },
        { message: 'An empty roster entry: give a name or an email', path: ['roster', '2', 'name'] },
      ],
    });
  });

  it('calls AMBIGUOUS a name several employees share at its strongest variant, whatever their departments', async () => {
    const tag = uniqueNameTag();
    const Tag = tag.charAt(0).toUpperCase() + tag.slice(1);
    const department = uniqueDepartment('Same');
    await gateway.prisma.employee.createMany({
      data: [
        { name: `Rosa${Tag} Prieto${Tag}`, email: uniqueEmail('rosa'), department },
        { name: `Rosa${Tag} Vidal${Tag}`, email: uniqueEmail('rosa'), department },
      ],
    });
    const report = reportOf(await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster: [{ name: `rosa${tag}` }, { name: `rosa${tag}.prieto${tag}` }] } }));
    expect(report.entries.map((entry) => [entry.status, entry.matchedBy, entry.candidates.length])).toEqual([
      ['AMBIGUOUS', 'FIRST_NAME', 2],
      ['MATCHED', 'FIRST_DOT_LAST', 0],
    ]);
  });

  it('lists at most 20 candidates of an ambiguous entry and says when there were more', async () => {
    const tag = uniqueNameTag();
    const department = uniqueDepartment('Crowd');
    const namesake = (count: number, name: string) =>
      gateway.prisma.employee.createMany({
        data: Array.from({ length: count }, () => ({ name, email: uniqueEmail('namesake'), department })),
      });
    await namesake(21, `Crowded Name${tag}`);
    await namesake(20, `Busy Name${tag}`);
    const report = reportOf(
      await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster: [{ name: `Crowded Name${tag}` }, { name: `Busy Name${tag}` }] } }),
    );
    expect(report.entries.map((entry) => [entry.status, entry.candidates.length, entry.candidatesTruncated])).toEqual([
      ['AMBIGUOUS', 20, true],
      ['AMBIGUOUS', 20, false],
    ]);
  });

  it('is for callers who read every employee: read:employees, not any other permission', async () => {
    const roster = [{ name: 'Anyone' }];
    const allButReadEmployees = await gateway.control.mintToken({
      sub: 'auth0|podfactory-no-read',
      permissions: GATEWAY_PERMISSIONS.filter((permission) => permission !== 'read:employees'),
    });
    const refused = await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster }, headers: { authorization: `Bearer ${allButReadEmployees}` } });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // Team leads read every employee (`employees`), so the report shows them nothing new.
    expectNoGraphQLErrors(await gateway.execute({ document: PodfactoryMatchReportDocument, variables: { roster }, as: 'team_lead' }));
  });

  it('stores the PodFactory email variants in app_metadata when metadata Option B is switched on', async () => {
    const client = emulatorManagementClient(gateway);
    const connection = 'Username-Password-Authentication';
    const withOptionB = new Auth0IdentityProvider(client, { connection, podfactoryEmailMetadata: true });
    const without = new Auth0IdentityProvider(client, { connection });
    const email = uniqueEmail('option.b');
    const local = email.split('@')[0];
    const created = await withOptionB.createUser({ email, name: 'Option Bee', employeeId: '00000000-0000-0000-0000-0000000000b0' });
    const plain = await without.createUser({ email: uniqueEmail('option.a'), name: 'Option Ay', employeeId: '00000000-0000-0000-0000-0000000000a0' });
    const stored = new Map((await gateway.control.users()).map((user) => [user.user_id, user.app_metadata]));
    expect(stored.get(created.userId)).toEqual({
      employee_id: '00000000-0000-0000-0000-0000000000b0',
      created_by: 'productivity_system',
      podfactory_emails: ['shp', 'ship', 'pack', 'pick', 'hp'].map((suffix) => `${local}.${suffix}@warehouse-example.com`),
    });
    expect(stored.get(plain.userId)).toEqual({ employee_id: '00000000-0000-0000-0000-0000000000a0', created_by: 'productivity_system' });
  });
});
