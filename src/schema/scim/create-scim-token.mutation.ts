import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { employeeRoleSchema } from '../../services/employee-input.ts';
import { DomainError } from '../../services/errors.ts';
import { DEFAULT_SCIM_MAX_ROLE, ScimTokenNameTakenError, scimTokenNameSchema, type ScimTokenRow } from '../../services/scim-tokens.ts';
import { resultUnion } from '../common/error.type.ts';
import { validateInput } from '../common/validate-input.ts';
import { ROLE_VALUES } from '../employee/employee.type.ts';
import { ScimTokenType } from './scim-token.type.ts';

const CreateScimTokenPayload = builder.objectRef<{ token: string; scimToken: ScimTokenRow }>('CreateScimTokenPayload').implement({
  description: 'The new token. Its secret is in this answer only: copy it into the identity provider now.',
  fields: (t) => ({
    token: t.exposeString('token', {
      description: "The bearer secret (`Authorization: Bearer <token>` on /scim/v2). Shown once; the gateway keeps only its hash, so a lost token is revoked and replaced.",
    }),
    scimToken: t.field({ type: ScimTokenType, description: 'The token as scimTokens lists it.', resolve: (payload) => payload.scimToken }),
  }),
});

const CreateScimTokenInput = builder.inputType('CreateScimTokenInput', {
  description: 'A SCIM token to create.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'A unique name, 1-64 characters (letters, digits, space, . _ @ -): SCIM changes are audited as `scim:<name>`.' }),
    maxRole: t.string({
      required: false,
      description: `The most senior role the client may grant or act on (${ROLE_VALUES}, either case); default ${DEFAULT_SCIM_MAX_ROLE.toLowerCase()}.`,
    }),
  }),
});

const inputRule = z.object({ name: scimTokenNameSchema, maxRole: employeeRoleSchema.nullish() });

builder.mutationField('createScimToken', (t) =>
  t.field({
    type: CreateScimTokenPayload,
    description:
      'Creates a bearer token for /scim/v2 (an identity provider such as Okta or Entra ID, or an HR system), answering its secret once. Admins only; audited (never the secret).',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('CreateScimTokenResult', 'The new token, or why none was created.', [InputValidationError, ScimTokenNameTakenError]),
    args: { input: t.arg({ type: CreateScimTokenInput, required: true, description: 'Its name and maxRole.' }) },
    resolve: async (_root, args, context) => {
      const input = validateInput(inputRule, args.input, 'input');
      const created = await context.services.scimTokens.create(context.actor, { name: input.name, ...(input.maxRole ? { maxRole: input.maxRole } : {}) });
      if (created instanceof DomainError) throw created;
      return created;
    },
  }),
);
