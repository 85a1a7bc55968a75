// graphql-armor's cost limit multiplies a list by `first`/`last` only when they are literals, and it runs
// during validation, before the variables are known (and yoga caches the outcome per document). This
// step runs the same armor rule again once they are known, with the variables' values written into the
// document in their place, so `employees(first: $n)` costs what it asks for and is refused the same way.
import { costLimitRule, type CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import {
  getOperationAST,
  getVariableValues,
  Kind,
  validate,
  visit,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Counted like armor does: the first `first` or `last` argument of a field with a selection set. */
const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

export function variableCostLimitPlugin(options: CostLimitOptions): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = costRefusalWithVariables(args.schema, args.document, args.operationName, args.variableValues, options);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = costRefusalWithVariables(args.schema, args.document, args.operationName, args.variableValues, options);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

/** Whether any `first`/`last` takes a variable: most operations (createEmployee's, say) need no second costing. */
function pagesByVariable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if (PAGE_SIZE_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) found = true;
    },
  });
  return found;
}

/** Armor's error for the operation that runs, costed with its variables' values; undefined when it is within the limit. */
export function costRefusalWithVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  options: CostLimitOptions,
): GraphQLError | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length || !pagesByVariable(document)) return undefined;
  // Coerced as execution will (defaults included); variables execution refuses never run anyway.
  const coerced = getVariableValues(schema, operation.variableDefinitions, { ...variables });
  if (!coerced.coerced) return undefined;
  const values = coerced.coerced;
  let substituted = false;
  const withValues = visit(document, {
    // Only the operation that runs (and every fragment, which it may use) is costed.
    OperationDefinition: (node) => (node === operation ? undefined : null),
    Argument(node) {
      if (!PAGE_SIZE_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return undefined;
      const value = values[node.value.name.value];
      if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
      substituted = true;
      return { ...node, value: { kind: Kind.INT, value: String(value) } };
    },
  });
  if (!substituted) return undefined;
  let refusal: GraphQLError | undefined;
  validate(schema, withValues, [
    costLimitRule({ ...options, propagateOnRejection: false, onReject: [(_context, error) => (refusal = error)] }),
  ]);
  return refusal;
}
