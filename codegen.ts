import type { CodegenConfig } from "@graphql-codegen/cli";

/** Typed documents for clients of the supergraph; the end-to-end tests use them. */
const config: CodegenConfig = {
  schema: "schema/supergraph.graphql",
  documents: ["test/**/*.ts", "!test/gql/**"],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    "test/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", Decimal: "string", JSON: "unknown" },
      },
    },
  },
};

export default config;
