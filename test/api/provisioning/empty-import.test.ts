// An empty import is refused (InputValidationError), storing no batch: it would otherwise be a batch that
// never has anything to finish.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportEmployeesDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';

describe('importEmployees with no rows', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(() => gateway?.close());

  it('answers InputValidationError and stores no batch', async () => {
    // Batches of no rows: only an empty import makes one (other files import at the same time).
    const empty = () => gateway.prisma.importBatch.count({ where: { total: 0 } });
    const before = await empty();
    const result = expectNoGraphQLErrors(await gateway.execute({ document: ImportEmployeesDocument, variables: { input: { employees: [] } }, as: 'manager' }));
    expect(result.importEmployees.__typename).toBe('InputValidationError');
    expect(await empty()).toBe(before);
  });
});
