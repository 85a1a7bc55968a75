import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ErrorsPlugin from '@pothos/plugin-errors';
import ValidationPlugin from '@pothos/plugin-validation';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import { DateTimeResolver, EmailAddressResolver, NonEmptyStringResolver } from 'graphql-scalars';
import type PrismaTypes from './generated/pothos-prisma-types.ts';
import { getDatamodel } from './generated/pothos-prisma-types.ts';
import { prismaOf, type Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { public: boolean };
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
    // Caller authentication (verified tokens, permissions) replaces this single scope in issue 5.
    authScopes: () => ({ public: true }),
  },
  errors: {
    defaultTypes: [],
    // Input validation failures become the InputValidationError union member instead of a top-level error.
    unsafelyHandleInputErrors: true,
  },
  validation: {},
  prisma: {
    client: (context) => prismaOf(context),
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('EmailAddress', EmailAddressResolver);
builder.addScalarType('NonEmptyString', NonEmptyStringResolver);

builder.queryType({ description: 'Read access to employees and their provisioning audit trail.' });
builder.mutationType({ description: 'Employee provisioning.' });
