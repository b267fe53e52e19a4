#!/usr/bin/env node
// Startup benchmark for `npm start` (issue: "ready in under 10 s"). Runs the built stack
// (dist/src/cli/start.js) on embedded defaults with every port 0 and measures, per run:
//   ready  – process spawn → the "Ready in" line (all five subgraphs and the gateway listen)
//   query  – spawn → first successful createBot through the gateway
// Cold runs use a fresh DATA_DIR (SQLite files created, migrations applied); warm runs reuse it.
// Baseline, in the same process: spawning bare `node` until it prints, to show what is Node's own cost.
// Usage: npm run build && node bench/startup.mjs [--runs 5]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const root = new URL("..", import.meta.url).pathname;
const ports = {
  PORT: "0",
  BOTS_SUBGRAPH_PORT: "0",
  TRADES_SUBGRAPH_PORT: "0",
  WEBHOOKS_SUBGRAPH_PORT: "0",
  FLAGS_SUBGRAPH_PORT: "0",
  ADMIN_SUBGRAPH_PORT: "0",
};

function startOnce(args, env, until) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let done = false;
    child.stdout.on("data", (chunk) => {
      out += chunk;
      if (!done && until.test(out)) {
        done = true;
        resolve({ child, out, readyMs: performance.now() - started, started });
      }
    });
    child.on("exit", (code) => done || reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function measureStack(dataDir) {
  const { child, out, readyMs, started } = await startOnce(
    ["dist/src/cli/start.js"],
    { ...ports, DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    /Try it:/,
  );
  const gateway = /gateway\s+(\S+)/.exec(out)[1];
  const token = /Admin token[^\n]*\n\s+(\S+)/.exec(out)[1];
  const response = await fetch(gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation { createBot(input: {name: "b", symbol: "BTC/USDT"}) { bot { id trades { totalCount } } } }',
    }),
  });
  const body = await response.json();
  if (!body.data?.createBot?.bot?.id) throw new Error(`query failed: ${JSON.stringify(body)}`);
  const queryMs = performance.now() - started;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill("SIGTERM");
  const code = await exited;
  if (code !== 0) throw new Error(`exit code ${code} after SIGTERM`);
  return { readyMs, queryMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { baseline: [], coldReady: [], coldQuery: [], warmReady: [], warmQuery: [] };
for (let i = 0; i < runs; i++) {
  const base = await startOnce(["-e", "process.stdout.write('up')"], {}, /up/);
  results.baseline.push(base.readyMs);
  const dataDir = mkdtempSync(join(tmpdir(), "bench-startup-"));
  const cold = await measureStack(dataDir);
  results.coldReady.push(cold.readyMs);
  results.coldQuery.push(cold.queryMs);
  const warm = await measureStack(dataDir);
  results.warmReady.push(warm.readyMs);
  results.warmQuery.push(warm.queryMs);
  rmSync(dataDir, { recursive: true, force: true });
}
const baseline = median(results.baseline);
console.log(`npm start startup, median of ${runs} runs (target: ready < 10000 ms)`);
for (const [name, xs] of Object.entries(results)) {
  console.log(
    `  ${name.padEnd(10)} ${median(xs).toFixed(0).padStart(6)} ms   x bare node: ${(median(xs) / baseline).toFixed(1)}`,
  );
}
