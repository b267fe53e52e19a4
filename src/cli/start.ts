import "reflect-metadata";
import { signUserToken } from "../auth/tokens.js";
import { loadConfig, redactConfig } from "../config/index.js";
import { createLogger } from "../observability/logger.js";
import { onShutdownSignal, runMain } from "./main.js";
import { startStack } from "./stack.js";

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  logger.debug({ config: redactConfig(config) }, "configuration");
  const stack = await startStack({ config, logger });
  onShutdownSignal(async (signal) => {
    logger.info({ signal }, "stopping");
    await stack.close();
  });
  const lines = [
    `Ready in ${process.uptime().toFixed(1)} s`,
    `  gateway   ${stack.gatewayUrl ?? ""}  (GraphiQL in a browser; /health/ready, /health/live)`,
    ...(stack.gatewayUrl === undefined ? [] : [`  console   ${new URL("/console/", stack.gatewayUrl).href}`]),
    ...[...stack.subgraphUrls].map(([name, url]) => `  ${name.padEnd(9)} ${url}`),
  ];
  if (config.database.url === undefined) {
    const token = await signUserToken({ id: "admin", roles: ["admin", "trader"] }, stack.secrets.jwtSecret);
    lines.push(
      `  data      ${config.dataDir}`,
      "",
      "Admin token (sub=admin, roles admin+trader, valid 30 days; more with npm run token -- --sub alice --role trader):",
      `  ${token}`,
      "",
      "Try it:",
      `  curl -s ${stack.gatewayUrl ?? ""} -H 'content-type: application/json' -H "authorization: Bearer ${token}" \\`,
      `    -d '{"query":"mutation { createBot(input: {name: \\"My bot\\", symbol: \\"BTC/USDT\\"}) { bot { id name status trades { totalCount } } userErrors { field message } } }"}'`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
});
