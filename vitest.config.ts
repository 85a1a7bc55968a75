import { defineConfig } from 'vitest/config';

installMapGroupBy();

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs) copies. Vite would resolve test-side imports to
    // the .mjs while Pothos and yoga, loaded by Node, get the .js: two realms, and instanceof checks fail
    // ("Cannot use GraphQLEnumType from another module or realm"). One copy for everyone.
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Creates this run's PostgreSQL database, applies the migrations, provides `databaseUrl`.
    globalSetup: ['test/setup/global-database.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});

/**
 * vitest 5 prints failed tests with `Map.groupBy` (Node 21+). On Node 20 the failure summary itself crashes
 * ("Map.groupBy is not a function") and hides every assertion message. The config runs in the main process,
 * where the reporter does, so the polyfill goes here.
 */
function installMapGroupBy(): void {
  const map = Map as unknown as { groupBy?: unknown };
  if (typeof map.groupBy === 'function') return;
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}
