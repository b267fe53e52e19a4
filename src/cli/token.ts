import { parseArgs } from "node:util";
import { resolveSecrets } from "../auth/secrets.js";
import { signUserToken } from "../auth/tokens.js";
import { ROLES, type Role } from "../auth/viewer.js";
import { loadConfig } from "../config/index.js";
import { runMain, UsageError } from "./main.js";

const USAGE = `Usage: npm run token -- --sub <user id> --role <${ROLES.join("|")}> [--role ...] [--expires 30d]`;

runMain(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        sub: { type: "string" },
        role: { type: "string", multiple: true },
        expires: { type: "string", default: "30d" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const sub = values.sub?.trim();
  if (!sub) throw new UsageError(`--sub is required\n${USAGE}`);
  const roles = values.role ?? ["trader"];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0)
    throw new UsageError(`Unknown role ${unknown.join(", ")}: roles are ${ROLES.join(", ")}\n${USAGE}`);
  if (!/^\d+[smhdw]$/.test(values.expires))
    throw new UsageError(`--expires must look like 15m, 12h or 30d, got "${values.expires}"`);
  const { jwtSecret } = resolveSecrets(loadConfig());
  process.stdout.write(`${await signUserToken({ id: sub, roles: roles as Role[] }, jwtSecret, values.expires)}\n`);
});
