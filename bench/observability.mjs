#!/usr/bin/env node
// Cost of observability at the gateway: throughput of our gateway (dist/src/cli/start-gateway.js) on
// the reference federation workload (docs/benchmarks.md), with metrics and tracing on (Prometheus plugins,
// OpenTelemetry with 10 % sampling exporting OTLP/HTTP to a local sink) against both off, in one run,
// interleaved (off on off on ...). Target: "on" at most 15 % lower than "off".
// Both run with LOG_LEVEL=warn, so that the per-operation log line (the same in both) does not hide the
// difference. --bench-dir is a copy of the federation benchmark harness with its node_modules
// (docs/benchmarks.md says where it comes from).
// Usage: npm run build && node bench/observability.mjs --bench-dir <dir> [--rounds 2] [--duration 15]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    "bench-dir": { type: "string", default: join(tmpdir(), "obs-bench") },
    rounds: { type: "string", default: "2" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "5" },
    "sample-ratio": { type: "string", default: "0.1" },
  },
});
const root = new URL("..", import.meta.url).pathname;
const benchDir = values["bench-dir"];

if (!existsSync(join(benchDir, "run.mjs")) || !existsSync(join(benchDir, "node_modules"))) {
  console.error(
    `--bench-dir ${benchDir}: no federation benchmark harness with node_modules there (see docs/benchmarks.md)`,
  );
  process.exit(2);
}

// An OTLP/HTTP sink: accepts every export, counts the spans.
let exports = 0;
let spans = 0;
const sink = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    exports += 1;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      for (const r of body.resourceSpans ?? []) for (const s of r.scopeSpans ?? []) spans += s.spans?.length ?? 0;
    } catch {
      // Not JSON: counted as an export all the same.
    }
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise((resolve) => sink.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${sink.address().port}`;

const dataDir = mkdtempSync(join(tmpdir(), "obs-bench-data-"));
const out = join(dataDir, "results.json");
const gatewayJs = join(root, "dist/src/cli/start-gateway.js");
// One load generator on one address is what the rate limits refuse, and the reference query's lists
// have no `first` (so the cost limit, made for our connections, refuses it): both gateways run
// without either; what is compared is the cost of metrics and tracing.
const common = `DATA_DIR=${dataDir} LOG_LEVEL=warn RATE_LIMIT_ENABLED=false QUERY_MAX_COST=1000000000`;
const off = `${common} ENABLE_METRICS=false ENABLE_OPENTELEMETRY=false node ${gatewayJs}`;
const on =
  `${common} ENABLE_METRICS=true ENABLE_OPENTELEMETRY=true OTEL_TRACES_SAMPLER_ARG=${values["sample-ratio"]} ` +
  `OTEL_EXPORTER_OTLP_ENDPOINT=${endpoint} node ${gatewayJs}`;

const args = [
  "run.mjs",
  "--gateways",
  "none",
  "--baseline",
  "off",
  "--gateway-cmd",
  off,
  "--name",
  "off",
  "--port",
  "4110",
  "--gateway-cmd",
  on,
  "--name",
  "on",
  "--port",
  "4111",
  "--rounds",
  values.rounds,
  "--duration",
  values.duration,
  "--warmup",
  values.warmup,
  "--out",
  out,
  "--logs",
  join(dataDir, "logs"),
];
console.log(`node ${args.map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ")}  (in ${benchDir})`);
const code = await new Promise((resolve) => {
  const child = spawn(process.execPath, args, { cwd: benchDir, stdio: "inherit" });
  child.on("exit", resolve);
});
sink.close();

const { summary } = JSON.parse(readFileSync(out, "utf8"));
const fmt = (v) =>
  `${v.rps.toFixed(1)} rps (rounds ${v.rpsRounds.join(" / ")}), p50 ${v.p50.toFixed(0)} ms, p99 ${v.p99.toFixed(0)} ms, gateway ${v.gatewayMsPerReq.toFixed(2)} CPU ms/req, valid ${v.valid}`;
console.log("\n== observability cost at the gateway (reference federation workload) ==");
console.log(`all off:                            ${fmt(summary.off)}`);
console.log(`metrics + tracing (${Number(values["sample-ratio"]) * 100} % sampled): ${fmt(summary.on)}`);
const ratio = summary.on.rps / summary.off.rps;
console.log(
  `on × off: ${ratio.toFixed(3)} rps (${((1 - ratio) * 100).toFixed(1)} % lower; target ≤ 15 %), ` +
    `${(summary.on.gatewayMsPerReq / summary.off.gatewayMsPerReq).toFixed(3)} CPU per request; ` +
    `OTLP sink received ${spans} spans in ${exports} exports`,
);
rmSync(dataDir, { recursive: true, force: true });
process.exitCode = code === 0 ? 0 : 1;
