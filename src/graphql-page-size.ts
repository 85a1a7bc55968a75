// Pothos cuts a connection's `first`/`last` over its maxSize down silently, and graphql-armor's cost limit
// refuses a large page with "Query validation error" (it names no limit). This step runs before both and
// refuses a page over MAX_PAGE_SIZE with BAD_USER_INPUT naming the field and how to page on: literals at
// validation, `first: $n` once the variables are known (as graphql-variable-cost.ts does for the cost).
import {
  getNamedType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './graphql-error-codes.ts';
import { MAX_PAGE_SIZE } from './schema/common/page-size.ts';

const HINT: Record<'first' | 'last', string> = { first: 'ask for the next page with after: pageInfo.endCursor', last: 'ask for the previous page with before: pageInfo.startCursor' };

export function pageSizeLimitPlugin(max = MAX_PAGE_SIZE): Plugin {
  return {
    // A refusal set here skips validation, so the cost limit's rule (which throws its vaguer error) never runs.
    onValidate: ({ params, setResult }) => {
      const refusal = literalRefusal(params.schema, params.documentAST, max);
      if (refusal) setResult([refusal]);
    },
    onExecute: ({ args, setResultAndStopExecution }) => {
      if (!pagesByVariable(args.document)) return;
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions, { ...args.variableValues });
      if (!coerced.coerced) return;
      const values = coerced.coerced;
      const refusal = oversizedPage(args.schema, args.document, (name) => values[name], max);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

// Yoga reuses a parsed document per query text, so most requests (createEmployee's, say) cost one look-up here.
// The literal check depends only on the document (the schema and the maximum are fixed per plugin), and
// yoga calls onValidate on every request even when its validation cache answers: walking the document
// with TypeInfo each time was 8 % of a `{ me }` request's CPU (docs/benchmarks.md, request-path).
const literalRefusals = new WeakMap<DocumentNode, { schema: GraphQLSchema; max: number; refusal: GraphQLError | undefined }>();

function literalRefusal(schema: GraphQLSchema, document: DocumentNode, max: number): GraphQLError | undefined {
  const known = literalRefusals.get(document);
  if (known && known.schema === schema && known.max === max) return known.refusal;
  const refusal = oversizedPage(schema, document, () => undefined, max);
  literalRefusals.set(document, { schema, max, refusal });
  return refusal;
}

const takesVariablePage = new WeakMap<DocumentNode, boolean>();

/** Whether any `first`/`last` takes a variable: only then are the variables worth coercing. */
function pagesByVariable(document: DocumentNode): boolean {
  let found = takesVariablePage.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Argument(node) {
        if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) found = true;
      },
    });
    takesVariablePage.set(document, found);
  }
  return found;
}

/** The first `first`/`last` of a connection field over `max`, literal or (when `variable` knows it) a variable. */
function oversizedPage(schema: GraphQLSchema, document: DocumentNode, variable: (name: string) => unknown, max: number): GraphQLError | undefined {
  const typeInfo = new TypeInfo(schema);
  let refusal: GraphQLError | undefined;
  visit(document, visitWithTypeInfo(typeInfo, {
    Argument(node) {
      const argument = node.name.value;
      if (refusal || (argument !== 'first' && argument !== 'last')) return;
      const field = typeInfo.getFieldDef();
      const value = node.value.kind === Kind.INT ? Number(node.value.value) : node.value.kind === Kind.VARIABLE ? variable(node.value.name.value) : undefined;
      if (!field || !isConnection(field.type) || typeof value !== 'number' || value <= max) return;
      refusal = new GraphQLError(`${field.name}(${argument}): at most ${max} per page; ${HINT[argument]}`, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
    },
  }));
  return refusal;
}

/** A Relay connection (the types Pothos names `...Connection`): the fields whose `first`/`last` size a page. */
function isConnection(type: Parameters<typeof getNamedType>[0]): boolean {
  return getNamedType(type)?.name.endsWith('Connection') ?? false;
}
