import { builder } from '../../builder.ts';
import { DomainError } from '../../services/errors.ts';
import { ScimTokenNotFoundError, type ScimTokenRow } from '../../services/scim-tokens.ts';
import { resultUnion } from '../common/error.type.ts';
import { ScimTokenType } from './scim-token.type.ts';

const RevokeScimTokenPayload = builder.objectRef<{ scimToken: ScimTokenRow }>('RevokeScimTokenPayload').implement({
  description: 'The token, revoked.',
  fields: (t) => ({
    scimToken: t.field({ type: ScimTokenType, description: 'The token with its revokedAt.', resolve: (payload) => payload.scimToken }),
  }),
});

builder.mutationField('revokeScimToken', (t) =>
  t.field({
    type: RevokeScimTokenPayload,
    description:
      'Revokes a SCIM token: every gateway process refuses it (401) from the next request. Idempotent (revoking again keeps the first revocation). Admins only; audited.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('RevokeScimTokenResult', 'The revoked token, or why nothing was changed.', [ScimTokenNotFoundError]),
    args: { id: t.arg.id({ required: true, description: 'The token id (ScimToken.id).' }) },
    resolve: async (_root, args, context) => {
      const revoked = await context.services.scimTokens.revoke(context.actor, String(args.id));
      if (revoked instanceof DomainError) throw revoked;
      return { scimToken: revoked };
    },
  }),
);
