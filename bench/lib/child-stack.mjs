// Shared by the benchmarks: the built stack (dist/src/cli/start.js) as a child process, and small
// measurement helpers. Run `npm run build` first.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer as createNetServer } from "node:net";

const root = new URL("../..", import.meta.url).pathname;

/** Rejects with `message()` when `promise` has not settled within `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** POSTs a GraphQL operation; resolves with `data`, throws on HTTP or GraphQL errors. */
export async function graphqlRequest(url, token, query, variables, timeoutMs) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  if (!response.ok || body.errors) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return body.data;
}

/** A TCP port free on 127.0.0.1 now, for a child process to listen on. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings of the caller's environment a benchmark must not inherit: it names its own backends and secrets. */
const INHERITED_SETTINGS_DROPPED = [
  "DATABASE_URL",
  "REDIS_URL",
  "QUEUE_PREFIX",
  "QUEUE_BACKEND",
  "CONFIG_FILE",
  "NODE_ENV",
  "AUTH_JWT_SECRET",
  "AUTH_INTERNAL_SECRET",
  "WEBHOOK_SECRET_KEY",
];

/**
 * The environment of a stack under benchmark: the caller's without {@link INHERITED_SETTINGS_DROPPED},
 * every port 0 on 127.0.0.1, `dataDir`, warn logs, no simulated market, and a per-viewer operation budget
 * no benchmark client reaches (one client sends far more than a person would), then `overrides`.
 */
export function benchStackEnv(dataDir, overrides = {}) {
  const env = { ...process.env };
  for (const name of INHERITED_SETTINGS_DROPPED) delete env[name];
  return {
    ...env,
    PORT: "0",
    HOST: "127.0.0.1",
    BOTS_SUBGRAPH_PORT: "0",
    TRADES_SUBGRAPH_PORT: "0",
    WEBHOOKS_SUBGRAPH_PORT: "0",
    FLAGS_SUBGRAPH_PORT: "0",
    ADMIN_SUBGRAPH_PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    SIMULATED_MARKET: "false",
    RATE_LIMIT_BUDGET: "1000000/1m",
    ...overrides,
  };
}

/**
 * Starts the stack with `env` (the caller's whole environment) and resolves once it printed its
 * gateway URL (and, when `adminToken`, the admin token it prints on embedded defaults). `args`: another
 * entry point than the whole stack (e.g. `["dist/src/cli/start-subgraph.js", "webhooks"]`), with
 * `ready()`, polled every 100 ms until it resolves true, saying when it is ready (it prints no gateway).
 * The handle counts warn/error log lines after readiness, keeps a tail of the output, reads the
 * child's CPU time, and stops it (SIGTERM, then SIGKILL after `exitTimeoutMs`). `onSpawn(handle)` gets
 * the handle at once, so a caller's cleanup can stop a stack that never became ready.
 */
export async function startChildStack({
  env,
  readyTimeoutMs,
  exitTimeoutMs,
  adminToken,
  onSpawn,
  args = ["dist/src/cli/start.js"],
  ready: readyCheck,
}) {
  // BENCH_NODE_ARGS: extra Node flags for the stack, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where
  // its time goes (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  const warnings = new Map(); // warn/error log message → count, after the stack was ready
  let output = "";
  let ready = false;
  const tail = () => output.trim().split("\n").slice(-30).join("\n");
  const append = (chunk) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    if (!ready) return;
    for (const line of text.split("\n")) {
      if (!/"level":\s*[4-6]\d/.test(line)) continue;
      let key = line.slice(0, 200);
      try {
        const entry = JSON.parse(line);
        key = [entry.msg, entry.err?.message, entry.task].filter(Boolean).join(": ");
      } catch {
        // a partial line (chunk boundary): counted under its beginning
      }
      warnings.set(key, (warnings.get(key) ?? 0) + 1);
    }
  };
  const handle = {
    child,
    exit,
    warnings,
    tail,
    gatewayUrl: undefined,
    token: undefined,
    /** The child's CPU time in ms (Linux /proc, 100 ticks per second), or undefined elsewhere. */
    cpuMs() {
      try {
        const stat = readFileSync(`/proc/${child.pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15)
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exit;
      child.kill("SIGTERM");
      const exited = await withTimeout(exit, exitTimeoutMs, () => "timeout").catch(() => undefined);
      if (exited !== undefined) return exited;
      console.error(`the stack did not exit within ${exitTimeoutMs} ms of SIGTERM: SIGKILL`);
      child.kill("SIGKILL");
      await exit;
      return "SIGKILL";
    },
  };
  onSpawn?.(handle);
  child.stderr.on("data", append);
  let stdout = "";
  const started = new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      append(chunk);
      if (ready) return;
      stdout += chunk;
      const gateway = /gateway\s+(http\S+)\s/.exec(stdout);
      const token = /Admin token[^\n]*\n\s+(\S+)\n/.exec(stdout)?.[1];
      if (gateway && (!adminToken || token)) {
        ready = true;
        handle.gatewayUrl = gateway[1];
        handle.token = token;
        resolve(handle);
      }
    });
    child.on("error", reject);
    if (readyCheck !== undefined) {
      const poll = async () => {
        if (ready || child.exitCode !== null) return;
        if (await readyCheck().catch(() => false)) {
          ready = true;
          resolve(handle);
        } else setTimeout(poll, 100);
      };
      void poll();
    }
    void exit.then((code) => reject(new Error(`the stack exited (${code}) before it was ready:\n${tail()}`)));
  });
  return withTimeout(started, readyTimeoutMs, () => `the stack was not ready within ${readyTimeoutMs} ms:\n${tail()}`);
}

/** Runs each cleanup step (`[what, step]`) within `timeoutMs`; a failure is reported and the next runs. */
export async function runCleanupSteps(steps, timeoutMs) {
  for (const [what, step] of steps) {
    try {
      await withTimeout(step(), timeoutMs, () => `timed out after ${timeoutMs} ms`);
    } catch (error) {
      console.error(`cleanup: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** On SIGINT or SIGTERM: says so, runs `cleanup` and exits 130. */
export function cleanupOnSignals(cleanup) {
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.error(`${signal}: stopping`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

/**
 * Runs a benchmark's `main`, then `cleanup` (which resolves with the stack's exit code after SIGTERM),
 * and exits 1 when either failed (saying why, with the stack's last output from `tail`), else 0.
 */
export async function runBenchmark({ main, cleanup, watchdog, tail }) {
  let failed = false;
  try {
    await main();
  } catch (error) {
    failed = true;
    console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  const code = await cleanup();
  if (code !== 0) {
    failed = true;
    console.error(`FAILED: the stack exited with ${code} after SIGTERM:\n${tail()}`);
  }
  clearTimeout(watchdog);
  process.exit(failed ? 1 : 0);
}
