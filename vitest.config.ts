import { defineConfig } from 'vitest/config';

// `npm test` runs two projects: the gateway's suite and the Auth0 emulator package's own suite (its
// vitest.config.ts; `npm test -w @employee-gateway/auth0-emulator` runs it alone).
export default defineConfig({
  test: {
    teardownTimeout: 30_000,
    // Files run side by side, three at a time. vitest's default is one fewer than the cores, so on a 2-core
    // machine (CI's) one file at a time; but most files spend their time waiting (on child processes, on
    // lease and heartbeat expiries, on Auth0 rate limits), not computing. Files share this run's database:
    // one that counts whole tables or drops every change-feed connection takes a scratch database
    // (holdScratchDatabase), and a wait for a child process leaves room for the load of its neighbours.
    maxWorkers: 3,
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
          // Guards against a hang, not measures of speed: with files side by side a test that starts a
          // process under tsx can take several times as long on a loaded machine.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      'packages/auth0-emulator',
    ],
  },
});
