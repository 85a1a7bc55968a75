import { builder } from '../../builder.ts';
import { ScimTokenNameTakenError, ScimTokenNotFoundError, type ScimTokenRow } from '../../services/scim-tokens.ts';
import { errorType } from '../common/error.type.ts';
import { EmployeeRoleEnum } from '../employee/employee.type.ts';

export const ScimTokenType = builder.objectRef<ScimTokenRow>('ScimToken').implement({
  description: 'A bearer token an identity provider or HR system uses on /scim/v2. Its secret is shown once, by createScimToken, and stored only as a hash.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The token id (revokeScimToken takes it).' }),
    name: t.exposeString('name', { description: 'Its name, unique; SCIM changes are audited as `scim:<name>`.' }),
    maxRole: t.field({
      type: EmployeeRoleEnum,
      description: 'The most senior role its client may grant or act on; a SCIM request beyond it is refused (403) and changes nothing.',
      resolve: (token) => token.maxRole,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was created.', resolve: (token) => token.createdAt }),
    createdBy: t.exposeString('createdBy', { description: "Who created it (the admin's `sub`)." }),
    lastUsedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a SCIM request last authenticated with it (to the minute); null when never.',
      resolve: (token) => token.lastUsedAt,
    }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked (every gateway refuses it from that moment); null while valid.',
      resolve: (token) => token.revokedAt,
    }),
  }),
});

errorType(ScimTokenNameTakenError, 'A SCIM token of this name exists (revoked ones keep their names, which the audit trail uses); nothing was created.', (t) => ({
  name: t.string({ description: 'The name that is taken.', resolve: (error) => error.tokenName }),
}));

errorType(ScimTokenNotFoundError, 'No SCIM token has this id; nothing was changed.');

builder.queryField('scimTokens', (t) =>
  t.field({
    type: [ScimTokenType],
    description: 'Every SCIM token, revoked ones included, newest first (never their secrets). Admins only.',
    authScopes: { permission: 'manage:provisioning' },
    resolve: (_root, _args, context) => context.services.scimTokens.list(context.actor),
  }),
);
