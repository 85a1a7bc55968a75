import { builder } from '../../builder.ts';

export const ErrorInterface = builder.interfaceRef<Error & { code?: string }>('Error').implement({
  description: 'An expected failure the caller can act on; returned as a member of a result union.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'Human-readable explanation.' }),
    code: t.string({
      description: 'Stable machine-readable reason.',
      resolve: (error) => error.code ?? 'ERROR',
    }),
  }),
});
