import type { ArgBuilder } from '@pothos/core';
import { InputValidationError } from '@pothos/plugin-validation';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { ResolvedDeactivation } from '../../services/deprovision-guard.ts';
import { resultUnion } from '../common/error.type.ts';
import type { Types } from '../common/schema-types.ts';
import { validateInput } from '../common/validate-input.ts';
import { HeldDeactivationType, type HeldDeactivationRow } from './held-deactivation.type.ts';

const MAX_IDS = 1000;
const idsRule = z.array(z.string()).min(1, 'Give at least one id').max(MAX_IDS, `At most ${MAX_IDS} ids at once`);

const payload = (name: string, description: string) =>
  builder.objectRef<{ deactivations: HeldDeactivationRow[] }>(name).implement({
    description,
    fields: (t) => ({
      deactivations: t.field({
        type: [HeldDeactivationType],
        description: 'Those this call resolved, with their employees as they are now; ids not held (unknown, already resolved) are left out.',
        resolve: (result) => result.deactivations,
      }),
    }),
  });

/** The rows with the employee as the change left it (a release's deactivateEmployee answer). */
const asRows = (resolved: ResolvedDeactivation[]): HeldDeactivationRow[] =>
  resolved.map(({ held, result }) => ({ ...held, employee: result instanceof Error ? held.employee : result }));

const idsArg = (t: { arg: ArgBuilder<Types> }) => t.arg.idList({ required: true, description: `Ids from heldDeactivations (1-${MAX_IDS}).` });

builder.mutationField('releaseHeldDeactivations', (t) =>
  t.field({
    type: payload('ReleaseHeldDeactivationsPayload', 'The held deactivations now applied.'),
    description:
      'Applies held SCIM deactivations after an admin checked them: each employee is deactivated as deactivateEmployee does it (blocked in Auth0, roles removed), audited with the admin as actor. Admins only.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('ReleaseHeldDeactivationsResult', 'The released deactivations, or why nothing was done.', [InputValidationError]),
    args: { ids: idsArg(t) },
    resolve: async (_root, args, context) => {
      const ids = validateInput(idsRule, args.ids.map(String), 'ids');
      return { deactivations: asRows(await context.services.deprovisionGuard.release(context.actor, ids)) };
    },
  }),
);

builder.mutationField('discardHeldDeactivations', (t) =>
  t.field({
    type: payload('DiscardHeldDeactivationsPayload', 'The held deactivations dropped; their employees stay active.'),
    description:
      'Drops held SCIM deactivations (a broken feed): the employees stay active and nothing is sent to Auth0. Audited. The identity provider may send them again; fix the feed first. Admins only.',
    authScopes: { permission: 'manage:provisioning' },
    errors: resultUnion('DiscardHeldDeactivationsResult', 'The discarded deactivations, or why nothing was done.', [InputValidationError]),
    args: { ids: idsArg(t) },
    resolve: async (_root, args, context) => {
      const ids = validateInput(idsRule, args.ids.map(String), 'ids');
      return { deactivations: asRows(await context.services.deprovisionGuard.discard(context.actor, ids)) };
    },
  }),
);
