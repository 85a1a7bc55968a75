// Employee.externalId, the source system's own id: given at creation or later, unique, found by
// employeeByExternalId, written to Auth0 as app_metadata.external_id and kept current. Over HTTP against
// PostgreSQL and the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeWithExternalIdDocument, EmployeeByExternalIdDocument, UpdateEmployeeExternalIdDocument } from '../generated/graphql.ts';
import { holdScratchDatabase } from '../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../helpers/gateway.ts';

// A database of its own: a test counts every employee row, so no other file may write there meanwhile.
describe('external ids', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let gateway: TestGateway;
  const tag = crypto.randomUUID().slice(0, 8);

  beforeAll(async () => {
    database = await holdScratchDatabase({ migrate: true });
    gateway = await startTestGateway({ databaseUrl: database.url, provisioning: { waitMs: 2000 } });
  });
  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  const create = async (email: string, externalId: string) =>
    expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeWithExternalIdDocument, variables: { input: { name: 'Ext Person', email, department: 'Ext', externalId } } }),
    ).createEmployee;
  const metadataOf = async (email: string) => (await gateway.control.users()).find((user) => user.email === email)?.app_metadata as Record<string, unknown> | undefined;

  it('is stored, written to Auth0, and a re-sent person answers ALREADY_EXISTS with the stored employee', async () => {
    const email = uniqueEmail('ext.first');
    const first = await create(email, ` HR-${tag}-1 `);
    if (first.__typename !== 'CreateEmployeePayload') throw new Error(JSON.stringify(first));
    expect(first.employee.externalId).toBe(`HR-${tag}-1`);
    await expect.poll(() => metadataOf(email), { timeout: 15_000 }).toMatchObject({ external_id: `HR-${tag}-1`, created_by: 'productivity_system' });

    // Matched by id even when the source system changed the address meanwhile; nothing new is stored.
    const count = await gateway.prisma.employee.count();
    expect(await create(email, `HR-${tag}-1`)).toMatchObject({ __typename: 'EmployeeAlreadyExistsError', code: 'ALREADY_EXISTS', employee: { id: first.employee.id } });
    expect(await create(uniqueEmail('ext.moved'), `HR-${tag}-1`)).toMatchObject({ __typename: 'EmployeeAlreadyExistsError', employee: { email } });
    expect(await gateway.prisma.employee.count()).toBe(count);

    const found = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeByExternalIdDocument, variables: { externalId: `HR-${tag}-1` } }));
    expect(found.employeeByExternalId).toMatchObject({ id: first.employee.id, email });
    const missing = expectNoGraphQLErrors(await gateway.execute({ document: EmployeeByExternalIdDocument, variables: { externalId: `HR-${tag}-none` } }));
    expect(missing.employeeByExternalId).toBeNull();
  });

  it("refuses an id that belongs to another employee, on create and on update, and carries a change to Auth0", async () => {
    const holderEmail = uniqueEmail('ext.holder');
    const otherEmail = uniqueEmail('ext.other');
    const holder = await create(holderEmail, `HR-${tag}-2`);
    const other = await create(otherEmail, `HR-${tag}-3`);
    if (holder.__typename !== 'CreateEmployeePayload' || other.__typename !== 'CreateEmployeePayload') throw new Error('not created');

    // The email names one employee and the id another: a conflict, nothing changed.
    expect(await create(otherEmail, `HR-${tag}-2`)).toEqual({ __typename: 'ExternalIdAlreadyUsedError', code: 'EXTERNAL_ID_ALREADY_USED', externalId: `HR-${tag}-2` });
    const update = (externalId: string) =>
      gateway.execute({ document: UpdateEmployeeExternalIdDocument, variables: { employeeId: other.employee.id, externalId } });
    expect(expectNoGraphQLErrors(await update(`HR-${tag}-2`)).updateEmployee).toEqual({
      __typename: 'ExternalIdAlreadyUsedError',
      code: 'EXTERNAL_ID_ALREADY_USED',
      externalId: `HR-${tag}-2`,
    });
    expect((await gateway.prisma.employee.findUniqueOrThrow({ where: { email: otherEmail } })).externalId).toBe(`HR-${tag}-3`);

    expect(expectNoGraphQLErrors(await update(`HR-${tag}-4`)).updateEmployee).toMatchObject({ __typename: 'UpdateEmployeePayload', employee: { externalId: `HR-${tag}-4` } });
    await expect.poll(async () => (await metadataOf(otherEmail))?.external_id, { timeout: 15_000 }).toBe(`HR-${tag}-4`);
  });
});
