// An import batch is the creator's and the admins' business: anyone else holding create:employees gets
// the answer of an unknown batch (null), from the query and from the subscription, so ids cannot be probed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../src/auth/permissions.ts';
import { ImportBatchDocument, ImportBatchProgressDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';
import { serveOverHttp, subscribe } from '../../helpers/sse.ts';

describe('import batch access', () => {
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;
  let batchId: string;
  const creator = 'auth0|batch-creator';
  const tokenOf = (sub: string, role: 'manager' | 'admin') =>
    gateway.control.mintToken({ sub, permissions: [...ROLE_PERMISSIONS[role]], expiresIn: 600 });

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    http = await serveOverHttp(gateway.app);
    const batch = await gateway.prisma.importBatch.create({
      data: { actorId: creator, total: 0, created: 0, alreadyExists: 0, invalid: 0, rows: [] },
    });
    batchId = batch.id;
  });
  afterAll(async () => {
    await http?.close();
    await gateway?.close();
  });

  const query = async (token: string) =>
    expectNoGraphQLErrors(
      await gateway.execute({ document: ImportBatchDocument, variables: { id: batchId }, headers: { authorization: `Bearer ${token}` } }),
    ).importBatch;
  const progress = async (token: string) => {
    const stream = await subscribe(http.url, { document: ImportBatchProgressDocument, variables: { batchId }, token });
    return stream.rest(10_000);
  };

  it('shows the batch to its creator and to an admin', async () => {
    for (const token of [await tokenOf(creator, 'manager'), await tokenOf('auth0|some-admin', 'admin')]) {
      expect(await query(token)).toMatchObject({ id: batchId, total: 0, finished: true });
      const events = await progress(token);
      expect(events).toEqual([{ data: { importBatchProgress: expect.objectContaining({ id: batchId, finished: true }) } }]);
    }
  });

  it('answers another manager exactly as for an unknown batch', async () => {
    const other = await tokenOf('auth0|another-manager', 'manager');
    expect(await query(other)).toBeNull();
    expect(await progress(other)).toEqual([{ data: { importBatchProgress: null } }]);
  });
});
