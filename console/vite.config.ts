import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** The web console: a static single-page app that the gateway serves at /console/. */
export default defineConfig({
  root,
  base: "/console/",
  // JSX compiles to Preact's automatic runtime; no framework plugin is needed.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../dist/console", import.meta.url)),
    emptyOutDir: true,
    // Every asset is a file of its own origin: nothing inlined as data: URLs that a CSP would have to allow.
    assetsInlineLimit: 0,
  },
});
