import "reflect-metadata";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { printSubgraphSchema } from "@apollo/subgraph";
import { composeServices } from "@theguild/federation-composition";
import { createTwoFilesPatch } from "diff";
import { parse } from "graphql";
import { SUBGRAPHS } from "../../subgraphs/index.js";
import { SUBGRAPH_DEFAULT_PORTS, SUBGRAPH_NAMES } from "../config/index.js";
import { buildSubgraphSchema } from "../subgraph/subgraph.js";
import { PROJECT_ROOT } from "../paths.js";
import { runMain, UsageError } from "./main.js";

const SCHEMA_DIR = join(PROJECT_ROOT, "schema");

/** Every schema artifact, by file name: each subgraph's SDL and the composed supergraph. */
async function composeArtifacts(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const sdl = printSubgraphSchema(await buildSubgraphSchema(SUBGRAPHS[name]));
    files.set(`${name}.graphql`, `${sdl.trim()}\n`);
    services.push({ name, typeDefs: parse(sdl), url: `http://127.0.0.1:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql` });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  files.set("supergraph.graphql", `${result.supergraphSdl.trim()}\n`);
  return files;
}

runMain(async () => {
  const command = process.argv[2];
  if (command !== "compose" && command !== "check") throw new UsageError("Usage: schema.js compose|check");
  const files = await composeArtifacts();
  if (command === "compose") {
    mkdirSync(SCHEMA_DIR, { recursive: true });
    for (const [file, content] of files) writeFileSync(join(SCHEMA_DIR, file), content);
    process.stdout.write(`wrote ${[...files.keys()].map((f) => `schema/${f}`).join(", ")}\n`);
    return;
  }
  const stale: string[] = [];
  for (const [file, content] of files) {
    const path = join(SCHEMA_DIR, file);
    const committed = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (committed !== content) {
      stale.push(file);
      process.stdout.write(
        createTwoFilesPatch(`schema/${file} (committed)`, `schema/${file} (from the code)`, committed, content),
      );
    }
  }
  if (stale.length > 0) {
    process.stderr.write(`\nStale schema files: ${stale.join(", ")}. Run npm run schema:compose and commit them.\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write("schema/ matches the code\n");
});
