import { execFileSync } from "node:child_process";
import { PROJECT_ROOT } from "../src/paths.js";

function run(script: string, args: string[]): void {
  execFileSync(process.execPath, [script, ...args], { cwd: PROJECT_ROOT, stdio: "inherit" });
}

/**
 * Builds dist/ once, so the tests that start the real CLIs run the code under test, and dist/console/, so
 * the browser tests load the console as it is now.
 */
export default function setup(): void {
  run("node_modules/typescript/bin/tsc", ["-p", "tsconfig.build.json"]);
  run("node_modules/vite/bin/vite.js", ["build", "--config", "console/vite.config.ts", "--logLevel", "warn"]);
}
