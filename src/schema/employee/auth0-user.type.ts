import { GraphQLError } from 'graphql';
import { builder } from '../../builder.ts';
import type { Context } from '../../context.ts';
import { ErrorCode } from '../../graphql-error-codes.ts';
import { IdentityError, type IdentityUserProfile } from '../../services/identity-provider.ts';

export const Auth0UserRef = builder.objectRef<IdentityUserProfile>('Auth0User').implement({
  description:
    'An Auth0 user as Auth0 has it now. Read through the user search (batched), which trails writes by a moment: a change made in the last seconds may not show yet.',
  fields: (t) => ({
    userId: t.exposeString('userId', { description: 'The Auth0 user id, e.g. auth0|65f0....' }),
    email: t.exposeString('email', { description: 'The login email in Auth0.' }),
    name: t.exposeString('name', { nullable: true, description: 'The name in the Auth0 profile.' }),
    emailVerified: t.exposeBoolean('emailVerified', { description: 'Whether the employee has confirmed their email address.' }),
    blocked: t.exposeBoolean('blocked', { description: 'Whether an administrator blocked the account.' }),
    lastLogin: t.expose('lastLogin', { type: 'DateTime', nullable: true, description: 'When the employee last signed in; null if never.' }),
    loginsCount: t.exposeInt('loginsCount', { description: 'How many times the employee has signed in.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When Auth0 created the account.' }),
    roles: t.stringList({
      description:
        'Names of the Auth0 roles the user holds (e.g. production_associate). Read per page of users: by role member lists, or per user when that costs fewer Auth0 requests.',
      resolve: async (user, _args, context) =>
        (await identityRead(() => context.loaders.auth0RoleNamesByUserId.load(user.userId))) ?? [],
    }),
  }),
});

/** The Auth0 user an employee is linked to; null when there is none or Auth0 no longer has it. */
export async function linkedAuth0User(employee: { auth0UserId: string | null }, context: Context): Promise<IdentityUserProfile | null> {
  if (employee.auth0UserId === null) return null;
  return identityRead(() => context.loaders.auth0UserByUserId.load(employee.auth0UserId!));
}

/** Auth0 failures become a coded error on the field alone; the rest of the page still answers. */
async function identityRead<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof IdentityError) {
      throw new GraphQLError('Auth0 could not be read; try again shortly.', {
        extensions: { code: ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, httpStatus: error.httpStatus },
      });
    }
    throw error;
  }
}
