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
          // Three files side by side (set here: a project with `extends: false` does not take the root's).
          // vitest's default is one fewer than the cores, so one file at a time on a 2-core machine (CI's),
          // while most files spend their time waiting (on child processes, on lease and heartbeat expiries,
          // on Auth0 rate limits), not computing. Files share this run's database: one that counts whole
          // tables or drops every change-feed connection takes a scratch database (holdScratchDatabase).
          // The emulator package's files run after these, one at a time (its vitest.config.ts).
          maxWorkers: 3,
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
