import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { builder } from '../builder.ts';
import { EmailAlreadyUsedError } from '../services/errors.ts';

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

const InputValidationIssue = builder.objectRef<StandardSchemaV1.Issue>('InputValidationIssue').implement({
  description: 'One problem with one input field.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What is wrong with the value.' }),
    path: t.stringList({
      description: 'Where the value sits in the arguments, e.g. ["input", "email"].',
      resolve: (issue) => issue.path?.map((part) => String(typeof part === 'object' ? part.key : part)) ?? [],
    }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'InputValidationError',
  description: 'The input broke one or more rules; nothing was changed. Every issue is listed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InputValidationError,
  fields: (t) => ({
    code: t.string({ description: 'Always INVALID_INPUT.', resolve: () => 'INVALID_INPUT' }),
    issues: t.field({
      type: [InputValidationIssue],
      description: 'Every problem found, one per field and rule.',
      resolve: (error) => error.issues,
    }),
  }),
});

builder.objectType(EmailAlreadyUsedError, {
  name: 'EmailAlreadyUsedError',
  description: 'Another employee already has this email address; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof EmailAlreadyUsedError,
  fields: (t) => ({
    email: t.field({ type: 'EmailAddress', description: 'The address that is taken.', resolve: (error) => error.email }),
  }),
});
