import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql must load once, or "Cannot use GraphQLSchema from another module or realm".
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    globals: false,
    include: ["test/**/*.test.ts", "src/**/*.test.ts", "subgraphs/**/*.test.ts", "gateway/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
  },
});
