import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createGatewayRuntime, getGraphQLWSOptions, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import { useServer } from "graphql-ws/use/ws";
import type { Secrets } from "../src/auth/secrets.js";
import type { AppConfig } from "../src/config/index.js";
import { closeServer, listen } from "../src/subgraph/listen.js";
import { webSocketServerOn } from "../src/subgraph/websocket.js";
import { shutdownCheck } from "../src/health/checks.js";
import {
  checkSubgraph,
  healthReport,
  httpStatusOf,
  HEALTH_CONTENT_TYPE,
  timedCheck,
  toHealthJson,
} from "../src/health/report.js";
import type { Logger } from "../src/observability/logger.js";
import { Metrics } from "../src/observability/metrics.js";
import { tracingContextManagerActive } from "../src/observability/tracing.js";
import { maskGatewayError } from "./errors.js";
import { Redis } from "ioredis";
import {
  memoryRateLimitStore,
  redisRateLimitStore,
  useErrorLog,
  useIdentity,
  useInProcessSubgraphs,
  useMetrics,
  useOfrep,
  useOperationStats,
  useQueryLimits,
  useRateLimit,
  useRequestLog,
  useSecurityHeaders,
  useTracing,
  type IdentityContext,
  type InProcessServe,
  type RateLimitStore,
} from "./plugins/index.js";
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

type RuntimeLogging = NonNullable<Parameters<typeof createGatewayRuntime>[0]["logging"]>;

function runtimeLogging(level: string): RuntimeLogging {
  if (level === "silent") return false;
  return (level === "fatal" ? "error" : level) as RuntimeLogging;
}

/**
 * Refuses a body the gateway will not read: over `maxBytes` by its Content-Length (413), or sent
 * chunked without one (411), so that no body is larger than the limit. True when refused.
 */
function bodyRefused(req: IncomingMessage, res: ServerResponse, maxBytes: number): boolean {
  const chunked = req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined;
  const tooLarge = Number(req.headers["content-length"] ?? 0) > maxBytes;
  if (!chunked && !tooLarge) return false;
  const message = chunked
    ? "Send the request body with a Content-Length."
    : `The request body exceeds the limit of ${maxBytes} bytes.`;
  // Connection: close, as the body is not read.
  res
    .writeHead(chunked ? 411 : 413, { "content-type": "application/json", connection: "close" })
    .end(JSON.stringify({ errors: [{ message, extensions: { code: "BAD_USER_INPUT", maxBytes } }] }));
  return true;
}

/** Hive Gateway serving the supergraph, with our Envelop plugins and health endpoints. */
export function createGateway(options: GatewayOptions): Gateway {
  const { config, logger } = options;
  const configured = new Map<string, string>();
  for (const [name, subgraph] of Object.entries(config.subgraphs)) {
    if (typeof subgraph === "object" && subgraph.url !== undefined) configured.set(name, subgraph.url);
  }
  const supergraph = withSubgraphUrls(
    readSupergraph(config.gateway.supergraphPath),
    new Map([...configured, ...(options.subgraphUrls ?? [])]),
  );
  const subgraphUrls = subgraphUrlsOf(supergraph);
  const inProcessByUrl = new Map<string, InProcessServe>();
  for (const [name, serveInProcess] of options.inProcessSubgraphs ?? []) {
    const url = subgraphUrls.get(name);
    if (url !== undefined) inProcessByUrl.set(url, serveInProcess);
  }
  const { protection } = config;
  const { rateLimit } = protection;
  // Redis shares the counts between gateway instances.
  const rateLimitStore: RateLimitStore | undefined = !rateLimit.enabled
    ? undefined
    : config.redis.url === undefined
      ? memoryRateLimitStore()
      : redisRateLimitStore(new Redis(config.redis.url, { lazyConnect: true }), `${config.queue.prefix}:ratelimit`);
  const metricsEnabled = config.observability.metrics.enabled;
  const shared = options.metrics ?? new Metrics();
  const metrics = metricsEnabled ? shared : undefined;
  const runtime = createGatewayRuntime<IdentityContext>({
    supergraph,
    logging: runtimeLogging(config.logLevel),
    landingPage: false,
    graphqlEndpoint: "/graphql",
    maskedErrors: { maskError: maskGatewayError, errorMessage: "Internal server error" },
    ...(protection.introspection ? {} : { disableIntrospection: {} }),
    // A browser's cross-site "simple" request (no preflight) must carry one of these headers.
    csrfPrevention: { requestHeaders: ["x-graphql-csrf", "apollo-require-preflight", "authorization"] },
    cors:
      protection.corsOrigins.length === 0
        ? false
        : {
            origin: [...protection.corsOrigins],
            credentials: true,
            allowedHeaders: ["authorization", "content-type", "x-request-id", "x-graphql-csrf"],
            exposedHeaders: ["x-request-id", "retry-after"],
            maxAge: 600,
          },
    batching: { limit: protection.maxBatch },
    ...(config.gateway.queryPlanner === "rust" ? { unifiedGraphHandler } : {}),
    // Subscriptions reach subgraphs over graphql-ws, with this request's internal token.
    transportEntries: {
      "*.http": {
        options: {
          subscriptions: {
            kind: "ws",
            location: "/graphql",
            options: { connectionParams: { token: "{context.internalToken}", requestId: "{context.requestId}" } },
          },
        },
      },
    },
    plugins: (context) => [
      // Before tracing, whose propagation wraps the fetch function set here: traceparent reaches these too.
      ...(inProcessByUrl.size === 0 ? [] : [useInProcessSubgraphs(inProcessByUrl)]),
      // First of the rest, so that the operation's span encloses what the other plugins do.
      ...(config.observability.tracing.enabled
        ? [
            useTracing({
              sampleRatio: config.observability.tracing.sampleRatio,
              useContextManager: tracingContextManagerActive(),
            }),
          ]
        : []),
      useIdentity({
        jwtSecret: options.secrets.jwtSecret,
        internalSecret: options.secrets.internalSecret,
        internalTokenTtlSeconds: config.auth.internalTokenTtlSeconds,
      }),
      useRequestLog(logger.child({ component: "gateway" })),
      ...(metrics ? useMetrics({ registry: metrics.registry, log: context.log }) : []),
      useOperationStats(shared.operationStats),
      useOfrep(logger.child({ component: "ofrep" })),
      useErrorLog(logger.child({ component: "gateway" })),
      useQueryLimits({ ...protection.query, hideSuggestions: !protection.introspection }),
      ...(protection.securityHeaders ? [useSecurityHeaders()] : []),
      ...(rateLimitStore === undefined
        ? []
        : [useRateLimit({ budget: rateLimit.budget, fields: rateLimit.fields, store: rateLimitStore })]),
    ],
  });

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
  /** The supergraph executes, and every subgraph is ready (with its checks); fails once shutdown began. */
  async function readiness(): Promise<ReturnType<typeof healthReport>> {
    const checks = await Promise.all([
      timedCheck("supergraph:responseTime", "component", executeTrivialQuery),
      ...[...subgraphUrls].map(([name, url]) => checkSubgraph(name, url)),
    ]);
    return healthReport([...(shuttingDown ? [shutdownCheck()] : []), ...checks.flat()]);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url?.split("?")[0];
    if (req.method === "GET" && path === "/health/live") {
      res.writeHead(200, { "content-type": HEALTH_CONTENT_TYPE }).end(JSON.stringify({ status: "pass" }));
      return;
    }
    if (req.method === "GET" && path === "/health/ready") {
      readiness()
        .then((report) => {
          res
            .writeHead(httpStatusOf(report), { "content-type": HEALTH_CONTENT_TYPE })
            .end(JSON.stringify(toHealthJson(report)));
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, "readiness check failed");
          res.writeHead(503, { "content-type": HEALTH_CONTENT_TYPE }).end(JSON.stringify({ status: "fail" }));
        });
      return;
    }
    if (req.method === "GET" && path === "/metrics" && metrics !== undefined) {
      metrics
        .exposition()
        .then(({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body))
        .catch((error: unknown) => {
          logger.error({ err: error }, "metrics exposition failed");
          res.writeHead(500).end();
        });
      return;
    }
    if (bodyRefused(req, res, protection.maxBodyBytes)) return;
    void runtime(req, res);
  });
  server.keepAliveTimeout = 65_000;

  // Clients subscribe over graphql-ws on /graphql (SSE works on the same path through HTTP). The
  // connection's `authorization` parameter plays the Authorization header's part.
  const wsServer = webSocketServerOn(server, "/graphql");
  const wsHandle = useServer(
    getGraphQLWSOptions<IdentityContext, { request: IncomingMessage }>(runtime, (ctx) => {
      const params = ctx.connectionParams ?? {};
      const headers = new Headers();
      for (const name of ["authorization", "x-request-id"]) {
        const value = params[name] ?? params[name.replace(/^./, (c) => c.toUpperCase())];
        if (typeof value === "string") headers.set(name, value);
      }
      // `req`: the client's address, which anonymous rate limits count by.
      return { request: new Request("http://gateway/graphql", { headers }), req: ctx.extra.request };
    }),
    wsServer,
  );

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
      await wsHandle.dispose();
      if (server.listening) await closeServer(server);
      await runtime.dispose();
      await rateLimitStore?.close();
    },
  };
}
