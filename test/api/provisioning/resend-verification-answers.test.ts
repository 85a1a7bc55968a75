// resendVerification answers what is true first: an employee who verified in Auth0 (the gateway not told
// yet) gets AlreadyVerifiedError, not the cooldown of the email sent before; and the cooldown names the
// address it is about.
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateEmployeeDocument } from '../../generated/graphql.ts';
import { expectNoGraphQLErrors, startTestGateway, uniqueEmail, type TestGateway } from '../../helpers/gateway.ts';

const Resend = parse(`mutation($id: ID!) { resendVerification(employeeId: $id) {
  __typename ... on VerificationCooldownError { message } ... on AlreadyVerifiedError { code } } }`) as TypedDocumentNode<
  { resendVerification: { __typename: string; message?: string } },
  { id: string }
>;

describe('resendVerification answers', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.close());

  async function created(email: string) {
    const result = expectNoGraphQLErrors(
      await gateway.execute({ document: CreateEmployeeDocument, variables: { input: { name: 'Resend Person', email, department: 'Resend' } }, as: 'manager' }),
    );
    const employee = (result.createEmployee as { employee: { id: string; auth0UserId: string | null } }).employee;
    await expect.poll(async () => (await gateway.prisma.employee.findFirst({ where: { email } }))?.invitationSentAt, { timeout: 15_000 }).not.toBeNull();
    return { id: employee.id, auth0UserId: (await gateway.prisma.employee.findFirstOrThrow({ where: { email } })).auth0UserId! };
  }
  const resend = async (id: string) => expectNoGraphQLErrors(await gateway.execute({ document: Resend, variables: { id }, as: 'manager' })).resendVerification;

  it('the cooldown names the email it is about', { timeout: 60_000 }, async () => {
    const email = uniqueEmail('resend.cooldown');
    const { id } = await created(email);
    const answer = await resend(id);
    expect(answer.__typename).toBe('VerificationCooldownError');
    expect(answer.message).toContain(`sent to ${email} recently`);
  });

  it('a verified employee gets AlreadyVerifiedError even within the cooldown', { timeout: 60_000 }, async () => {
    const email = uniqueEmail('resend.verified');
    const { id, auth0UserId } = await created(email);
    await gateway.control.verify(auth0UserId);
    expect((await resend(id)).__typename).toBe('AlreadyVerifiedError');
    expect(await gateway.prisma.employee.findFirst({ where: { email } })).toMatchObject({ auth0SyncStatus: 'VERIFIED' });
  });
});
