// The console is served by the gateway under /console (src/console/serve-console.ts) from dist/.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'examples/manager-console',
  base: '/console/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
