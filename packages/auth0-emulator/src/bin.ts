#!/usr/bin/env node
// `auth0-emulator [options]` (`npm start` in this package): the emulator with no caller-role table, so
// caller tokens are minted with explicit permissions. Runs as TypeScript: Node 22.18+ strips the types
// itself; older Node needs tsx (`npx tsx src/bin.ts`).
import { runEmulatorCli } from './cli.ts';

await runEmulatorCli({ argv: process.argv.slice(2), env: process.env });
