// `prisma generate` without network: every Prisma CLI command first fetches a native schema engine,
// which cannot be downloaded here. Generation never uses that engine, so pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any executable (node itself) satisfies the check for this one command.
// Never set it globally: `migrate deploy` with a fake engine exits 0 and does nothing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseCommand } from './command.ts';

parseCommand({
  command: 'npm run generate --',
  usage: 'usage: npm run generate      (regenerates the Prisma client and the Pothos types into src/generated/; no flags)',
  options: {},
});
const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
