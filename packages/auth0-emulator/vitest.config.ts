import { defineConfig } from 'vitest/config';

// The emulator's own suite: contract tests (the official auth0 SDK against a running emulator) and unit
// tests. No database. Runs alone (`npm test` here) or as a project of the gateway's root config.
export default defineConfig({
  test: {
    name: 'auth0-emulator',
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
