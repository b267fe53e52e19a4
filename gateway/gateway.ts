import type { IncomingMessage, Server } from "node:http";
import { getGraphQLWSOptions, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { useServer } from "graphql-ws/use/ws";
import { Redis } from "ioredis";
import type { Secrets } from "../src/auth/secrets.js";
import type { AppConfig } from "../src/config/index.js";
import { closeServer, listen } from "../src/subgraph/listen.js";
import { webSocketServerOn } from "../src/subgraph/websocket.js";
import { shutdownCheck } from "../src/health/checks.js";
import { checkSubgraph, healthReport, timedCheck } from "../src/health/report.js";
import type { Logger } from "../src/observability/logger.js";
import { Metrics } from "../src/observability/metrics.js";
import { createDevTokens } from "./dev-token.js";
import { createGatewayHttpServer } from "./http.js";
import { createPlayground } from "./playground.js";
import {
  memoryRateLimitStore,
  redisRateLimitStore,
  type IdentityContext,
  type InProcessServe,
  type RateLimitStore,
} from "./plugins/index.js";
import { createRuntime } from "./runtime.js";
import { readSupergraph, subgraphUrlsOf, withSubgraphUrls } from "./supergraph.js";

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  config: AppConfig;
  logger: Logger;
  secrets: Pick<Secrets, "jwtSecret" | "internalSecret">;
  /** Subgraph URLs that replace the supergraph's (e.g. servers started on port 0). */
  subgraphUrls?: ReadonlyMap<string, string>;
  /** The registry `/metrics` serves (shared with the subgraphs of this process). @default a new one */
  metrics?: Metrics;
  /**
   * Subgraphs of this process, by name: the gateway's queries and mutations to them are served in
   * process instead of over HTTP (subscriptions stay on graphql-ws). @default none
   */
  inProcessSubgraphs?: ReadonlyMap<string, InProcessServe>;
}

/** The gateway, ready to listen. */
export interface Gateway {
  runtime: GatewayRuntime<IdentityContext>;
  /** Where each subgraph is reached. */
  subgraphUrls: ReadonlyMap<string, string>;
  /** Binds the port; resolves with the `/graphql` URL. */
  listen(port: number, host: string): Promise<string>;
  /** Readiness fails from now on (the first step of shutting down). */
  beginShutdown(): void;
  close(): Promise<void>;
}

/** The supergraph with each subgraph's URL: configured ones, then those of servers this process started. */
function supergraphOf(options: GatewayOptions): string {
  const configured = new Map<string, string>();
  for (const [name, subgraph] of Object.entries(options.config.subgraphs)) {
    if (typeof subgraph === "object" && subgraph.url !== undefined) configured.set(name, subgraph.url);
  }
  return withSubgraphUrls(
    readSupergraph(options.config.gateway.supergraphPath),
    new Map([...configured, ...(options.subgraphUrls ?? [])]),
  );
}

/** The rate limit counts: in Redis when set, shared by every gateway instance; else in memory. */
function rateLimitStoreOf(config: AppConfig): RateLimitStore | undefined {
  if (!config.protection.rateLimit.enabled) return undefined;
  if (config.redis.url === undefined) return memoryRateLimitStore();
  return redisRateLimitStore(new Redis(config.redis.url, { lazyConnect: true }), `${config.queue.prefix}:ratelimit`);
}

/**
 * Clients subscribe over graphql-ws on /graphql (SSE works on the same path through HTTP). The
 * connection's `authorization` parameter plays the Authorization header's part.
 */
function serveWebSockets(server: Server, runtime: GatewayRuntime<IdentityContext>): { dispose(): Promise<void> } {
  const options = getGraphQLWSOptions<IdentityContext, { request: IncomingMessage }>(runtime, (ctx) => {
    const params = ctx.connectionParams ?? {};
    const headers = new Headers();
    for (const name of ["authorization", "x-request-id"]) {
      const value = params[name] ?? params[name.replace(/^./, (c) => c.toUpperCase())];
      if (typeof value === "string") headers.set(name, value);
    }
    // `req`: the client's address, which anonymous rate limits count by.
    return { request: new Request("http://gateway/graphql", { headers }), req: ctx.extra.request };
  });
  const handle = useServer(options, webSocketServerOn(server, "/graphql"));
  return { dispose: async () => handle.dispose() };
}

/** Hive Gateway serving the supergraph, with our Envelop plugins, health endpoints, playground and console. */
export function createGateway(options: GatewayOptions): Gateway {
  const { config, logger } = options;
  const supergraph = supergraphOf(options);
  const subgraphUrls = subgraphUrlsOf(supergraph);
  const inProcessByUrl = new Map<string, InProcessServe>();
  for (const [name, serveInProcess] of options.inProcessSubgraphs ?? []) {
    const url = subgraphUrls.get(name);
    if (url !== undefined) inProcessByUrl.set(url, serveInProcess);
  }
  const rateLimitStore = rateLimitStoreOf(config);
  const shared = options.metrics ?? new Metrics();
  const metrics = config.observability.metrics.enabled ? shared : undefined;
  const runtime = createRuntime({ ...options, supergraph, inProcessByUrl, rateLimitStore, shared, metrics });

  /** Loads the supergraph (the runtime does it on the first request) and proves it executes. */
  async function executeTrivialQuery(): Promise<void> {
    const response = await runtime.fetch("http://gateway/graphql", {
      method: "POST",
      // Named, so that operation stats show these probes as what they are.
      headers: { "content-type": "application/json", "apollographql-client-name": "tradebot-readiness" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    if (response.status !== 200) throw new Error(`the supergraph does not execute (HTTP ${response.status})`);
  }

  let shuttingDown = false;
  const server = createGatewayHttpServer({
    runtime,
    logger,
    metrics,
    maxBodyBytes: config.protection.maxBodyBytes,
    playground: config.protection.introspection ? createPlayground() : undefined,
    devTokens: createDevTokens({ enabled: config.nodeEnv === "development", jwtSecret: options.secrets.jwtSecret }),
    /** The supergraph executes, and every subgraph is ready (with its checks); fails once shutdown began. */
    async readiness() {
      const checks = await Promise.all([
        timedCheck("supergraph:responseTime", "component", executeTrivialQuery),
        ...[...subgraphUrls].map(([name, url]) => checkSubgraph(name, url)),
      ]);
      return healthReport([...(shuttingDown ? [shutdownCheck()] : []), ...checks.flat()]);
    },
  });
  const webSockets = serveWebSockets(server, runtime);

  return {
    runtime,
    subgraphUrls,
    async listen(port, host) {
      // A subscription over WebSocket does not load the supergraph itself: load it before serving.
      await executeTrivialQuery();
      const bound = await listen(server, port, host, "PORT (gateway.port)");
      const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
      return `http://${urlHost}:${bound}/graphql`;
    },
    beginShutdown() {
      shuttingDown = true;
    },
    async close() {
      shuttingDown = true;
      await webSockets.dispose();
      if (server.listening) await closeServer(server);
      await runtime.dispose();
      await rateLimitStore?.close();
    },
  };
}
