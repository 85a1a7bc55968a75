// employees(filter: { search }) matches what was typed: %, _ and \ are characters, not LIKE's wildcards
// and escape (a search for "%" used to return everyone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmployeesDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { seedEmployees, uniqueDepartment } from './seed.ts';

describe('employee search is literal', () => {
  let gateway: TestGateway;
  const department = uniqueDepartment('Literal');

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    await seedEmployees(
      gateway,
      ['Rate 50% Off', 'Rate 500 Off', 'Under_Score', 'UnderXScore', 'Back\\Slash', 'BackSlash'].map((name) => ({ name, department })),
    );
  });
  afterAll(() => gateway?.close());

  const found = async (search: string) => {
    const { employees } = expectNoGraphQLErrors(await gateway.execute({ document: EmployeesDocument, variables: { first: 50, filter: { department, search } } }));
    return { names: employees.edges.map((edge) => edge.node.name).sort(), total: employees.totalCount };
  };

  it.each([
    ['%', ['Rate 50% Off']],
    ['50%', ['Rate 50% Off']],
    ['_', ['Under_Score']],
    ['r_s', ['Under_Score']],
    ['\\', ['Back\\Slash']],
    ['k\\s', ['Back\\Slash']],
    ['%%', []],
  ])('search %j finds only names holding it', async (search, names) => {
    expect(await found(search)).toEqual({ names, total: names.length });
  });
});
