// A subscription lives no longer than the token that opened it: at the token's `exp` the stream ends,
// even though nothing about its employee changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../src/auth/permissions.ts';
import { EmployeeSyncStatusDocument } from '../../generated/graphql.ts';
import { startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';
import { serveOverHttp, subscribe } from '../../helpers/sse.ts';

describe('subscriptions and token expiry', () => {
  let gateway: TestGateway;
  let http: Awaited<ReturnType<typeof serveOverHttp>>;

  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
    http = await serveOverHttp(gateway.app);
  });
  afterAll(async () => {
    await http?.close();
    await gateway?.close();
  });

  it('ends the stream at the token exp, not later', { timeout: 30_000 }, async () => {
    const employee = await gateway.prisma.employee.create({ data: { name: 'Short Lived', email: uniqueEmail('expiry'), department: 'Picking' } });
    const token = await gateway.control.mintToken({ sub: 'auth0|short-lived', permissions: [...ROLE_PERMISSIONS.manager], expiresIn: 4 });
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;
    const stream = await subscribe(http.url, {
      document: EmployeeSyncStatusDocument,
      variables: { employeeId: Buffer.from(`Employee:${employee.id}`).toString('base64') },
      token,
    });
    expect(await stream.next()).toMatchObject({ data: { employeeSyncStatus: { auth0SyncStatus: 'PENDING' } } });
    const ended = await Promise.race([stream.ended.then(() => Date.now()), new Promise<null>((resolve) => setTimeout(() => resolve(null), exp - Date.now() + 3_000))]);
    stream.close();
    expect(ended, 'the stream outlived its token').not.toBeNull();
    // Ends at exp (the second-granular claim), not at exp plus the verifier's clock tolerance.
    expect(ended!).toBeGreaterThanOrEqual(exp - 1_000);
    expect(ended!).toBeLessThan(exp + 1_500);
  });
});
