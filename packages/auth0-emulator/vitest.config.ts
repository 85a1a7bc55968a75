import { defineConfig } from 'vitest/config';

// The emulator's own suite: contract tests (the official auth0 SDK against a running emulator) and unit
// tests. No database. Runs alone (`npm test` here) or as a project of the gateway's root config.
export default defineConfig({
  test: {
    name: 'auth0-emulator',
    // One file at a time, and (in the root's `npm test`) after the gateway's files, which run three at a
    // time: the rate-limit contract tests count requests against buckets refilling in real time, and a
    // search test has a time bound, so they need the CPU to themselves.
    maxWorkers: 1,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
