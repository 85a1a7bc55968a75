// Types the console's operations against the gateway's committed schema.graphql and writes the persisted
// documents the gateway accepts from it (src/generated/persisted-documents.json). Run by the console
// build (npm run build:console), which npm install runs.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/manager-console/src/operations.graphql'],
  generates: {
    'examples/manager-console/src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', EmailAddress: 'string', NonEmptyString: 'string' },
      },
    },
  },
};

export default config;
