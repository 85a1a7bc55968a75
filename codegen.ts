// `npm run codegen`: src/cli/print-schema.ts writes schema.graphql from the code first; this then types
// the test documents against it. test/api/schema-drift.test.ts fails when schema.graphql is stale.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/documents/**/*.graphql'],
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        importExtension: '.ts',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', EmailAddress: 'string', NonEmptyString: 'string' },
      },
    },
  },
  hooks: {},
};

export default config;
