import type { CodegenConfig } from "@graphql-codegen/cli";

/** What both clients' generated types share: type-only imports, string unions for enums, scalars as they travel. */
const typesConfig = {
  useTypeImports: true,
  enumsAsTypes: true,
  scalars: { DateTime: "string", Decimal: "string", JSON: "unknown" },
};

/** Typed documents for clients of the supergraph: the end-to-end tests and the web console. */
const config: CodegenConfig = {
  schema: "schema/supergraph.graphql",
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    "test/gql/": {
      documents: ["test/**/*.ts", "!test/gql/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: typesConfig,
    },
    // The console sends documents as strings, so its bundle carries no graphql-js to print them.
    "console/src/gql/": {
      documents: ["console/src/**/*.{ts,tsx}", "!console/src/gql/**"],
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { ...typesConfig, documentMode: "string" },
    },
  },
};

export default config;
