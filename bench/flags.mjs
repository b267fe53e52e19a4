#!/usr/bin/env node
// Feature flag evaluation (issue 6, item 7). Two figures, each with a baseline measured in the same run:
// 1. In process: evaluations per second of the shared evaluator as other subgraphs call it (the flag
//    cache: a map lookup + evaluateFlag) for a 25 % rollout flag with allow/deny lists and variants,
//    over 10,000 distinct users (target >= 1,000,000/s). Baseline: a bare murmurhash3js x86 32 loop over
//    the same "<key>:<user>" strings — the hash alone, which every evaluation must pay.
// 2. Through the gateway: `evaluateFlags` for 20 keys with a random targeting key, closed loop with
//    `--concurrency` clients for `--duration` s on the built stack (embedded defaults, a temporary DATA_DIR):
//    requests/s, p50/p99. Baseline: `{ __typename }` through the same gateway with the same clients.
// Usage: npm run build && node bench/flags.mjs [--iterations 5000000] [--duration 10] [--concurrency 16]
//        [--skip-gateway]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import murmurHash3 from "murmurhash3js";
import { createMemoryEventBus } from "../dist/src/events/memory-bus.js";
import { createFlagCache } from "../dist/src/flags/cache.js";
import { createLogger } from "../dist/src/observability/logger.js";
import { benchStackEnv, graphqlRequest, percentile, startChildStack } from "./lib/child-stack.mjs";

const { values } = parseArgs({
  options: {
    iterations: { type: "string", default: "5000000" },
    duration: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
    "skip-gateway": { type: "boolean", default: false },
  },
});
const iterations = Number(values.iterations);
const durationMs = Number(values.duration) * 1000;
const concurrency = Number(values.concurrency);
const format = (n) => Math.round(n).toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------------
// 1. In process.
const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}-${(i * 2_654_435_761) % 1_000_003}`);
const flag = {
  key: "ml_predictions",
  description: null,
  enabled: true,
  rolloutPercentage: 25,
  allowUserIds: users.slice(0, 50),
  denyUserIds: users.slice(50, 100),
  variants: [
    { name: "control", weight: 50 },
    { name: "treatment", weight: 50 },
  ],
  updatedAt: new Date().toISOString(),
};
const logger = createLogger({ level: "silent", pretty: false });
const bus = createMemoryEventBus({ logger });
const cache = createFlagCache({ bus, logger, loadSnapshot: () => Promise.resolve([flag]) });
await cache.ready();

function timeLoop(body) {
  body(Math.min(iterations, 200_000)); // warm-up, lets the JIT settle
  const started = process.hrtime.bigint();
  const sink = body(iterations);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: iterations / seconds, sink };
}

const baseline = timeLoop((n) => {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += murmurHash3.x86.hash32(`ml_predictions:${users[i % users.length]}`, 0) & 1;
  return sum;
});
const evaluations = timeLoop((n) => {
  let on = 0;
  for (let i = 0; i < n; i++) if (cache.evaluate("ml_predictions", users[i % users.length]).value) on++;
  return on;
});
cache.close();
await bus.close();
console.log(
  `in-process evaluations: ${format(evaluations.perSecond)}/s (${format(iterations)} evaluations; target >= 1,000,000/s)`,
);
console.log(
  `  baseline murmurhash3 x86 32 alone: ${format(baseline.perSecond)}/s; evaluation/hash ratio ${(evaluations.perSecond / baseline.perSecond).toFixed(2)}×`,
);
console.log(
  `  share on: ${((100 * evaluations.sink) / iterations).toFixed(2)} % (25 % rollout, 0.5 % allowed, 0.5 % denied)`,
);

// ---------------------------------------------------------------------------------------------------
// 2. Through the gateway.
if (!values["skip-gateway"]) {
  const dataDir = mkdtempSync(join(tmpdir(), "tradebot-bench-flags-"));
  const env = benchStackEnv(dataDir);
  let stack;
  try {
    stack = await startChildStack({
      env,
      readyTimeoutMs: 120_000,
      exitTimeoutMs: 30_000,
      adminToken: true,
      onSpawn: (handle) => (stack = handle),
    });
    const { gatewayUrl: url, token } = stack;
    const keys = Array.from({ length: 20 }, (_, i) => `bench.flag-${String(i).padStart(2, "0")}`);
    for (const [i, key] of keys.entries()) {
      await graphqlRequest(
        url,
        token,
        `mutation($input: UpsertFeatureFlagInput!) { upsertFeatureFlag(input: $input) { userErrors { message } } }`,
        {
          input: {
            key,
            enabled: i % 5 !== 0,
            rolloutPercentage: [100, 25, 50, 0, 75][i % 5],
            allowUserIds: ["user-1"],
            denyUserIds: ["user-2"],
            variants:
              i % 2 === 0
                ? [
                    { name: "a", weight: 1 },
                    { name: "b", weight: 3 },
                  ]
                : [],
          },
        },
        10_000,
      );
    }
    const evaluate = `query($keys: [ID!], $context: EvaluationContextInput) {
      evaluateFlags(keys: $keys, context: $context) { key value variant reason errorCode }
    }`;

    async function closedLoop(name, send) {
      for (let i = 0; i < 200; i++) await send(i); // warm-up
      const latencies = [];
      const deadline = performance.now() + durationMs;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async (_, client) => {
          for (let i = client; performance.now() < deadline; i += concurrency) {
            const sent = performance.now();
            await send(i);
            latencies.push(performance.now() - sent);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      const result = {
        perSecond: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
      };
      console.log(
        `${name}: ${format(result.perSecond)} requests/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms ` +
          `(${latencies.length} requests, ${concurrency} clients, ${values.duration} s)`,
      );
      return result;
    }

    const typename = await closedLoop("gateway baseline { __typename }", () =>
      graphqlRequest(url, token, "{ __typename }", undefined, 10_000),
    );
    const flags = await closedLoop("evaluateFlags, 20 keys, through the gateway", async (i) => {
      const data = await graphqlRequest(url, token, evaluate, { keys, context: { targetingKey: `user-${i}` } }, 10_000);
      if (data.evaluateFlags.length !== 20) throw new Error("expected 20 evaluations");
    });
    console.log(`  ratio evaluateFlags/baseline: ${(flags.perSecond / typename.perSecond).toFixed(2)}× requests/s`);
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
