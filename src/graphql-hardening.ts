// Limits that reject abusive documents during parsing and validation, before any resolver runs.
// graphql-armor's plugins do the counting (graphql-variable-cost.ts has armor count `first: $n` too); this
// module chooses them from configuration.
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createGraphQLError, isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Env } from './env.ts';
import { ErrorCode } from './graphql-error-codes.ts';
import { pageSizeLimitPlugin } from './graphql-page-size.ts';
import { singleImportPlugin } from './graphql-single-import.ts';
import { variableCostLimitPlugin } from './graphql-variable-cost.ts';

/** The document limits as configured (src/env.ts), plus the persisted documents read from their file. */
export type GraphQLLimits = Omit<Env['graphql'], 'graphiql' | 'persistedOperationsFile'> & {
  /** hash -> document text; when given, only these documents run. */
  persistedOperations?: ReadonlyMap<string, string> | undefined;
  /** hash -> document text of clients that send hashes only (the manager console); other documents run too. */
  knownDocuments?: ReadonlyMap<string, string> | undefined;
};

export function hardeningPlugins(limits: GraphQLLimits): Plugin[] {
  // exposeLimits: false keeps the configured numbers out of error messages.
  const costLimit = { maxCost: limits.maxCost, exposeLimits: false };
  const plugins: Plugin[] = [
    ...requestBodyLimit(limits.requestBodyLimitBytes, limits.importRequestBodyLimitBytes),
    // Browsers may only send GraphQL with a preflighted header: blocks cross-site form posts (CSRF).
    // A bearer token also proves the request was scripted (a form cannot set Authorization), so it counts too.
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }) as Plugin,
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits: false }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits: false, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits: false }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives, exposeLimits: false }) as Plugin,
    // Before the cost limit: a page over the maximum is refused as such, not as a vague cost refusal.
    pageSizeLimitPlugin(),
    costLimitPlugin(costLimit) as Plugin,
    variableCostLimitPlugin(costLimit),
    singleImportPlugin(),
  ];
  if (!limits.introspection) plugins.push(useDisableIntrospection() as Plugin, withoutSuggestions());
  const persisted = limits.persistedOperations ?? limits.knownDocuments;
  if (persisted) {
    plugins.push(
      usePersistedOperations({
        // codegen's client preset names documents "sha256:<hex>" and clients send it as `documentId`
        // (GraphQL-over-HTTP persisted documents); Apollo-style clients send extensions.persistedQuery.
        extractPersistedOperationId: (params) => {
          const documentId = (params as { documentId?: unknown }).documentId;
          if (typeof documentId === 'string') return documentId;
          const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
          return typeof hash === 'string' ? `sha256:${hash}` : null;
        },
        getPersistedOperation: (id) => persisted.get(id) ?? null,
        allowArbitraryOperations: !limits.persistedOperations,
      }) as Plugin,
    );
  }
  return plugins;
}

/**
 * Strips graphql-js's "Did you mean ...?" from validation and variable errors: with introspection off,
 * suggestions would still spell out the schema to whoever guesses near a name. (graphql-armor's
 * block-field-suggestions does this too, but it is not installed here.)
 */
function withoutSuggestions(): Plugin {
  // In place: validation results are cached per document, and the strip is idempotent.
  const strip = (errors: readonly Error[]) => {
    for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
  };
  return {
    onValidate: () => ({ result }) => strip(result),
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!isAsyncIterable(result)) strip(result.errors ?? []);
      },
    }),
  };
}
const SUGGESTION = /\s*Did you mean .*\?$/;

/**
 * Request body limits, sized per operation. A body whose announced Content-Length is over the larger
 * (import) limit gets 413 before it is read. One between the two limits is read, and runs only when its
 * operation is nothing but `importEmployees` (up to 1000 rows); anything else gets 413 before it executes.
 * Bodies sent without a length (chunked) are cut off at the ordinary limit by the HTTP server in
 * src/server.ts (limitChunkedBodies), and here at the import limit wherever the app is served.
 */
function requestBodyLimit(maxBytes: number, importMaxBytes: number): Plugin[] {
  const tooLarge = { message: 'Request body too large', extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } };
  const announcedLength = (request: Request) => Number(request.headers.get('content-length') ?? '0');
  return [
    {
      onRequest({ request, endResponse, fetchAPI }) {
        const length = request.headers.get('content-length');
        // Only one non-negative integer is a Content-Length (several joined by commas smell of request smuggling).
        if (length !== null && !/^\d+$/.test(length)) {
          endResponse(fetchAPI.Response.json({ errors: [{ message: 'Content-Length header is invalid.', extensions: { code: ErrorCode.BAD_USER_INPUT } }] }, { status: 400 }));
        } else if (announcedLength(request) > importMaxBytes) {
          endResponse(fetchAPI.Response.json({ errors: [tooLarge] }, { status: 413 }));
        }
      },
    },
    {
      // A body without a Content-Length (chunked) is cut off at the import limit while it is read. Yoga's own
      // limit (maxRequestBodySize, off in app.ts) piped every body through a TransformStream, whose stream
      // pipeline builds an AbortError when it finishes: 15-20 % of a `{ me }` request's CPU
      // (docs/benchmarks.md, request-path). A body with a Content-Length needs no such pipe: the HTTP server
      // delivers no more than it announces, and the hook above has refused one over the limit.
      onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
        if (request.headers.has('content-length') || request.body === null || !requestParser) return;
        setRequestParser((parsed) => requestParser(withBodyLimit(parsed, importMaxBytes, fetchAPI, tooLarge)));
      },
    },
    {
      onExecute({ args, setResultAndStopExecution }) {
        const request = (args.contextValue as { request?: Request }).request;
        if (!request || announcedLength(request) <= maxBytes || onlyImportEmployees(args.document, args.operationName)) return;
        setResultAndStopExecution({
          errors: [createGraphQLError(tooLarge.message, { extensions: { ...tooLarge.extensions, http: { status: 413 } } })],
        });
      },
    },
  ];
}

/** `request` whose body fails with 413 once more than `limit` bytes have been read (as yoga's own limit did). */
function withBodyLimit(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }, tooLarge: { message: string; extensions: Record<string, unknown> }): Request {
  // A native stream cannot be piped into the ponyfill's TransformStream (graphql-yoga issue 4583), and the other way round.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytesRead = 0;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytesRead += chunk.byteLength;
        if (bytesRead > limit) controller.error(createGraphQLError(tooLarge.message, { extensions: { ...tooLarge.extensions, http: { status: 413 } } }));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}

/** Whether the operation that runs selects `importEmployees` at its root and nothing else. */
function onlyImportEmployees(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== 'mutation') return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === 'importEmployees',
  );
}
