// Types this example's operations against the gateway's committed schema.graphql. `npm run typecheck`
// runs it before tsc, so a schema change that breaks the example fails the build (CI runs typecheck).
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/typed-client/operations.graphql'],
  generates: {
    'examples/typed-client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        importExtension: '.ts',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', EmailAddress: 'string', NonEmptyString: 'string' },
      },
    },
  },
};

export default config;
