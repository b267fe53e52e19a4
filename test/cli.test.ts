/**
 * End-to-end tests of the built command-line entry points (dist/src/cli/*.js): each test spawns
 * `node <script>` the way a user would and asserts on its output, exit code and HTTP behaviour.
 * The build itself is run by the global setup (test/global-setup.ts).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeProc, exitWithin, killRunning, spawnNode, waitForStdout, type Exit, type Proc } from "./processes.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI_DIR = path.join(ROOT, "dist", "src", "cli");

/** How long a command may take to exit on its own before the test gives up on it. */
const EXIT_DEADLINE_MS = 15_000;
/** How long the whole stack may take to print its banner. */
const READY_DEADLINE_MS = 20_000;
/** How long the stack may take to stop after SIGTERM. */
const STOP_DEADLINE_MS = 10_000;

const SUBGRAPH_PORT_VARS = [
  "BOTS_SUBGRAPH_PORT",
  "TRADES_SUBGRAPH_PORT",
  "WEBHOOKS_SUBGRAPH_PORT",
  "FLAGS_SUBGRAPH_PORT",
  "ADMIN_SUBGRAPH_PORT",
] as const;

/** Every port the stack binds set to 0, so the OS picks free ones. */
const ALL_PORTS_ZERO: Readonly<Record<string, string>> = {
  PORT: "0",
  ...Object.fromEntries(SUBGRAPH_PORT_VARS.map((name) => [name, "0"])),
};

const tempDirs: string[] = [];
const occupiedPorts: Server[] = [];

/** A fresh temporary directory (removed after the test) and a not-yet-existing DATA_DIR inside it. */
function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-test-"));
  tempDirs.push(dir);
  return path.join(dir, "data");
}

/** Starts `node dist/src/cli/<script> ...args` in the project root. */
function spawnCli(script: string, args: readonly string[], env: Readonly<Record<string, string>>): Proc {
  return spawnNode(script, path.join(CLI_DIR, script), args, env);
}

/** Runs a CLI to completion. */
async function runCli(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<Proc & { exit: Exit }> {
  const cli = spawnCli(script, args, env);
  await exitWithin(cli, EXIT_DEADLINE_MS);
  return cli as Proc & { exit: Exit };
}

async function occupyPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  occupiedPorts.push(server);
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return address.port;
}

interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

async function graphql(url: string, token: string, query: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse["body"] };
}

/** The lines of an output, without the indentation the CLIs put in front of details. */
function linesOf(output: string): string[] {
  return output.split("\n").map((line) => line.trim());
}

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

beforeAll(() => {
  if (!existsSync(path.join(CLI_DIR, "start.js"))) {
    throw new Error(`${CLI_DIR} has no start.js: run npm run build first`);
  }
});

afterEach(async () => {
  await killRunning();
  await Promise.all(
    occupiedPorts.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
  );
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("start.js", () => {
  it("runs the whole stack, serves the printed URL with the printed token, and stops on SIGTERM", async () => {
    const dataDir = tempDataDir();
    const env = { ...ALL_PORTS_ZERO, DATA_DIR: dataDir };
    const stack = spawnCli("start.js", [], env);

    const [, adminToken] = await waitForStdout(stack, /^Admin token[^\n]*\n\s*(\S+)\s*$/m, READY_DEADLINE_MS);
    expect(stack.stdout).toMatch(/^Ready in \d+(\.\d+)? s$/m);
    const gatewayUrl = stack.stdout.match(/^\s+gateway\s+(http:\/\/\S+)/m)?.[1];
    expect(gatewayUrl, describeProc(stack)).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/graphql$/);
    expect(adminToken).toMatch(JWT);
    expect(stack.stdout).toContain(dataDir);

    const created = await graphql(
      gatewayUrl!,
      adminToken!,
      'mutation { createBot(input: {name: "cli", symbol: "BTC/USDT"}) { bot { id trades { totalCount } } userErrors { message } } }',
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data).toEqual({
      createBot: { bot: { id: expect.any(String), trades: { totalCount: 0 } }, userErrors: [] },
    });

    // First start generated the secrets and kept them, readable by the owner only.
    const secretsFile = path.join(dataDir, "secrets.json");
    expect(existsSync(secretsFile)).toBe(true);
    if (process.platform !== "win32") expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    // token.js signs with the same secrets as the running stack...
    const token = await runCli("token.js", ["--sub", "alice", "--role", "trader"], { DATA_DIR: dataDir });
    expect(token.exit, describeProc(token)).toEqual({ code: 0, signal: null });
    const aliceToken = token.stdout.trim();
    expect(aliceToken).toMatch(JWT);
    const bots = await graphql(gatewayUrl!, aliceToken, "{ bots { totalCount } }");
    expect(bots.body.errors).toBeUndefined();
    expect(bots.body.data).toEqual({ bots: { totalCount: expect.any(Number) } });

    // ...while a token made with another DATA_DIR's secrets is refused.
    const foreign = await runCli("token.js", ["--sub", "alice"], { DATA_DIR: tempDataDir() });
    expect(foreign.exit, describeProc(foreign)).toEqual({ code: 0, signal: null });
    const refused = await graphql(gatewayUrl!, foreign.stdout.trim(), "{ bots { totalCount } }");
    expect(refused.status).toBe(401);
    expect(refused.body.errors).toBeDefined();

    stack.child.kill("SIGTERM");
    expect(await exitWithin(stack, STOP_DEADLINE_MS), describeProc(stack)).toEqual({ code: 0, signal: null });
  });

  it("rejects bad configuration with exit 2 and one line per problem, before starting anything", async () => {
    const dataDir = tempDataDir();
    const cli = await runCli("start.js", [], { ...ALL_PORTS_ZERO, DATA_DIR: dataDir, PERF_DB_POOL_SIZE: "-3" });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    const lines = linesOf(cli.stderr);
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines).toContain('database.poolSize: expected a positive integer, got "-3" (from PERF_DB_POOL_SIZE)');
    expect(cli.stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
    expect(cli.stdout).not.toContain("Ready");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("names auth.jwtSecret and AUTH_JWT_SECRET for a malformed secret without printing it", async () => {
    for (const script of ["start.js", "token.js"]) {
      const dataDir = tempDataDir();
      const args = script === "token.js" ? ["--sub", "alice"] : [];
      const cli = await runCli(script, args, { ...ALL_PORTS_ZERO, DATA_DIR: dataDir, AUTH_JWT_SECRET: "short" });

      expect(cli.exit, `${script}\n${describeProc(cli)}`).toEqual({ code: 2, signal: null });
      expect(cli.stderr).toMatch(/^Invalid configuration:$/m);
      expect(cli.stderr).toMatch(/^\s+auth\.jwtSecret: .*AUTH_JWT_SECRET/m);
      expect(cli.stderr + cli.stdout).not.toContain("short");
      expect(existsSync(dataDir)).toBe(false);
    }
  });

  it("exits 1 naming the port and PORT when the gateway port is taken", async () => {
    const port = await occupyPort();
    const cli = await runCli("start.js", [], { ...ALL_PORTS_ZERO, PORT: String(port), DATA_DIR: tempDataDir() });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toContain(String(port));
    expect(cli.stderr).toMatch(/\bPORT\b/);
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(cli.stdout).not.toContain("Ready");
  });

  it("exits 1 naming the port and BOTS_SUBGRAPH_PORT when the bots subgraph port is taken", async () => {
    const port = await occupyPort();
    const cli = await runCli("start.js", [], {
      ...ALL_PORTS_ZERO,
      BOTS_SUBGRAPH_PORT: String(port),
      DATA_DIR: tempDataDir(),
    });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toContain(String(port));
    expect(cli.stderr).toContain("BOTS_SUBGRAPH_PORT");
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(cli.stdout).not.toContain("Ready");
  });
});

describe("start-subgraph.js", () => {
  const NAMES = ["bots", "trades", "webhooks", "flags", "admin"];

  it("runs one subgraph, logs where it listens, and stops on SIGTERM", async () => {
    const dataDir = tempDataDir();
    const subgraph = spawnCli("start-subgraph.js", ["bots"], { ...ALL_PORTS_ZERO, DATA_DIR: dataDir });

    const [readyLine] = await waitForStdout(subgraph, /^.*"subgraph ready".*$/m, READY_DEADLINE_MS);
    const ready = JSON.parse(readyLine) as { subgraph?: string; url?: string };
    expect(ready.subgraph).toBe("bots");
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*\/graphql$/);
    const live = await fetch(new URL("/health/live", ready.url), { signal: AbortSignal.timeout(10_000) });
    expect(live.status).toBe(200);
    expect(existsSync(path.join(dataDir, "bots.sqlite3"))).toBe(true);

    subgraph.child.kill("SIGTERM");
    expect(await exitWithin(subgraph, STOP_DEADLINE_MS), describeProc(subgraph)).toEqual({ code: 0, signal: null });
  });

  it("runs several subgraphs in one process when several are named", async () => {
    const dataDir = tempDataDir();
    const subgraphs = spawnCli("start-subgraph.js", ["bots", "trades"], { ...ALL_PORTS_ZERO, DATA_DIR: dataDir });

    await waitForStdout(subgraphs, /"subgraph ready"[^\n]*\n[^\n]*"subgraph ready"/, READY_DEADLINE_MS);
    const ready = subgraphs.stdout
      .split("\n")
      .filter((line) => line.includes('"subgraph ready"'))
      .map((line) => JSON.parse(line) as { subgraph?: string; url?: string });
    expect(ready.map((line) => line.subgraph)).toEqual(["bots", "trades"]);
    for (const { url } of ready) {
      const live = await fetch(new URL("/health/live", url), { signal: AbortSignal.timeout(10_000) });
      expect(live.status).toBe(200);
    }

    subgraphs.child.kill("SIGTERM");
    expect(await exitWithin(subgraphs, STOP_DEADLINE_MS), describeProc(subgraphs)).toEqual({ code: 0, signal: null });
  });

  it("rejects a subgraph named twice with exit 2", async () => {
    const cli = await runCli("start-subgraph.js", ["bots", "bots"], { ...ALL_PORTS_ZERO, DATA_DIR: tempDataDir() });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toContain('"bots" is named twice');
  });

  it("rejects an unknown subgraph name with exit 2, listing the valid names", async () => {
    const cli = await runCli("start-subgraph.js", ["nope"], { ...ALL_PORTS_ZERO, DATA_DIR: tempDataDir() });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toContain('"nope"');
    for (const name of NAMES) expect(cli.stderr).toMatch(new RegExp(`\\b${name}\\b`));
    expect(cli.stdout).toBe("");
  });

  it("prints usage with exit 2 when no subgraph is named", async () => {
    const cli = await runCli("start-subgraph.js", [], { ...ALL_PORTS_ZERO, DATA_DIR: tempDataDir() });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toMatch(/^Usage:/m);
    for (const name of NAMES) expect(cli.stderr).toMatch(new RegExp(`\\b${name}\\b`));
    expect(cli.stdout).toBe("");
  });
});

describe("token.js", () => {
  it("prints usage with exit 2 without --sub", async () => {
    const dataDir = tempDataDir();
    const cli = await runCli("token.js", [], { DATA_DIR: dataDir });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toContain("--sub");
    expect(cli.stderr).toMatch(/^Usage:/m);
    expect(cli.stdout).toBe("");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("rejects an unknown role with exit 2, naming the valid roles", async () => {
    const dataDir = tempDataDir();
    const cli = await runCli("token.js", ["--sub", "alice", "--role", "wizard"], { DATA_DIR: dataDir });

    expect(cli.exit, describeProc(cli)).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toContain("wizard");
    for (const role of ["admin", "trader", "viewer"]) expect(cli.stderr).toMatch(new RegExp(`\\b${role}\\b`));
    expect(cli.stdout).toBe("");
    expect(existsSync(dataDir)).toBe(false);
  });
});
