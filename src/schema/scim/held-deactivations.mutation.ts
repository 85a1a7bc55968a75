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

/** releaseHeldDeactivations and discardHeldDeactivations differ only in their words and the guard's call. */
function resolvingMutation(
  field: 'release' | 'discard',
  words: { payload: string; result: string; description: string },
): void {
  const name = field === 'release' ? 'ReleaseHeldDeactivations' : 'DiscardHeldDeactivations';
  builder.mutationField(`${field}HeldDeactivations`, (t) =>
    t.field({
      type: payload(`${name}Payload`, words.payload),
      description: words.description,
      authScopes: { permission: 'manage:provisioning' },
      errors: resultUnion(`${name}Result`, words.result, [InputValidationError]),
      args: { ids: idsArg(t) },
      resolve: async (_root, args, context) => {
        const ids = validateInput(idsRule, args.ids.map(String), 'ids');
        return { deactivations: asRows(await context.services.deprovisionGuard[field](context.actor, ids)) };
      },
    }),
  );
}

resolvingMutation('release', {
  payload: 'The held deactivations now applied.',
  result: 'The released deactivations, or why nothing was done.',
  description:
    'Applies held SCIM deactivations after an admin checked them: each employee is deactivated as deactivateEmployee does it (blocked in Auth0, roles removed), audited with the admin as actor. Admins only.',
});

resolvingMutation('discard', {
  payload: 'The held deactivations dropped; their employees stay active.',
  result: 'The discarded deactivations, or why nothing was done.',
  description:
    'Drops held SCIM deactivations (a broken feed): the employees stay active and nothing is sent to Auth0. Audited. The identity provider may send them again; fix the feed first. Admins only.',
});
