import { InputValidationError, type StandardSchemaV1 } from '@pothos/plugin-validation';
import { builder } from '../../builder.ts';
import { errorType } from './error.type.ts';

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

errorType(InputValidationError, 'The input broke one or more rules; nothing was changed. Every issue is listed.', (t) => ({
  code: t.string({ description: 'Always INVALID_INPUT.', resolve: () => 'INVALID_INPUT' }),
  issues: t.field({
    type: [InputValidationIssue],
    description: 'Every problem found, one per field and rule.',
    resolve: (error) => error.issues,
  }),
}));
