import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError, SUBGRAPH_NAMES, loadConfig, redactConfig, type AppConfig } from "../src/config/index.js";

const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Creates a fresh temporary directory holding the given files; returns its path for use as cwd. */
function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "config-test-"));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Runs loadConfig expecting a ConfigError and returns it. */
function configError(env: NodeJS.ProcessEnv, cwd?: string): ConfigError {
  try {
    loadConfig({ env, cwd: cwd ?? tempDir() });
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected loadConfig to throw a ConfigError");
}

function problemsFor(env: NodeJS.ProcessEnv, cwd?: string): string[] {
  return configError(env, cwd).problems;
}

const JWT_SECRET = "jwt-secret-0123456789-0123456789-abcdef";
const INTERNAL_SECRET = "internal-secret-0123456789-0123456789";
const WEBHOOK_SECRET = "webhook-secret-0123456789-0123456789";

describe("loadConfig defaults", () => {
  it("returns the documented defaults with paths resolved against cwd", () => {
    const cwd = tempDir();
    const config = loadConfig({ env: {}, cwd });

    expect(config.nodeEnv).toBe("development");
    expect(config.logLevel).toBe("info");
    expect(config.dataDir).toBe(path.join(cwd, "data"));
    expect(config.gateway).toEqual({
      host: "0.0.0.0",
      port: 4000,
      supergraphPath: path.join(cwd, "schema", "supergraph.graphql"),
      queryPlanner: "rust",
    });
    expect(config.subgraphs).toEqual({
      host: "127.0.0.1",
      bots: { port: 4001 },
      trades: { port: 4002 },
      webhooks: { port: 4003 },
      flags: { port: 4004 },
      admin: { port: 4005 },
    });
    expect(config.database).toEqual({ poolSize: 10, maxOverflow: 5, sqliteSynchronous: "NORMAL" });
    expect(config.redis).toEqual({});
    expect(config.queue.backend).toBe("memory");
    expect(config.auth).toEqual({ internalTokenTtlSeconds: 60 });
    expect(config.cache.ttlSeconds).toBe(60);
    expect(config.observability).toEqual({
      tracing: { enabled: false, sampleRatio: 1 },
      metrics: { enabled: true },
    });
    expect(config.webhooks).toEqual({
      timeoutMs: 15_000,
      retrySchedule: ["0", "5", "300", "1800", "7200", "18000", "36000", "36000"],
      allowedCidrs: [],
      httpsOnly: false,
      rotationGraceHours: 24,
      breakerFailureThreshold: 5,
      breakerCooldownMs: 60_000,
      disableAfterHours: 120,
      deliveryConcurrency: 16,
    });
    expect(config.flags.bootstrap).toEqual({});
  });

  it("defaults cwd to process.cwd()", () => {
    const config = loadConfig({ env: {} });
    expect(config.dataDir).toBe(path.resolve(process.cwd(), "data"));
  });

  it("lists every subgraph", () => {
    const config = loadConfig({ env: {}, cwd: tempDir() });
    expect(SUBGRAPH_NAMES.map((name) => config.subgraphs[name].port)).toEqual([4001, 4002, 4003, 4004, 4005]);
  });
});

describe("loadConfig from environment variables", () => {
  it("maps and converts every kind of variable", () => {
    const cwd = tempDir();
    const config = loadConfig({
      cwd,
      env: {
        NODE_ENV: "production",
        LOG_LEVEL: "debug",
        DATA_DIR: "/var/lib/app",
        HOST: "127.0.0.1",
        PORT: "8080",
        SUPERGRAPH_PATH: "build/supergraph.graphql",
        GATEWAY_QUERY_PLANNER: "js",
        SUBGRAPH_HOST: "0.0.0.0",
        TRADES_SUBGRAPH_PORT: "5002",
        ADMIN_SUBGRAPH_URL: "https://admin.internal:4005/graphql",
        DATABASE_URL: "postgresql://app:pw@db:5432/app",
        PERF_DB_POOL_SIZE: "20",
        PERF_DB_MAX_OVERFLOW: "0",
        REDIS_URL: "rediss://cache:6380",
        AUTH_JWT_SECRET: JWT_SECRET,
        AUTH_INTERNAL_SECRET: INTERNAL_SECRET,
        AUTH_INTERNAL_TOKEN_TTL: "120",
        CACHE_TTL: "0",
        ENABLE_OPENTELEMETRY: "YES",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_TRACES_SAMPLER_ARG: "0.25",
        ENABLE_METRICS: "0",
        WEBHOOK_SECRET_KEY: WEBHOOK_SECRET,
        ENABLE_ML_PREDICTIONS: "true",
        ENABLE_ARBITRAGE: "No",
      },
    });

    expect(config.nodeEnv).toBe("production");
    expect(config.logLevel).toBe("debug");
    expect(config.dataDir).toBe("/var/lib/app");
    expect(config.gateway).toEqual({
      host: "127.0.0.1",
      port: 8080,
      supergraphPath: path.join(cwd, "build", "supergraph.graphql"),
      queryPlanner: "js",
    });
    expect(config.subgraphs.host).toBe("0.0.0.0");
    expect(config.subgraphs.trades).toEqual({ port: 5002 });
    expect(config.subgraphs.admin).toEqual({
      port: 4005,
      url: "https://admin.internal:4005/graphql",
    });
    expect(config.database).toEqual({
      url: "postgresql://app:pw@db:5432/app",
      poolSize: 20,
      maxOverflow: 0,
      sqliteSynchronous: "NORMAL",
    });
    expect(config.redis.url).toBe("rediss://cache:6380");
    expect(config.queue.backend).toBe("bullmq");
    expect(config.auth).toEqual({
      jwtSecret: JWT_SECRET,
      internalSecret: INTERNAL_SECRET,
      internalTokenTtlSeconds: 120,
    });
    expect(config.cache.ttlSeconds).toBe(0);
    expect(config.observability).toEqual({
      tracing: {
        enabled: true,
        endpoint: "http://collector:4318",
        sampleRatio: 0.25,
      },
      metrics: { enabled: false },
    });
    expect(config.webhooks.secretKey).toBe(WEBHOOK_SECRET);
    expect(config.flags.bootstrap).toEqual({
      ml_predictions: true,
      arbitrage: false,
    });
  });

  it("treats an empty string as unset", () => {
    const config = loadConfig({
      env: { PORT: "", LOG_LEVEL: "", ENABLE_METRICS: "" },
      cwd: tempDir(),
    });
    expect(config.gateway.port).toBe(4000);
    expect(config.logLevel).toBe("info");
    expect(config.observability.metrics.enabled).toBe(true);
  });

  it("lets QUEUE_BACKEND override the bullmq default that REDIS_URL implies", () => {
    const config = loadConfig({
      env: { REDIS_URL: "redis://cache:6379", QUEUE_BACKEND: "memory" },
      cwd: tempDir(),
    });
    expect(config.queue.backend).toBe("memory");
  });
});

describe("loadConfig with a config file", () => {
  it("reads YAML and lets environment variables win over it", () => {
    const cwd = tempDir({
      "app.yaml": [
        "logLevel: warn",
        "gateway:",
        "  port: 5000",
        "  host: 10.0.0.1",
        "subgraphs:",
        "  bots:",
        "    url: http://bots.internal:4001/graphql",
        "flags:",
        "  bootstrap:",
        "    new_ui: true",
        "",
      ].join("\n"),
    });
    const config = loadConfig({
      cwd,
      env: { CONFIG_FILE: "app.yaml", PORT: "6000" },
    });

    expect(config.logLevel).toBe("warn");
    expect(config.gateway.host).toBe("10.0.0.1");
    expect(config.gateway.port).toBe(6000);
    expect(config.subgraphs.bots).toEqual({
      port: 4001,
      url: "http://bots.internal:4001/graphql",
    });
    expect(config.flags.bootstrap).toEqual({ new_ui: true });
  });

  it("reads .yml files", () => {
    const cwd = tempDir({ "app.yml": "cache:\n  ttlSeconds: 5\n" });
    expect(loadConfig({ cwd, env: { CONFIG_FILE: "app.yml" } }).cache.ttlSeconds).toBe(5);
  });

  it("reads JSON from an absolute path and merges environment flags into file flags", () => {
    const cwd = tempDir({
      "app.json": JSON.stringify({
        nodeEnv: "test",
        database: { poolSize: 3 },
        flags: { bootstrap: { arbitrage: true, beta: false } },
      }),
    });
    const config = loadConfig({
      cwd,
      env: {
        CONFIG_FILE: path.join(cwd, "app.json"),
        PERF_DB_MAX_OVERFLOW: "1",
        ENABLE_ARBITRAGE: "false",
      },
    });

    expect(config.nodeEnv).toBe("test");
    expect(config.database).toEqual({ poolSize: 3, maxOverflow: 1, sqliteSynchronous: "NORMAL" });
    expect(config.flags.bootstrap).toEqual({ arbitrage: false, beta: false });
  });

  it("refuses a config file flag whose key is not a valid flag key", () => {
    const cwd = tempDir({ "flags.json": JSON.stringify({ flags: { bootstrap: { "New UI": true } } }) });
    expect(problemsFor({ CONFIG_FILE: "flags.json" }, cwd)).toEqual([
      "flags.bootstrap.New UI: this flag name is not a valid key ([a-z0-9_.-]{1,64}), got true (from flags.json)",
    ]);
  });

  it("accepts an empty YAML file", () => {
    const cwd = tempDir({ "empty.yaml": "" });
    expect(loadConfig({ cwd, env: { CONFIG_FILE: "empty.yaml" } }).gateway.port).toBe(4000);
  });

  it("interpolates ${VAR} and ${VAR:-fallback} in string values", () => {
    const cwd = tempDir({
      "app.yaml": [
        "database:",
        "  url: postgres://app:${DB_PASSWORD}@${DB_HOST:-localhost}:5432/app",
        "  poolSize: ${POOL_SIZE:-7}",
        "gateway:",
        "  host: ${GATEWAY_HOST:-0.0.0.0}",
        "observability:",
        "  tracing:",
        "    enabled: ${TRACING:-yes}",
        "",
      ].join("\n"),
    });
    const config = loadConfig({
      cwd,
      env: { CONFIG_FILE: "app.yaml", DB_PASSWORD: "pw", GATEWAY_HOST: "" },
    });

    expect(config.database.url).toBe("postgres://app:pw@localhost:5432/app");
    expect(config.database.poolSize).toBe(7);
    expect(config.gateway.host).toBe("0.0.0.0");
    expect(config.observability.tracing.enabled).toBe(true);
  });
});

describe("loadConfig error messages", () => {
  it("reports a bad integer from the environment in the exact documented form", () => {
    const error = configError({ PERF_DB_POOL_SIZE: "-3" });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConfigError");
    expect(error.problems).toEqual([
      'database.poolSize: expected a positive integer, got "-3" (from PERF_DB_POOL_SIZE)',
    ]);
    expect(error.message).toBe('database.poolSize: expected a positive integer, got "-3" (from PERF_DB_POOL_SIZE)');
  });

  it("keeps non-numeric and fractional strings as given", () => {
    expect(problemsFor({ PORT: "eighty", CACHE_TTL: "1.5" })).toEqual([
      'gateway.port: expected an integer between 0 and 65535, got "eighty" (from PORT)',
      'cache.ttlSeconds: expected a non-negative integer, got "1.5" (from CACHE_TTL)',
    ]);
    expect(problemsFor({ BOTS_SUBGRAPH_PORT: "70000" })).toEqual([
      'subgraphs.bots.port: expected an integer between 0 and 65535, got "70000" (from BOTS_SUBGRAPH_PORT)',
    ]);
    expect(problemsFor({ OTEL_TRACES_SAMPLER_ARG: "2" })).toEqual([
      'observability.tracing.sampleRatio: expected a number between 0 and 1, got "2" (from OTEL_TRACES_SAMPLER_ARG)',
    ]);
  });

  it("reports a bad boolean", () => {
    expect(problemsFor({ ENABLE_OPENTELEMETRY: "maybe" })).toEqual([
      'observability.tracing.enabled: expected a boolean (true/false), got "maybe" (from ENABLE_OPENTELEMETRY)',
    ]);
    expect(problemsFor({ ENABLE_ML_PREDICTIONS: "on" })).toEqual([
      'flags.bootstrap.ml_predictions: expected a boolean (true/false), got "on" (from ENABLE_ML_PREDICTIONS)',
    ]);
  });

  it("reports a bad enum value", () => {
    expect(problemsFor({ LOG_LEVEL: "loud" })).toEqual([
      'logLevel: expected one of fatal, error, warn, info, debug, trace, silent, got "loud" (from LOG_LEVEL)',
    ]);
    expect(problemsFor({ GATEWAY_QUERY_PLANNER: "go" })).toEqual([
      'gateway.queryPlanner: expected one of rust, js, got "go" (from GATEWAY_QUERY_PLANNER)',
    ]);
  });

  it("reports bad URLs", () => {
    expect(
      problemsFor({
        REDIS_URL: "http://cache:6379",
        BOTS_SUBGRAPH_URL: "not a url",
      }),
    ).toEqual([
      'subgraphs.bots.url: expected an http(s) URL, got "not a url" (from BOTS_SUBGRAPH_URL)',
      'redis.url: expected a redis:// or rediss:// URL, got "http://cache:6379" (from REDIS_URL)',
    ]);
    expect(problemsFor({ DATABASE_URL: "sqlite://data.db" })).toEqual([
      'database.url: expected a postgres:// or postgresql:// URL, got "sqlite://data.db" (from DATABASE_URL)',
    ]);
  });

  it("reports file values with the parsed value and the file as given", () => {
    const cwd = tempDir({
      "app.yaml": "database:\n  poolSize: -3\ngateway:\n  port: '80'\n",
    });
    expect(problemsFor({ CONFIG_FILE: "app.yaml" }, cwd)).toEqual([
      'gateway.port: expected an integer between 0 and 65535, got "80" (from app.yaml)',
      "database.poolSize: expected a positive integer, got -3 (from app.yaml)",
    ]);
  });

  it("reports unknown keys in the file", () => {
    const cwd = tempDir({
      "app.json": '{"colour": "blue", "gateway": {"prot": 4000}, "extra": {"a": 1}, "__proto__": {"polluted": true}}',
    });
    expect(problemsFor({ CONFIG_FILE: "app.json" }, cwd)).toEqual([
      "gateway.prot: unknown setting (from app.json)",
      "colour: unknown setting (from app.json)",
      "extra: unknown setting (from app.json)",
      "__proto__: unknown setting (from app.json)",
    ]);
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("reports a missing file as a single problem", () => {
    const problems = problemsFor({ CONFIG_FILE: "missing.yaml" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^CONFIG_FILE: cannot read missing\.yaml: ENOENT/);
  });

  it("reports an unparseable file as a single problem", () => {
    const cwd = tempDir({
      "bad.json": "{ nope",
      "bad.yaml": "gateway: [unclosed\n",
    });
    const jsonProblems = problemsFor({ CONFIG_FILE: "bad.json" }, cwd);
    expect(jsonProblems).toHaveLength(1);
    expect(jsonProblems[0]).toMatch(/^CONFIG_FILE: cannot parse bad\.json: \S/);
    const yamlProblems = problemsFor({ CONFIG_FILE: "bad.yaml" }, cwd);
    expect(yamlProblems).toHaveLength(1);
    expect(yamlProblems[0]).toMatch(/^CONFIG_FILE: cannot parse bad\.yaml: \S/);
  });

  it("reports a file that does not hold a mapping, and unsupported extensions", () => {
    const cwd = tempDir({ "list.yaml": "- a\n- b\n", "app.toml": "" });
    expect(problemsFor({ CONFIG_FILE: "list.yaml" }, cwd)).toEqual([
      "CONFIG_FILE: cannot load list.yaml: expected a mapping of settings, got an array",
    ]);
    expect(problemsFor({ CONFIG_FILE: "app.toml" }, cwd)).toEqual([
      "CONFIG_FILE: cannot load app.toml: expected a .yaml, .yml or .json file",
    ]);
  });

  it("reports an unset interpolation variable without a fallback", () => {
    const cwd = tempDir({
      "app.yaml": "database:\n  url: postgres://app:${DB_PASSWORD}@db/app\n",
    });
    expect(problemsFor({ CONFIG_FILE: "app.yaml", DB_PASSWORD: "" }, cwd)).toEqual([
      "database.url: environment variable DB_PASSWORD is not set (from app.yaml)",
    ]);
  });

  it("reports bullmq without redis", () => {
    expect(problemsFor({ QUEUE_BACKEND: "bullmq" })).toEqual(['queue.backend: "bullmq" needs redis.url (REDIS_URL)']);
  });

  it("reports several problems together", () => {
    const cwd = tempDir({
      "app.yaml": "gateway:\n  colour: blue\ncache:\n  ttlSeconds: ${CACHE_SECONDS}\n",
    });
    const error = configError(
      {
        CONFIG_FILE: "app.yaml",
        PORT: "99999",
        ENABLE_METRICS: "maybe",
        QUEUE_BACKEND: "bullmq",
        PERF_DB_POOL_SIZE: "-3",
      },
      cwd,
    );
    const expected = [
      "cache.ttlSeconds: environment variable CACHE_SECONDS is not set (from app.yaml)",
      'gateway.port: expected an integer between 0 and 65535, got "99999" (from PORT)',
      "gateway.colour: unknown setting (from app.yaml)",
      'database.poolSize: expected a positive integer, got "-3" (from PERF_DB_POOL_SIZE)',
      'observability.metrics.enabled: expected a boolean (true/false), got "maybe" (from ENABLE_METRICS)',
      'queue.backend: "bullmq" needs redis.url (REDIS_URL)',
    ];
    expect(error.problems).toEqual(expected);
    expect(error.message).toBe(expected.join("\n"));
  });
});

describe("secrets", () => {
  it("never puts a secret into an error message", () => {
    const cwd = tempDir({
      "app.yaml": "webhooks:\n  secretKey: file-secret-too-short\n",
    });
    const error = configError(
      {
        CONFIG_FILE: "app.yaml",
        AUTH_JWT_SECRET: "hunter2-short",
        AUTH_INTERNAL_SECRET: "tiny",
        DATABASE_URL: "mysql://app:s3cr3t@db/app",
      },
      cwd,
    );
    expect(error.problems).toEqual([
      'database.url: expected a postgres:// or postgresql:// URL, got "mysql://app:[redacted]@db/app" (from DATABASE_URL)',
      "auth.jwtSecret: expected a string of at least 32 characters, got a value of 13 characters (from AUTH_JWT_SECRET)",
      "auth.internalSecret: expected a string of at least 32 characters, got a value of 4 characters (from AUTH_INTERNAL_SECRET)",
      "webhooks.secretKey: expected a string of at least 32 characters, got a value of 21 characters (from app.yaml)",
    ]);
    for (const secret of ["hunter2", "tiny", "s3cr3t", "file-secret"]) expect(error.message).not.toContain(secret);
  });

  it("does not print a value given where a mapping holding secrets belongs", () => {
    const cwd = tempDir({
      "app.yaml": "auth: plain-secret-value\ndatabase: [postgres://u:pw@h/db]\n",
    });
    expect(problemsFor({ CONFIG_FILE: "app.yaml" }, cwd)).toEqual([
      "database: expected a mapping of settings, got an array (from app.yaml)",
      "auth: expected a mapping of settings, got a string (from app.yaml)",
    ]);
  });

  it("redacts secrets and URL passwords in redactConfig without touching the config", () => {
    const config = loadConfig({
      cwd: tempDir(),
      env: {
        AUTH_JWT_SECRET: JWT_SECRET,
        AUTH_INTERNAL_SECRET: INTERNAL_SECRET,
        WEBHOOK_SECRET_KEY: WEBHOOK_SECRET,
        DATABASE_URL: "postgres://user:db-password@host/db",
        REDIS_URL: "redis://:redis-password@cache:6379/0",
      },
    });
    const redacted = redactConfig(config);

    expect(redacted).toMatchObject({
      auth: {
        jwtSecret: "[redacted]",
        internalSecret: "[redacted]",
        internalTokenTtlSeconds: 60,
      },
      webhooks: { secretKey: "[redacted]" },
      database: { url: "postgres://user:[redacted]@host/db", poolSize: 10 },
      redis: { url: "redis://:[redacted]@cache:6379/0" },
      gateway: config.gateway,
    });
    const text = JSON.stringify(redacted);
    for (const secret of [JWT_SECRET, INTERNAL_SECRET, WEBHOOK_SECRET, "db-password", "redis-password"]) {
      expect(text).not.toContain(secret);
    }
    expect(config.auth.jwtSecret).toBe(JWT_SECRET);
    expect(config.database.url).toBe("postgres://user:db-password@host/db");
  });

  it("leaves unset secrets and password-less URLs alone", () => {
    const config = loadConfig({
      cwd: tempDir(),
      env: { DATABASE_URL: "postgres://user@host/db" },
    });
    const redacted = redactConfig(config);
    expect(redacted).toMatchObject({
      auth: { internalTokenTtlSeconds: 60 },
      database: { url: "postgres://user@host/db" },
    });
    expect(redacted).not.toHaveProperty("auth.jwtSecret");
    expect(redacted).not.toHaveProperty("webhooks.secretKey");
    expect(redacted).not.toHaveProperty("redis.url");
  });
});

describe("immutability", () => {
  it("returns a deeply frozen object", () => {
    const config: AppConfig = loadConfig({
      env: { ENABLE_ARBITRAGE: "1" },
      cwd: tempDir(),
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.gateway)).toBe(true);
    expect(Object.isFrozen(config.subgraphs.bots)).toBe(true);
    expect(Object.isFrozen(config.flags.bootstrap)).toBe(true);
    expect(() => {
      (config as { logLevel: string }).logLevel = "trace";
    }).toThrow(TypeError);
    expect(() => {
      (config.gateway as { port: number }).port = 1;
    }).toThrow(TypeError);
    expect(() => {
      (config.flags.bootstrap as Record<string, boolean>)["arbitrage"] = false;
    }).toThrow(TypeError);
  });
});

describe("list settings", () => {
  it("take a comma-separated string from the environment and check each item", () => {
    const config = loadConfig({
      env: { WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8, ::1/128", WEBHOOK_RETRY_SCHEDULE: "0,1,2" },
    });
    expect(config.webhooks.allowedCidrs).toEqual(["127.0.0.0/8", "::1/128"]);
    expect(config.webhooks.retrySchedule).toEqual(["0", "1", "2"]);
    expect(() => loadConfig({ env: { WEBHOOK_RETRY_SCHEDULE: "0,soon" } })).toThrow(
      'webhooks.retrySchedule: expected seconds as a comma-separated list of whole numbers, e.g. "0,5,300", got "0,soon" (from WEBHOOK_RETRY_SCHEDULE)',
    );
  });
});

describe("webhook delivery settings", () => {
  it("read the breaker, disable-after and concurrency settings from the environment", () => {
    const config = loadConfig({
      env: {
        WEBHOOK_BREAKER_FAILURE_THRESHOLD: "3",
        WEBHOOK_BREAKER_COOLDOWN_MS: "2500",
        WEBHOOK_DISABLE_AFTER_HOURS: "0.5",
        WEBHOOK_DELIVERY_CONCURRENCY: "64",
      },
    });
    expect(config.webhooks).toMatchObject({
      breakerFailureThreshold: 3,
      breakerCooldownMs: 2500,
      disableAfterHours: 0.5,
      deliveryConcurrency: 64,
    });
    expect(() => loadConfig({ env: { WEBHOOK_DISABLE_AFTER_HOURS: "0" } })).toThrow(
      "webhooks.disableAfterHours: expected a positive number of hours, e.g. 120 or 0.5",
    );
    expect(() => loadConfig({ env: { WEBHOOK_BREAKER_FAILURE_THRESHOLD: "0" } })).toThrow(
      "webhooks.breakerFailureThreshold: expected an integer between 1 and 1000",
    );
  });
});
