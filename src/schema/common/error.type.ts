import type { FieldMap } from '@pothos/core';
import { builder } from '../../builder.ts';
import type { Types } from './schema-types.ts';

type ErrorClass<Shape extends Error = Error> = new (...args: any[]) => Shape;
type ErrorFields<Shape> = (t: PothosSchemaTypes.ObjectFieldBuilder<Types, Shape>) => FieldMap;

const ErrorInterface = builder.interfaceRef<Error & { code?: string }>('Error').implement({
  description: 'An expected failure the caller can act on; returned as a member of a result union.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'Human-readable explanation.' }),
    code: t.string({
      description: 'Stable machine-readable reason.',
      resolve: (error) => error.code ?? 'ERROR',
    }),
  }),
});

/** An error class as a member of result unions: a type of the same name implementing Error, with the class's own fields. */
export function errorType<Shape extends Error>(errorClass: ErrorClass<Shape>, description: string, fields?: ErrorFields<Shape>): void {
  // Typed at the call site; here Pothos only needs an Error class (its conditional types stay unresolved for a generic Shape).
  builder.objectType(errorClass as ErrorClass, {
    name: errorClass.name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof errorClass,
    fields: (fields ?? (() => ({}))) as unknown as ErrorFields<Error>,
  });
}

/** The `errors` option of a field answering `<Payload> | <error types>`: the union's name and description, and the errors it catches. */
export function resultUnion(name: string, description: string, errorTypes: ErrorClass[]) {
  return { types: errorTypes, directResult: true, union: { name, description } } as const;
}
