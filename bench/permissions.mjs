#!/usr/bin/env node
// Cost of the subgraph factory's per-field protection: the same schema and query executed plain
// and behind applyInputHygiene + applyPermissions (graphql-shield, a type-wide `isAuthenticated`
// as the subgraphs use), in the same process. The query reads a list of 100 objects of 10 fields
// (1,000 guarded fields) — the shape of a connection page. Rounds alternate which side goes first;
// the result is the median of each round's protected/plain time ratio.
// Usage: npm run build && node bench/permissions.mjs [--rounds 7] [--iterations 300]
import "reflect-metadata";
import { parseArgs } from "node:util";
import { buildSchema, execute, parse } from "graphql";
import { applyPermissions, isAuthenticated } from "../dist/src/subgraph/permissions.js";
import { applyInputHygiene } from "../dist/src/subgraph/validation/arguments.js";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "7" }, iterations: { type: "string", default: "300" } },
});
const rounds = Number(values.rounds);
const iterations = Number(values.iterations);

const FIELDS = [
  "id",
  "name",
  "ownerId",
  "exchange",
  "symbol",
  "strategy",
  "status",
  "config",
  "createdAt",
  "updatedAt",
];
const sdl = `type Query { bots(first: Int!, symbol: String): [Bot!]! }
type Bot { ${FIELDS.map((f) => `${f}: String!`).join(" ")} }`;
const rows = Array.from({ length: 100 }, (_, i) => Object.fromEntries(FIELDS.map((f) => [f, `${f}-${i}`])));

function schemaWithResolver() {
  const schema = buildSchema(sdl);
  schema.getQueryType().getFields().bots.resolve = (_root, args) => rows.slice(0, args.first);
  return schema;
}
const plain = schemaWithResolver();
const guarded = applyPermissions(applyInputHygiene(schemaWithResolver()), {
  Query: { bots: isAuthenticated },
  Bot: isAuthenticated,
});
const document = parse(`{ bots(first: 100, symbol: "BTC/USDT") { ${FIELDS.join(" ")} } }`);
const viewer = { id: "alice", roles: ["trader"] };

async function timeOf(schema) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = await execute({ schema, document, contextValue: { viewer } });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / iterations;
}

await timeOf(plain);
await timeOf(guarded);
const ratios = [];
const plainTimes = [];
const guardedTimes = [];
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? [plain, guarded] : [guarded, plain];
  const times = new Map();
  for (const schema of order) times.set(schema, await timeOf(schema));
  plainTimes.push(times.get(plain));
  guardedTimes.push(times.get(guarded));
  ratios.push(times.get(guarded) / times.get(plain));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`plain:     ${median(plainTimes).toFixed(3)} ms per query (100 × 10 fields)`);
console.log(`protected: ${median(guardedTimes).toFixed(3)} ms per query (shield + argument checks)`);
console.log(`ratio protected / plain: ${median(ratios).toFixed(2)}× (median of ${rounds} rounds)`);
