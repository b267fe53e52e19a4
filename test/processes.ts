import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ENV_MAPPINGS } from "../src/config/sources.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A spawned process with its output collected as it arrives. */
export interface Proc {
  name: string;
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Settles when the process has exited and its output streams are closed. */
  closed: Promise<Exit>;
  exit: Exit | undefined;
}

/** Every process spawned and not yet exited, for afterEach to kill. */
export const running = new Set<Proc>();

/**
 * The environment of a child: this one's minus every configuration variable of the project (and
 * CONFIG_FILE), so the developer's settings can't leak in; loopback only; plus the test's own.
 */
export function childEnv(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { env: name } of ENV_MAPPINGS) delete env[name];
  delete env["CONFIG_FILE"];
  return { ...env, HOST: "127.0.0.1", SUBGRAPH_HOST: "127.0.0.1", ...overrides };
}

/** Name, exit and all output of a process, for assertion messages. */
export function describeProc(proc: Proc): string {
  return `${proc.name} exit: ${JSON.stringify(proc.exit)}\n--- stdout ---\n${proc.stdout}\n--- stderr ---\n${proc.stderr}`;
}

/** Starts `node <script> ...args` in the project root; stdin is a pipe the test may write to. */
export function spawnNode(
  name: string,
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Proc {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const proc: Proc = { name, child, stdout: "", stderr: "", exit: undefined, closed: undefined as never };
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (proc.stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (proc.stderr += chunk));
  // Writing to the stdin of a process that just died must not crash the test.
  child.stdin?.on("error", () => undefined);
  proc.closed = new Promise<Exit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      proc.exit = { code, signal };
      running.delete(proc);
      resolve(proc.exit);
    });
  });
  running.add(proc);
  return proc;
}

/** Resolves with the exit once the process has exited; fails (and kills it) after `ms`. */
export async function exitWithin(proc: Proc, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      proc.child.kill("SIGKILL");
      reject(new Error(`process did not exit within ${ms} ms\n${describeProc(proc)}`));
    }, ms);
  });
  try {
    return await Promise.race([proc.closed, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every process still running and waits until they are gone. */
export async function killRunning(): Promise<void> {
  const leftovers = [...running];
  for (const proc of leftovers) proc.child.kill("SIGKILL");
  await Promise.allSettled(leftovers.map((proc) => proc.closed));
}

/** Waits until stdout matches `pattern` and returns the match; fails if the process exits first or after `ms`. */
export function waitForStdout(proc: Proc, pattern: RegExp, ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const match = proc.stdout.match(pattern);
      if (match) {
        finish();
        resolve(match);
      }
      return match !== null;
    };
    const onClose = (): void => {
      if (check()) return;
      finish();
      reject(new Error(`process exited before printing ${String(pattern)}\n${describeProc(proc)}`));
    };
    const onData = (): void => void check();
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`no ${String(pattern)} on stdout within ${ms} ms\n${describeProc(proc)}`));
    }, ms);
    const finish = (): void => {
      clearTimeout(timer);
      proc.child.stdout?.off("data", onData);
      proc.child.off("close", onClose);
    };
    // Registered after spawnNode's own listener, so proc.stdout already holds the chunk.
    proc.child.stdout?.on("data", onData);
    proc.child.once("close", onClose);
    if (proc.exit) onClose();
    else check();
  });
}
