import { execFileSync } from "node:child_process";
import { PROJECT_ROOT } from "../src/paths.js";

/** Builds dist/ once, so the tests that start the real CLIs run the code under test. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
  });
}
