import "reflect-metadata";
import { createGateway } from "../../gateway/gateway.js";
import { resolveSecrets } from "../auth/secrets.js";
import { loadConfig } from "../config/index.js";
import { createLogger } from "../observability/logger.js";
import { Metrics } from "../observability/metrics.js";
import { createOperationStats } from "../observability/operation-stats.js";
import { startTracing } from "../observability/tracing.js";
import { onShutdownSignal, runMain } from "./main.js";

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const tracing = startTracing({
    ...config.observability.tracing,
    serviceName: "tradebot-gateway",
    contextManager: false,
  });
  const metrics = new Metrics({
    operationStats: createOperationStats({ redisUrl: config.redis.url, prefix: config.queue.prefix, logger }),
  });
  const gateway = createGateway({ config, logger, secrets: resolveSecrets(config), metrics });
  const url = await gateway.listen(config.gateway.port, config.gateway.host);
  onShutdownSignal(async () => {
    await gateway.close();
    await metrics.close();
    await tracing?.shutdown();
  });
  logger.info({ url, subgraphs: Object.fromEntries(gateway.subgraphUrls) }, "gateway ready");
});
