import { z } from "zod";

/** Names of the five subgraphs, in the order their default ports are assigned. */
export const SUBGRAPH_NAMES = ["bots", "trades", "webhooks", "flags", "admin"] as const;

/** Name of one subgraph. */
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Port each subgraph listens on when nothing overrides it. */
export const SUBGRAPH_DEFAULT_PORTS = {
  bots: 4001,
  trades: 4002,
  webhooks: 4003,
  flags: 4004,
  admin: 4005,
} as const satisfies Record<SubgraphName, number>;

/** Dotted keys whose whole value is secret: never printed, replaced by "[redacted]" in redacted output. */
export const SECRET_KEYS = ["auth.jwtSecret", "auth.internalSecret", "webhooks.secretKey"] as const;

/** Dotted keys holding URLs whose password part is secret. */
export const CREDENTIAL_URL_KEYS = ["database.url", "redis.url"] as const;

const NODE_ENVS = ["development", "production", "test"] as const;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const QUERY_PLANNERS = ["rust", "js"] as const;
const QUEUE_BACKENDS = ["memory", "bullmq"] as const;

/** SQLite's `synchronous` levels that keep a WAL database consistent across crashes. */
const SQLITE_SYNCHRONOUS = ["NORMAL", "FULL"] as const;

type QueueBackend = (typeof QUEUE_BACKENDS)[number];

const OBJECT_MESSAGE = "expected a mapping of settings";

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(", ")}` });
}

function integer(min: number, max: number | undefined, message: string) {
  const base = z
    .number({ error: message })
    // Not .int(): its issue aborts parsing, which would hide the cross-field queue/redis check.
    .refine((value) => Number.isSafeInteger(value), { error: message })
    .min(min, { error: message });
  return max === undefined ? base : base.max(max, { error: message });
}

function nonEmptyString() {
  const message = "expected a non-empty string";
  return z.string({ error: message }).min(1, { error: message });
}

/** A URL string that must begin with one of the given schemes followed by "://". */
function urlWithScheme(schemes: RegExp, message: string) {
  const prefix = new RegExp(`^(?:${schemes.source})://`, "i");
  return z.string({ error: message }).refine((value) => prefix.test(value) && URL.canParse(value), {
    error: message,
  });
}

function secret() {
  const message = "expected a string of at least 32 characters";
  return z.string({ error: message }).min(32, { error: message }).optional();
}

/** A decimal written as a string (so it stays exact), at most `max` when given. */
function decimalString(message: string, max?: number) {
  return z
    .string({ error: message })
    .regex(/^(0|[1-9]\d*)(\.\d+)?$/, { error: message })
    .refine((value) => Number(value) > 0 || (max !== undefined && Number(value) === 0), { error: message })
    .refine((value) => max === undefined || Number(value) <= max, { error: message });
}

/** A list given as an array (file) or a comma-separated string (environment); each item must match `item`. */
function commaList(item: RegExp, message: string) {
  return z
    .union([z.array(z.string({ error: message }), { error: message }), z.string({ error: message })], {
      error: message,
    })
    .transform((value) =>
      Array.isArray(value)
        ? value
        : value
            .split(",")
            .map((part) => part.trim())
            .filter((part) => part !== ""),
    )
    .refine((items) => items.every((value) => item.test(value)), { error: message });
}

function bool() {
  return z.boolean({ error: "expected a boolean (true/false)" });
}

const WINDOW_UNITS_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const RATE = /^(\d+)\/(\d*)(ms|s|m|h)$/;

/** "N/window" → at most N per window; window is [count]ms|s|m|h, e.g. "10/1s", "600/1m", "10/m". */
export function parseRate(value: string): { max: number; windowMs: number } | undefined {
  const match = RATE.exec(value.trim());
  if (match === null) return undefined;
  const [, max = "0", count, unit = "s"] = match;
  const windowMs = Number(count === "" ? "1" : count) * WINDOW_UNITS_MS[unit as keyof typeof WINDOW_UNITS_MS];
  return Number(max) > 0 && windowMs > 0 ? { max: Number(max), windowMs } : undefined;
}

function rate() {
  const message = 'expected "N/window" with N > 0 and a window in ms, s, m or h, e.g. "600/1m"';
  return z
    .string({ error: message })
    .refine((value) => parseRate(value) !== undefined, { error: message })
    .transform((value) => parseRate(value) as { max: number; windowMs: number });
}

function fieldRates() {
  const message = 'expected a comma-separated list of Type.field=N/window, e.g. "Mutation.submitOrder=10/1s"';
  return commaList(/^[A-Za-z_]\w*\.[A-Za-z_]\w*=\d+\/\d*(ms|s|m|h)$/, message)
    .refine((items) => items.every((item) => parseRate(item.split("=")[1] ?? "") !== undefined), { error: message })
    .transform((items) =>
      items.map((item) => {
        const [field = "", limit = ""] = item.split("=");
        return { field, ...(parseRate(limit) as { max: number; windowMs: number }) };
      }),
    );
}

const port = () => integer(0, 65535, "expected an integer between 0 and 65535");

const httpUrl = () => urlWithScheme(/https?/, "expected an http(s) URL");

function subgraph(defaultPort: number) {
  return z
    .strictObject({ port: port().default(defaultPort), url: httpUrl().optional() }, { error: OBJECT_MESSAGE })
    .prefault({});
}

const shape = z.strictObject(
  {
    nodeEnv: oneOf(NODE_ENVS).default("development"),
    logLevel: oneOf(LOG_LEVELS).default("info"),
    dataDir: nonEmptyString().default("./data"),
    gateway: z
      .strictObject(
        {
          host: nonEmptyString().default("0.0.0.0"),
          port: port().default(4000),
          supergraphPath: nonEmptyString().default("schema/supergraph.graphql"),
          queryPlanner: oneOf(QUERY_PLANNERS).default("rust"),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    subgraphs: z
      .strictObject(
        {
          host: nonEmptyString().default("127.0.0.1"),
          bots: subgraph(SUBGRAPH_DEFAULT_PORTS.bots),
          trades: subgraph(SUBGRAPH_DEFAULT_PORTS.trades),
          webhooks: subgraph(SUBGRAPH_DEFAULT_PORTS.webhooks),
          flags: subgraph(SUBGRAPH_DEFAULT_PORTS.flags),
          admin: subgraph(SUBGRAPH_DEFAULT_PORTS.admin),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    database: z
      .strictObject(
        {
          url: urlWithScheme(/postgres|postgresql/, "expected a postgres:// or postgresql:// URL").optional(),
          poolSize: integer(1, undefined, "expected a positive integer").default(10),
          maxOverflow: integer(0, undefined, "expected a non-negative integer").default(5),
          sqliteSynchronous: oneOf(SQLITE_SYNCHRONOUS).default("NORMAL"),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    redis: z
      .strictObject(
        {
          url: urlWithScheme(/redis|rediss/, "expected a redis:// or rediss:// URL").optional(),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    queue: z
      .strictObject(
        {
          backend: oneOf(QUEUE_BACKENDS).optional(),
          prefix: nonEmptyString().default("tradebot"),
          shutdownTimeoutMs: integer(0, undefined, "expected a non-negative integer").default(10_000),
          stalledIntervalMs: integer(1, undefined, "expected a positive integer").default(30_000),
          lockDurationMs: integer(1, undefined, "expected a positive integer").default(30_000),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    events: z
      .strictObject(
        {
          relayEnabled: bool().default(true),
          relayIntervalMs: integer(10, undefined, "expected an integer of at least 10").default(1000),
          relayBatchSize: integer(1, 10_000, "expected an integer between 1 and 10000").default(100),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    auth: z
      .strictObject(
        {
          jwtSecret: secret(),
          internalSecret: secret(),
          internalTokenTtlSeconds: integer(1, undefined, "expected a positive integer").default(60),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    cache: z
      .strictObject(
        {
          ttlSeconds: integer(0, undefined, "expected a non-negative integer").default(60),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    observability: z
      .strictObject(
        {
          tracing: z
            .strictObject(
              {
                enabled: bool().default(false),
                endpoint: httpUrl().optional(),
                sampleRatio: z
                  .number({ error: "expected a number between 0 and 1" })
                  .min(0, { error: "expected a number between 0 and 1" })
                  .max(1, { error: "expected a number between 0 and 1" })
                  .default(1),
              },
              { error: OBJECT_MESSAGE },
            )
            .prefault({}),
          metrics: z.strictObject({ enabled: bool().default(true) }, { error: OBJECT_MESSAGE }).prefault({}),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    webhooks: z
      .strictObject(
        {
          secretKey: secret(),
          timeoutMs: integer(100, 60_000, "expected an integer between 100 and 60000").default(15_000),
          retrySchedule: commaList(
            /^\d+$/,
            'expected seconds as a comma-separated list of whole numbers, e.g. "0,5,300"',
          ).default(["0", "5", "300", "1800", "7200", "18000", "36000", "36000"]),
          allowedCidrs: commaList(
            /^[0-9a-fA-F:.]+\/\d{1,3}$/,
            'expected a comma-separated list of CIDR ranges, e.g. "127.0.0.0/8"',
          ).default([]),
          httpsOnly: bool().default(false),
          rotationGraceHours: integer(0, 720, "expected an integer between 0 and 720").default(24),
          breakerFailureThreshold: integer(1, 1000, "expected an integer between 1 and 1000").default(5),
          breakerCooldownMs: integer(100, 86_400_000, "expected an integer between 100 and 86400000").default(60_000),
          disableAfterHours: z
            .number({ error: "expected a positive number of hours, e.g. 120 or 0.5" })
            .positive({ error: "expected a positive number of hours, e.g. 120 or 0.5" })
            .max(8760, { error: "expected at most 8760 hours (a year)" })
            .default(120),
          deliveryConcurrency: integer(1, 256, "expected an integer between 1 and 256").default(16),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    trading: z
      .strictObject(
        {
          feeRate: decimalString('expected a decimal between 0 and 1, e.g. "0.001"', 1).default("0.001"),
          maxOrderQuantity: decimalString('expected a positive decimal, e.g. "1000000"').default("1000000"),
          simulatedMarket: bool().optional(),
          simulatedMarketIntervalMs: integer(100, undefined, "expected an integer of at least 100").default(1000),
          simulatedMarketSeed: integer(0, undefined, "expected a non-negative integer").default(42),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    protection: z
      .strictObject(
        {
          rateLimit: z
            .strictObject(
              {
                enabled: bool().default(true),
                budget: rate().default({ max: 600, windowMs: 60_000 }),
                fields: fieldRates().default([
                  { field: "Mutation.submitOrder", max: 10, windowMs: 1000 },
                  { field: "Mutation.createWebhookEndpoint", max: 10, windowMs: 60_000 },
                ]),
              },
              { error: OBJECT_MESSAGE },
            )
            .prefault({}),
          query: z
            .strictObject(
              {
                maxDepth: integer(1, undefined, "expected a positive integer").default(12),
                maxAliases: integer(0, undefined, "expected a non-negative integer").default(30),
                maxTokens: integer(1, undefined, "expected a positive integer").default(2000),
                maxDirectives: integer(0, undefined, "expected a non-negative integer").default(20),
                maxCost: integer(1, undefined, "expected a positive integer").default(50_000),
              },
              { error: OBJECT_MESSAGE },
            )
            .prefault({}),
          introspection: bool().optional(),
          maxBodyBytes: integer(1024, undefined, "expected an integer of at least 1024").default(102_400),
          maxBatch: integer(1, 100, "expected an integer between 1 and 100").default(10),
          corsOrigins: commaList(
            /^(\*|https?:\/\/[^\s,/]+)$/,
            'expected a comma-separated list of origins, e.g. "https://app.example.com"',
          ).default([]),
          securityHeaders: bool().default(true),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
    flags: z
      .strictObject(
        {
          bootstrap: z
            .record(z.string(), bool(), { error: "expected a mapping of flag names to booleans" })
            .superRefine((flags, ctx) => {
              for (const key of Object.keys(flags)) {
                if (!/^[a-z0-9_.-]{1,64}$/.test(key))
                  ctx.addIssue({
                    code: "custom",
                    path: [key],
                    message: "this flag name is not a valid key ([a-z0-9_.-]{1,64})",
                  });
              }
            })
            .default({}),
        },
        { error: OBJECT_MESSAGE },
      )
      .prefault({}),
  },
  { error: OBJECT_MESSAGE },
);

/** Message for a bullmq queue configured without Redis; reported verbatim. */
export const BULLMQ_NEEDS_REDIS = '"bullmq" needs redis.url (REDIS_URL)';

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Zod schema of the whole configuration; parsing `{}` yields the defaults. */
export const configSchema = shape
  .superRefine(
    (config, ctx) => {
      // Runs even when other fields failed, so this problem is reported alongside them.
      if (readPath(config, ["queue", "backend"]) === "bullmq" && readPath(config, ["redis", "url"]) === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["queue", "backend"],
          message: BULLMQ_NEEDS_REDIS,
          params: { verbatim: true },
        });
      }
    },
    { when: () => true },
  )
  .transform((config) => {
    const backend: QueueBackend = config.queue.backend ?? (config.redis.url === undefined ? "memory" : "bullmq");
    // The simulated market moves prices for demos: on unless told otherwise, but never by itself in tests.
    const simulatedMarket = config.trading.simulatedMarket ?? config.nodeEnv !== "test";
    // Introspection and field suggestions help developers; production hides them unless told otherwise.
    const introspection = config.protection.introspection ?? config.nodeEnv !== "production";
    return {
      ...config,
      queue: { ...config.queue, backend },
      trading: { ...config.trading, simulatedMarket },
      protection: { ...config.protection, introspection },
    };
  });

type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The validated, deeply frozen application configuration. */
export type AppConfig = DeepReadonly<z.infer<typeof configSchema>>;
