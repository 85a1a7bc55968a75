// SCIM tokens over GraphQL: admins create them (the secret answered once, stored hashed), list and revoke
// them; a revocation through one gateway is refused at once by another on the same database; the secret
// is in no log line, audit row or later response.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateScimTokenDocument, RevokeScimTokenDocument, ScimTokensDocument } from '../../generated/graphql.ts';
import { hashScimToken } from '../../../src/services/scim-tokens.ts';
import { holdScratchDatabase } from '../../helpers/database.ts';
import { expectNoGraphQLErrors, startTestGateway, type TestGateway } from '../../helpers/gateway.ts';

// A database of its own: a test counts every token row, so no other file may write there meanwhile.
describe('SCIM tokens', () => {
  let database: Awaited<ReturnType<typeof holdScratchDatabase>>;
  let first: TestGateway;
  let second: TestGateway;
  const logs: string[] = [];
  const tag = crypto.randomUUID().slice(0, 8);

  beforeAll(async () => {
    const logDestination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    database = await holdScratchDatabase({ migrate: true });
    first = await startTestGateway({ databaseUrl: database.url, workers: false, logDestination, logLevel: 'trace' });
    second = await startTestGateway({ databaseUrl: database.url, workers: false, emulator: first.emulator, logDestination, logLevel: 'trace' });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await database?.drop();
  });

  const create = async (gateway: TestGateway, input: { name: string; maxRole?: string | null }) =>
    expectNoGraphQLErrors(await gateway.execute({ document: CreateScimTokenDocument, variables: { input } })).createScimToken;

  it('answers the secret once, stores only its hash, and a revocation through another gateway holds at once', async () => {
    const created = await create(first, { name: `okta ${tag}` });
    if (created.__typename !== 'CreateScimTokenPayload') throw new Error(JSON.stringify(created));
    expect(created.token).toMatch(/^scim_[A-Za-z0-9_-]{43}$/);
    expect(created.scimToken).toMatchObject({ name: `okta ${tag}`, maxRole: 'TEAM_LEAD', createdBy: 'auth0|test-admin', lastUsedAt: null, revokedAt: null });
    const stored = await first.prisma.scimToken.findUniqueOrThrow({ where: { id: created.scimToken.id } });
    expect(stored.secretHash).toBe(hashScimToken(created.token));
    expect(JSON.stringify(stored)).not.toContain(created.token.slice(5));

    const services = [await first.composition.services(), await second.composition.services()];
    expect(await services[0]!.scimTokens.authenticate(created.token)).toEqual({ tokenId: created.scimToken.id, name: `okta ${tag}`, maxRole: 'TEAM_LEAD' });
    expect(await services[1]!.scimTokens.authenticate(created.token)).not.toBeNull();
    expect(await services[0]!.scimTokens.authenticate(`${created.token.slice(0, -1)}x`)).toBeNull();
    expect(await services[0]!.scimTokens.authenticate('Bearer nonsense')).toBeNull();

    const listed = expectNoGraphQLErrors(await first.execute({ document: ScimTokensDocument })).scimTokens.find((token) => token.id === created.scimToken.id);
    expect(listed?.lastUsedAt).not.toBeNull();

    const revoked = expectNoGraphQLErrors(await second.execute({ document: RevokeScimTokenDocument, variables: { id: created.scimToken.id } })).revokeScimToken;
    expect(revoked).toMatchObject({ __typename: 'RevokeScimTokenPayload', scimToken: { id: created.scimToken.id } });
    expect(await services[0]!.scimTokens.authenticate(created.token)).toBeNull();
    expect(await services[1]!.scimTokens.authenticate(created.token)).toBeNull();
    // Revoking again keeps the first revocation (one audit row).
    const again = expectNoGraphQLErrors(await first.execute({ document: RevokeScimTokenDocument, variables: { id: created.scimToken.id } })).revokeScimToken;
    expect(again).toMatchObject({ scimToken: { revokedAt: revoked.__typename === 'RevokeScimTokenPayload' ? revoked.scimToken.revokedAt : 'x' } });

    const audit = await first.prisma.auditEvent.findMany({ where: { action: 'SCIM_TOKEN_CHANGED', detail: { contains: created.scimToken.id } }, orderBy: { occurredAt: 'asc' } });
    expect(audit.map((row) => [row.actor, row.detail?.split(' ')[0]])).toEqual([
      ['auth0|test-admin', 'created'],
      ['auth0|test-admin', 'revoked'],
    ]);
    const secret = created.token.slice(5);
    expect(await first.prisma.auditEvent.count({ where: { detail: { contains: secret } } })).toBe(0);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(secret);
    const later = JSON.stringify(expectNoGraphQLErrors(await first.execute({ document: ScimTokensDocument })));
    expect(later).not.toContain(secret);
  });

  it('takes maxRole in either spelling and refuses a taken name, a bad name or role, and an unknown id', async () => {
    expect(await create(first, { name: `entra-${tag}`, maxRole: 'admin' })).toMatchObject({ scimToken: { maxRole: 'ADMIN' } });
    expect(await create(first, { name: `entra-${tag}`, maxRole: 'MANAGER' })).toMatchObject({ __typename: 'ScimTokenNameTakenError', code: 'SCIM_TOKEN_NAME_TAKEN', name: `entra-${tag}` });
    const invalid = await create(first, { name: ' ', maxRole: 'owner' });
    expect(invalid.__typename).toBe('InputValidationError');
    expect(invalid.__typename === 'InputValidationError' && invalid.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['input.maxRole', 'input.name']);
    for (const id of [crypto.randomUUID(), 'not-a-uuid']) {
      const missing = expectNoGraphQLErrors(await first.execute({ document: RevokeScimTokenDocument, variables: { id } })).revokeScimToken;
      expect(missing).toMatchObject({ __typename: 'ScimTokenNotFoundError', code: 'SCIM_TOKEN_NOT_FOUND' });
    }
  });

  it('is for admins only', async () => {
    const count = await first.prisma.scimToken.count();
    for (const as of ['manager', 'team_lead'] as const) {
      const refused = await first.execute({ document: CreateScimTokenDocument, variables: { input: { name: `mgr-${tag}` } }, as });
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      const listed = await first.execute({ document: ScimTokensDocument, as });
      expect(listed.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(await first.prisma.scimToken.count()).toBe(count);
  });
});
