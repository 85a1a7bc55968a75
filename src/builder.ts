import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, EmailAddressResolver, NonEmptyStringResolver } from 'graphql-scalars';
import type PrismaTypes from './generated/pothos-prisma-types.ts';
import { getDatamodel } from './generated/pothos-prisma-types.ts';
import { prismaOf, type Context } from './context.ts';
import type { GatewayPermission } from './auth/permissions.ts';
import { ErrorCode } from './graphql-error-codes.ts';

/** Access errors are thrown (not union members) with a stable code; the message names no internals. */
export class ForbiddenError extends GraphQLError {
  constructor(code: typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN) {
    super(code === ErrorCode.UNAUTHENTICATED ? 'Authentication required' : 'Not allowed', { extensions: { code } });
  }
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: {
    /** Any verified caller. */
    authenticated: boolean;
    /** The caller's token carries this permission (Auth0 RBAC `permissions` claim). */
    permission: GatewayPermission;
  };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    EmailAddress: { Input: string; Output: string };
    NonEmptyString: { Input: string; Output: string };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    // Default deny: a field without authScopes is refused by the check in schema/index.ts at build time.
    authScopes: (context) => ({
      authenticated: context.viewer.sub !== null,
      permission: (permission) => context.viewer.permissions.has(permission),
    }),
    // Subscriptions are authorized once, when they start, not on every event.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context) =>
      new ForbiddenError(context.viewer.sub === null ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN),
  },
  errors: {
    defaultTypes: [],
  },
  // Argument shape checks (lengths, ranges) run before authorization: they reveal nothing the schema's
  // descriptions do not. Mutation inputs are validated in resolvers instead (schema/common/validate-input.ts).
  validation: {
    validationError: (result) =>
      new GraphQLError(result.issues.map((issue) => issue.message).join('; '), { extensions: { code: ErrorCode.BAD_USER_INPUT } }),
  },
  prisma: {
    client: (context) => prismaOf(context),
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Each node type carries its own type-level scopes; these only require a verified caller.
    // Descriptions for the parts of every connection the plugin generates.
    edgesFieldOptions: { description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { description: 'The item.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as `after` or `before`.' },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'True when items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page.' },
    firstArgOptions: { description: 'Page size, counted from the start (or from `after`).' },
    lastArgOptions: { description: 'Page size, counted from the end (or from `before`).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    pageInfoTypeOptions: { description: 'Pagination state of a connection (Relay).' },
    nodeTypeOptions: { description: 'An object with a global id, readable through `node(id)`.' },
    idFieldOptions: { description: 'Global id (Relay).' },
    nodeQueryOptions: {
      authScopes: { authenticated: true },
      description: 'Any object by global id (subject to its own access rules).',
      args: { id: { description: 'A global id.' } },
    },
    nodesQueryOptions: {
      authScopes: { authenticated: true },
      description: 'Objects by global ids (subject to their own access rules).',
      args: { ids: { description: 'Global ids.' } },
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('NonEmptyString', NonEmptyStringResolver);
