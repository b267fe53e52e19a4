import { createGateway, type Gateway } from "../../gateway/gateway.js";
import { SUBGRAPHS } from "../../subgraphs/index.js";
import { resolveSecrets, type Secrets } from "../auth/secrets.js";
import { SUBGRAPH_NAMES, type AppConfig, type SubgraphName } from "../config/index.js";
import { createEventBus } from "../events/index.js";
import type { EventBus } from "../events/types.js";
import { createTaskQueue } from "../queue/index.js";
import type { TaskQueue } from "../queue/types.js";
import { createSubgraphServer, type SubgraphServer } from "../subgraph/subgraph-server.js";
import type { Logger } from "../observability/logger.js";
import { jobObserver, Metrics } from "../observability/metrics.js";
import { createOperationStats } from "../observability/operation-stats.js";
import { startTracing } from "../observability/tracing.js";
import { CONSUMERS, TASKS } from "./catalog.js";

/** A running set of subgraphs and, optionally, the gateway in front of them. */
export interface Stack {
  secrets: Secrets;
  /** `/graphql` URL of the gateway, when it runs. */
  gatewayUrl?: string;
  /** `/graphql` URL of each running subgraph. */
  subgraphUrls: ReadonlyMap<SubgraphName, string>;
  subgraphs: readonly SubgraphServer[];
  gateway?: Gateway;
  bus: EventBus;
  queue: TaskQueue;
  /** The metrics every port of this stack serves on `/metrics`. */
  metrics: Metrics;
  /** Stops the gateway, the outbox relays, the queue's workers (active jobs finish), the subgraphs, the bus; idempotent. */
  close(): Promise<void>;
}

/** Options of {@link startStack}. */
export interface StackOptions {
  config: AppConfig;
  logger: Logger;
  /** Subgraphs to run in this process. @default all */
  subgraphs?: readonly SubgraphName[];
  /** Run the gateway too. @default true */
  gateway?: boolean;
}

/** Where a subgraph is reached when it is not in this process: its configured URL, or its port. */
export function configuredSubgraphUrl(config: AppConfig, name: SubgraphName): string {
  const { url, port } = config.subgraphs[name];
  const host =
    config.subgraphs.host === "0.0.0.0" || config.subgraphs.host === "::" ? "127.0.0.1" : config.subgraphs.host;
  return url ?? `http://${host}:${port}/graphql`;
}

/**
 * The composition root: resolves secrets, chooses the queue and bus backends once from config,
 * starts the chosen subgraphs (each opening its database, applying its migrations, running its
 * outbox relay and queue workers), then the gateway wired to where they actually listen.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { config, logger } = options;
  const names = options.subgraphs ?? SUBGRAPH_NAMES;
  const secrets = resolveSecrets(config);
  const directory = new Map<SubgraphName, string>(
    SUBGRAPH_NAMES.map((name) => [name, configuredSubgraphUrl(config, name)]),
  );
  const runsGateway = options.gateway ?? true;
  const tracing = startTracing({
    ...config.observability.tracing,
    serviceName: names.length === 1 && !runsGateway ? `tradebot-${names[0] ?? ""}` : "tradebot-graph",
  });
  const metrics = new Metrics({
    operationStats: createOperationStats({ redisUrl: config.redis.url, prefix: config.queue.prefix, logger }),
  });
  const bus = await createEventBus({ redisUrl: config.redis.url, prefix: config.queue.prefix, logger });
  const queue = createTaskQueue({
    backend: config.queue.backend,
    redisUrl: config.redis.url,
    prefix: config.queue.prefix,
    shutdownTimeoutMs: config.queue.shutdownTimeoutMs,
    stalledIntervalMs: config.queue.stalledIntervalMs,
    lockDurationMs: config.queue.lockDurationMs,
    logger,
    tasks: TASKS,
    observer: jobObserver(config.observability.metrics.enabled ? metrics : undefined, logger),
  });
  metrics.observeQueue(queue);
  const subgraphs: SubgraphServer[] = [];
  let gateway: Gateway | undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      // Readiness fails first, so that load balancers stop sending before anything stops.
      gateway?.beginShutdown();
      for (const subgraph of subgraphs) subgraph.beginShutdown();
      await gateway?.close();
      await Promise.all(subgraphs.map((subgraph) => subgraph.stopRelay()));
      await queue.close();
      await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
      await bus.close();
      await metrics.close();
      await tracing?.shutdown();
    })());

  try {
    for (const name of names) {
      const server = await createSubgraphServer(SUBGRAPHS[name], {
        config,
        logger,
        secrets,
        directory,
        bus,
        queue,
        metrics,
        consumers: CONSUMERS,
      });
      subgraphs.push(server);
      directory.set(name, await server.listen(config.subgraphs[name].port, config.subgraphs.host));
    }
    let gatewayUrl: string | undefined;
    if (runsGateway) {
      const running = new Map(names.map((name) => [name, directory.get(name) ?? ""]));
      gateway = createGateway({
        config,
        logger,
        secrets,
        subgraphUrls: running,
        metrics,
        // The subgraphs started here answer this gateway in process; the others over HTTP.
        inProcessSubgraphs: new Map(subgraphs.map((subgraph) => [subgraph.name, subgraph.serveInProcess])),
      });
      gatewayUrl = await gateway.listen(config.gateway.port, config.gateway.host);
    }
    const subgraphUrls = new Map(names.map((name) => [name, directory.get(name) ?? ""]));
    return { secrets, gatewayUrl, subgraphUrls, subgraphs, gateway, bus, queue, metrics, close };
  } catch (error) {
    await close();
    throw error;
  }
}
