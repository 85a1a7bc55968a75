import { defineConfig } from 'vitest/config';

// `npm test` runs two projects: the gateway's suite and the Auth0 emulator package's own suite (its
// vitest.config.ts; `npm test -w @employee-gateway/auth0-emulator` runs it alone).
export default defineConfig({
  test: {
    teardownTimeout: 30_000,
    projects: [
      {
        extends: false,
        resolve: {
          // graphql 16 ships CJS (index.js) and ESM (index.mjs) copies. Vite would resolve test-side imports to
          // the .mjs while Pothos and yoga, loaded by Node, get the .js: two realms, and instanceof checks fail
          // ("Cannot use GraphQLEnumType from another module or realm"). One copy for everyone.
          alias: { graphql: 'graphql/index.js' },
        },
        test: {
          name: 'gateway',
          include: ['test/**/*.test.ts'],
          // Creates this run's PostgreSQL database, applies the migrations, provides `databaseUrl`.
          globalSetup: ['test/setup/global-database.ts'],
          testTimeout: 20_000,
          hookTimeout: 60_000,
        },
      },
      'packages/auth0-emulator',
    ],
  },
});
