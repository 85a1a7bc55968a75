// One `importEmployees` per request: the row limit (1000) holds per field, so aliases would otherwise
// multiply it (20 aliases, 20,000 rows). A validation rule refuses such a document before any resolver runs.
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './graphql-error-codes.ts';

const IMPORT_FIELD = 'importEmployees';

export const singleImportRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'mutation') return;
    const responseKeys = new Set<string>();
    collectRootImports(context, operation.selectionSet, responseKeys, new Set());
    if (responseKeys.size > 1) {
      context.reportError(
        new GraphQLError(`${IMPORT_FIELD}: at most one per request (send a larger file as several requests)`, {
          nodes: [operation],
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        }),
      );
    }
  },
});

export function singleImportPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(singleImportRule);
    },
  };
}

/**
 * The response keys (alias or name) of root `importEmployees` fields, through inline fragments and
 * fragment spreads: fields sharing a key are merged by GraphQL and run once.
 */
function collectRootImports(context: ValidationContext, selectionSet: SelectionSetNode, keys: Set<string>, seenFragments: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === IMPORT_FIELD) keys.add(selection.alias?.value ?? IMPORT_FIELD);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootImports(context, selection.selectionSet, keys, seenFragments);
    } else if (!seenFragments.has(selection.name.value)) {
      seenFragments.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) collectRootImports(context, fragment.selectionSet, keys, seenFragments);
    }
  }
}
