// Limits that reject abusive documents during parsing and validation, before any resolver runs.
// graphql-armor's plugins do the counting; this module only chooses them from configuration.
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { Env } from './env.ts';

/** The document limits as configured (src/env.ts), plus the persisted documents read from their file. */
export type GraphQLLimits = Omit<Env['graphql'], 'graphiql' | 'persistedOperationsFile'> & {
  /** hash -> document text; when given, only these documents run. */
  persistedOperations?: ReadonlyMap<string, string> | undefined;
};

export function hardeningPlugins(limits: GraphQLLimits): Plugin[] {
  // exposeLimits: false keeps the configured numbers out of error messages.
  const plugins: Plugin[] = [
    requestBodyLimit(limits.requestBodyLimitBytes),
    // Browsers may only send GraphQL with a preflighted header: blocks cross-site form posts (CSRF).
    // A bearer token also proves the request was scripted (a form cannot set Authorization), so it counts too.
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'authorization'] }) as Plugin,
    maxTokensPlugin({ n: limits.maxTokens, exposeLimits: false }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, exposeLimits: false, flattenFragments: true }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases, exposeLimits: false }) as Plugin,
    maxDirectivesPlugin({ n: limits.maxDirectives, exposeLimits: false }) as Plugin,
    costLimitPlugin({ maxCost: limits.maxCost, exposeLimits: false }) as Plugin,
  ];
  if (!limits.introspection) plugins.push(useDisableIntrospection() as Plugin);
  const persisted = limits.persistedOperations;
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
        allowArbitraryOperations: false,
      }) as Plugin,
    );
  }
  return plugins;
}

/**
 * Refuses a body whose announced Content-Length is over the limit (413) before it is read. Bodies sent
 * without a length (chunked) are cut off by the HTTP server in src/server.ts (limitChunkedBodies).
 */
function requestBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBytes) {
        endResponse(
          fetchAPI.Response.json(
            { errors: [{ message: 'Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
            { status: 413 },
          ),
        );
      }
    },
  };
}
