import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import type { AppConfig } from "../src/config/index.js";
import type { Logger } from "../src/observability/logger.js";
import type { Metrics } from "../src/observability/metrics.js";
import { tracingContextManagerActive } from "../src/observability/tracing.js";
import { maskGatewayError } from "./errors.js";
import {
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

/** What the runtime is made of besides config. */
export interface RuntimeParts {
  config: AppConfig;
  logger: Logger;
  secrets: { jwtSecret: string; internalSecret: string };
  /** The supergraph SDL, with the URLs subgraphs are reached at. */
  supergraph: string;
  /** Subgraphs served in process, by URL. */
  inProcessByUrl: ReadonlyMap<string, InProcessServe>;
  rateLimitStore: RateLimitStore | undefined;
  /** Where operation stats go (always), and the registry metrics go to (when on). */
  shared: Metrics;
  metrics: Metrics | undefined;
}

type RuntimeLogging = NonNullable<Parameters<typeof createGatewayRuntime>[0]["logging"]>;

function runtimeLogging(level: string): RuntimeLogging {
  if (level === "silent") return false;
  return (level === "fatal" ? "error" : level) as RuntimeLogging;
}

/** The Envelop plugins, in order: each one's place in the list is part of what it does. */
function gatewayPlugins(parts: RuntimeParts, log: Parameters<typeof useMetrics>[0]["log"]): GatewayPlugin[] {
  const { config, logger, secrets, rateLimitStore, metrics } = parts;
  const { protection } = config;
  const { tracing } = config.observability;
  return [
    // Before tracing, whose propagation wraps the fetch function set here: traceparent reaches these too.
    ...(parts.inProcessByUrl.size === 0 ? [] : [useInProcessSubgraphs(parts.inProcessByUrl)]),
    // First of the rest, so that the operation's span encloses what the other plugins do.
    ...(tracing.enabled
      ? [useTracing({ sampleRatio: tracing.sampleRatio, useContextManager: tracingContextManagerActive() })]
      : []),
    useIdentity({
      jwtSecret: secrets.jwtSecret,
      internalSecret: secrets.internalSecret,
      internalTokenTtlSeconds: config.auth.internalTokenTtlSeconds,
    }),
    useRequestLog(logger.child({ component: "gateway" })),
    ...(metrics ? useMetrics({ registry: metrics.registry, log }) : []),
    useOperationStats(parts.shared.operationStats),
    useOfrep(logger.child({ component: "ofrep" })),
    useErrorLog(logger.child({ component: "gateway" })),
    useQueryLimits({ ...protection.query, hideSuggestions: !protection.introspection }),
    ...(protection.securityHeaders ? [useSecurityHeaders()] : []),
    ...(rateLimitStore === undefined
      ? []
      : [
          useRateLimit({
            budget: protection.rateLimit.budget,
            fields: protection.rateLimit.fields,
            store: rateLimitStore,
          }),
        ]),
  ];
}

/** Hive Gateway's runtime serving the supergraph with our plugins; the playground is served beside it. */
export function createRuntime(parts: RuntimeParts): GatewayRuntime<IdentityContext> {
  const { config } = parts;
  const { protection } = config;
  return createGatewayRuntime<IdentityContext>({
    supergraph: parts.supergraph,
    logging: runtimeLogging(config.logLevel),
    landingPage: false,
    // The gateway's HTTP server serves GraphiQL from installed assets (gateway/playground.ts).
    graphiql: false,
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
    plugins: (context) => gatewayPlugins(parts, context.log),
  });
}
