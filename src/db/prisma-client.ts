// Prisma Client over the pg driver adapter: no native query engine, the same code path for the
// embedded database, tests and production.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient };

/** Statement texts named (prepared once per connection) per client, at most; later new texts run unnamed. */
export const MAX_NAMED_STATEMENTS = 300;
/** Statements with more parameters than this are bulk writes (an import chunk's rows) and run unnamed. */
export const MAX_NAMED_STATEMENT_PARAMETERS = 64;

export interface PrismaClientOptions {
  maxConnections?: number;
  /**
   * Give the gateway's statements names, so that each connection parses them once and then only binds
   * and runs them (default true). A create is three statements whose parse and plan took 0.2-0.4 ms each
   * inside PostgreSQL; named, `createEmployee`'s time outside Auth0 fell by about 1.5 ms (docs/benchmarks.md).
   * Off behind a pooler in transaction mode (PgBouncer before 1.21), where a connection's prepared
   * statements are not there on the next transaction. Only statements of a bounded shape are named, up to
   * MAX_NAMED_STATEMENTS texts, so the statements each connection keeps stay bounded.
   */
  preparedStatements?: boolean;
}

export function createPrismaClient(databaseUrl: string, options: PrismaClientOptions = {}): PrismaClient {
  const names = new Map<string, string>();
  const adapter = new PrismaPg(
    { connectionString: databaseUrl, max: options.maxConnections ?? 10 },
    options.preparedStatements === false
      ? {}
      : {
          // pg caches a named statement per connection: the same text always gets the same name.
          statementNameGenerator: (query) => {
            let name = names.get(query.sql);
            if (name === undefined && names.size < MAX_NAMED_STATEMENTS && query.args.length <= MAX_NAMED_STATEMENT_PARAMETERS) {
              name = `gateway_${names.size}`;
              names.set(query.sql, name);
            }
            // Unnamed: pg parses the text each time, as it does without a generator.
            return name as string;
          },
        },
  );
  return new PrismaClient({ adapter });
}
