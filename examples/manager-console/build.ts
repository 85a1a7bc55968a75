// `npm run build:console` (run by npm install): types the manager console's operations against
// schema.graphql (its persisted documents included) and builds it with Vite into
// examples/manager-console/dist, which the gateway serves at /console outside production. Offline.
// An install without dev dependencies (production) has no Vite and no console: it says so and succeeds.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('vite');
  require.resolve('@graphql-codegen/cli');
} catch {
  console.log('manager console not built (no dev dependencies installed)');
  process.exit(0);
}
const { generate } = await import('@graphql-codegen/cli');
const { default: codegenConfig } = await import('./codegen.ts');
await generate({ ...codegenConfig, silent: true }, true);
const { build } = await import('vite');
await build({ configFile: 'examples/manager-console/vite.config.ts' });
console.log('manager console built: examples/manager-console/dist (served at /console)');
