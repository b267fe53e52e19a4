import { SUBGRAPH_NAMES } from "./schema.js";

/** How a string from the environment is converted before validation. */
export type ValueKind = "string" | "number" | "boolean";

/** One row of the environment mapping: variable name, dotted config key, conversion. */
export interface EnvMapping {
  readonly env: string;
  readonly key: string;
  readonly kind: ValueKind;
}

/** Every environment variable the loader reads, applied in this order over defaults and the config file. */
export const ENV_MAPPINGS: readonly EnvMapping[] = [
  { env: "NODE_ENV", key: "nodeEnv", kind: "string" },
  { env: "LOG_LEVEL", key: "logLevel", kind: "string" },
  { env: "DATA_DIR", key: "dataDir", kind: "string" },
  { env: "HOST", key: "gateway.host", kind: "string" },
  { env: "PORT", key: "gateway.port", kind: "number" },
  { env: "SUPERGRAPH_PATH", key: "gateway.supergraphPath", kind: "string" },
  { env: "GATEWAY_QUERY_PLANNER", key: "gateway.queryPlanner", kind: "string" },
  { env: "SUBGRAPH_HOST", key: "subgraphs.host", kind: "string" },
  ...SUBGRAPH_NAMES.flatMap((name): EnvMapping[] => [
    {
      env: `${name.toUpperCase()}_SUBGRAPH_PORT`,
      key: `subgraphs.${name}.port`,
      kind: "number",
    },
    {
      env: `${name.toUpperCase()}_SUBGRAPH_URL`,
      key: `subgraphs.${name}.url`,
      kind: "string",
    },
  ]),
  { env: "DATABASE_URL", key: "database.url", kind: "string" },
  { env: "PERF_DB_POOL_SIZE", key: "database.poolSize", kind: "number" },
  { env: "PERF_DB_MAX_OVERFLOW", key: "database.maxOverflow", kind: "number" },
  { env: "SQLITE_SYNCHRONOUS", key: "database.sqliteSynchronous", kind: "string" },
  { env: "REDIS_URL", key: "redis.url", kind: "string" },
  { env: "QUEUE_BACKEND", key: "queue.backend", kind: "string" },
  { env: "AUTH_JWT_SECRET", key: "auth.jwtSecret", kind: "string" },
  { env: "AUTH_INTERNAL_SECRET", key: "auth.internalSecret", kind: "string" },
  {
    env: "AUTH_INTERNAL_TOKEN_TTL",
    key: "auth.internalTokenTtlSeconds",
    kind: "number",
  },
  { env: "QUEUE_PREFIX", key: "queue.prefix", kind: "string" },
  { env: "QUEUE_SHUTDOWN_TIMEOUT_MS", key: "queue.shutdownTimeoutMs", kind: "number" },
  { env: "QUEUE_STALLED_INTERVAL_MS", key: "queue.stalledIntervalMs", kind: "number" },
  { env: "QUEUE_LOCK_DURATION_MS", key: "queue.lockDurationMs", kind: "number" },
  { env: "OUTBOX_RELAY_ENABLED", key: "events.relayEnabled", kind: "boolean" },
  { env: "OUTBOX_RELAY_INTERVAL_MS", key: "events.relayIntervalMs", kind: "number" },
  { env: "OUTBOX_RELAY_BATCH_SIZE", key: "events.relayBatchSize", kind: "number" },
  { env: "CACHE_TTL", key: "cache.ttlSeconds", kind: "number" },
  {
    env: "ENABLE_OPENTELEMETRY",
    key: "observability.tracing.enabled",
    kind: "boolean",
  },
  {
    env: "OTEL_EXPORTER_OTLP_ENDPOINT",
    key: "observability.tracing.endpoint",
    kind: "string",
  },
  {
    env: "OTEL_TRACES_SAMPLER_ARG",
    key: "observability.tracing.sampleRatio",
    kind: "number",
  },
  {
    env: "ENABLE_METRICS",
    key: "observability.metrics.enabled",
    kind: "boolean",
  },
  { env: "WEBHOOK_SECRET_KEY", key: "webhooks.secretKey", kind: "string" },
  { env: "WEBHOOK_TIMEOUT_MS", key: "webhooks.timeoutMs", kind: "number" },
  { env: "WEBHOOK_RETRY_SCHEDULE", key: "webhooks.retrySchedule", kind: "string" },
  { env: "WEBHOOK_ALLOWED_CIDRS", key: "webhooks.allowedCidrs", kind: "string" },
  { env: "WEBHOOK_HTTPS_ONLY", key: "webhooks.httpsOnly", kind: "boolean" },
  { env: "WEBHOOK_ROTATION_GRACE_HOURS", key: "webhooks.rotationGraceHours", kind: "number" },
  { env: "WEBHOOK_BREAKER_FAILURE_THRESHOLD", key: "webhooks.breakerFailureThreshold", kind: "number" },
  { env: "WEBHOOK_BREAKER_COOLDOWN_MS", key: "webhooks.breakerCooldownMs", kind: "number" },
  { env: "WEBHOOK_DISABLE_AFTER_HOURS", key: "webhooks.disableAfterHours", kind: "number" },
  { env: "WEBHOOK_DELIVERY_CONCURRENCY", key: "webhooks.deliveryConcurrency", kind: "number" },
  {
    env: "ENABLE_ML_PREDICTIONS",
    key: "flags.bootstrap.ml_predictions",
    kind: "boolean",
  },
  { env: "TRADING_FEE_RATE", key: "trading.feeRate", kind: "string" },
  { env: "MAX_ORDER_QUANTITY", key: "trading.maxOrderQuantity", kind: "string" },
  { env: "SIMULATED_MARKET", key: "trading.simulatedMarket", kind: "boolean" },
  { env: "SIMULATED_MARKET_INTERVAL_MS", key: "trading.simulatedMarketIntervalMs", kind: "number" },
  { env: "SIMULATED_MARKET_SEED", key: "trading.simulatedMarketSeed", kind: "number" },
  { env: "RATE_LIMIT_ENABLED", key: "protection.rateLimit.enabled", kind: "boolean" },
  { env: "RATE_LIMIT_BUDGET", key: "protection.rateLimit.budget", kind: "string" },
  { env: "RATE_LIMIT_FIELDS", key: "protection.rateLimit.fields", kind: "string" },
  { env: "QUERY_MAX_DEPTH", key: "protection.query.maxDepth", kind: "number" },
  { env: "QUERY_MAX_ALIASES", key: "protection.query.maxAliases", kind: "number" },
  { env: "QUERY_MAX_TOKENS", key: "protection.query.maxTokens", kind: "number" },
  { env: "QUERY_MAX_DIRECTIVES", key: "protection.query.maxDirectives", kind: "number" },
  { env: "QUERY_MAX_COST", key: "protection.query.maxCost", kind: "number" },
  { env: "GRAPHQL_INTROSPECTION", key: "protection.introspection", kind: "boolean" },
  { env: "MAX_BODY_BYTES", key: "protection.maxBodyBytes", kind: "number" },
  { env: "MAX_BATCH_SIZE", key: "protection.maxBatch", kind: "number" },
  { env: "CORS_ORIGINS", key: "protection.corsOrigins", kind: "string" },
  { env: "SECURITY_HEADERS", key: "protection.securityHeaders", kind: "boolean" },
  {
    env: "ENABLE_ARBITRAGE",
    key: "flags.bootstrap.arbitrage",
    kind: "boolean",
  },
];

const KIND_BY_KEY = new Map(ENV_MAPPINGS.map((mapping) => [mapping.key, mapping.kind]));

/** Kind of value expected at a dotted config key (every flag under flags.bootstrap is a boolean). */
export function valueKindOf(key: string): ValueKind {
  if (key.startsWith("flags.bootstrap.")) return "boolean";
  return KIND_BY_KEY.get(key) ?? "string";
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  "1": true,
  "0": false,
  yes: true,
  no: false,
};

/** Converts a string to the given kind when it is a valid one; otherwise returns it unchanged so errors can show it. */
export function convertString(raw: string, kind: ValueKind): unknown {
  const trimmed = raw.trim();
  if (kind === "number") return DECIMAL.test(trimmed) ? Number(trimmed) : raw;
  if (kind === "boolean") {
    const lowered = trimmed.toLowerCase();
    return Object.hasOwn(BOOLEANS, lowered) ? BOOLEANS[lowered] : raw;
  }
  return raw;
}
