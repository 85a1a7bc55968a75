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
          // One file at a time. Most files wait rather than compute, and three side by side took the suite
          // from 1,022 s to 605-655 s on the quiet 2-core machine, but in one of two such runs a file that
          // asserts no 429 against Free's 2-token bucket at real speed (pacing.test.ts) met one. Those files
          // need a group of their own before files run side by side (README, "What sets the suite's time").
          // Files share this run's database: one that counts whole tables or drops every change-feed
          // connection takes a scratch database (holdScratchDatabase).
          maxWorkers: 1,
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
