import { InputValidationError } from '@pothos/plugin-validation';
import type { z } from 'zod';

/**
 * Validates a mutation's input inside its resolver, after scope-auth has allowed the caller. (The
 * validation plugin checks arguments before any authorization hook runs, which would answer anonymous
 * callers with our input rules.) Failures become the InputValidationError union member.
 */
export function validateInput<Schema extends z.ZodType>(schema: Schema, value: unknown, argumentName: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InputValidationError({
    issues: parsed.error.issues.map((issue) => ({
      message: issue.message,
      path: [argumentName, ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part))],
    })),
  });
}
