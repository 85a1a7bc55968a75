import type { SchemaTypes } from '@pothos/core';
import type { builder } from '../../builder.ts';

/** The builder's type parameters, for helpers that take a Pothos field or argument builder. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;
