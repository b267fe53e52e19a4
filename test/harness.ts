import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { signUserToken } from "../src/auth/tokens.js";
import type { Role } from "../src/auth/viewer.js";
import { startStack, type Stack } from "../src/cli/stack.js";
import { loadConfig, SUBGRAPH_NAMES, type AppConfig, type SubgraphName } from "../src/config/index.js";
import type { Database } from "../src/db/orm.js";
import { createLogger } from "../src/observability/logger.js";
import { createTestDatabase, deleteRedisPrefix, REDIS_TEST_URL } from "./services.js";

/** The database a test stack runs on. */
export type TestDatabase = "sqlite" | "postgres";

/** Which backends a test stack runs on: embedded (SQLite, in-process queue and bus) or the production set. */
export type TestBackends = "embedded" | "postgres+redis";

/** What a GraphQL response holds. */
export interface GraphQLResponse<TData> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: GraphQLFormattedError[];
}

/** The whole federated stack in this process, on port 0, with a client. */
export interface TestStack {
  stack: Stack;
  config: AppConfig;
  /** The gateway's `/graphql` URL. */
  url: string;
  /** Each subgraph's database, for arranging what no API writes yet and checking what was stored. */
  orm(name: SubgraphName): Database;
  /** A token for `sub` with `roles`, signed with this stack's secret. */
  token(sub: string, roles?: Role[]): Promise<string>;
  /** Sends a typed operation to the gateway over HTTP. */
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/** Starts all five subgraphs and the gateway on port 0, on SQLite in a temp dir or a fresh PostgreSQL database. */
export async function startTestStack(
  options: {
    database?: TestDatabase;
    /** Redis for the queue (BullMQ) and the bus, under a prefix of this stack's own. @default false */
    redis?: boolean;
    env?: NodeJS.ProcessEnv;
    /** Collects every log line (parsed) instead of writing it. */
    logLines?: Record<string, unknown>[];
    /** The pino level; "debug" adds a line per SQL statement. @default "info" with logLines, else LOG_LEVEL */
    logLevel?: string;
  } = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "tradebot-test-"));
  const postgres = options.database === "postgres" ? await createTestDatabase() : undefined;
  const redisPrefix = options.redis ? `tradebot-test-${randomBytes(6).toString("hex")}` : undefined;
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_SUBGRAPH_PORT`, "0"]));
  const config = loadConfig({
    env: {
      NODE_ENV: "test",
      LOG_LEVEL: process.env["TEST_LOG_LEVEL"] ?? "silent",
      DATA_DIR: dataDir,
      PORT: "0",
      HOST: "127.0.0.1",
      ...ports,
      AUTH_JWT_SECRET: randomBytes(32).toString("hex"),
      AUTH_INTERNAL_SECRET: randomBytes(32).toString("hex"),
      WEBHOOK_SECRET_KEY: randomBytes(32).toString("hex"),
      // Tests' webhook receivers listen on 127.0.0.1, which the SSRF guard refuses unless allowed.
      WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8",
      // Tests send far more than a person would; tests of the limits set their own.
      RATE_LIMIT_BUDGET: "1000000/1m",
      RATE_LIMIT_FIELDS: "Mutation.submitOrder=1000000/1s,Mutation.createWebhookEndpoint=1000000/1m",
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...(redisPrefix ? { REDIS_URL: REDIS_TEST_URL, QUEUE_PREFIX: redisPrefix } : {}),
      ...options.env,
    },
  });
  const logLines = options.logLines;
  const logger = createLogger({
    level: options.logLevel ?? (logLines ? "info" : config.logLevel),
    pretty: false,
    ...(logLines
      ? { destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) } }
      : {}),
  });
  const stack = await startStack({ config, logger });
  const url = stack.gatewayUrl ?? "";
  return {
    stack,
    config,
    url,
    orm(name) {
      const server = stack.subgraphs.find((subgraph) => subgraph.name === name);
      if (server === undefined) throw new Error(`subgraph ${name} is not running`);
      return server.orm;
    },
    token(sub, roles = ["trader"]) {
      return signUserToken({ id: sub, roles }, stack.secrets.jwtSecret, "10m");
    },
    async execute(document, variables, requestOptions = {}) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(requestOptions.token ? { authorization: `Bearer ${requestOptions.token}` } : {}),
          ...requestOptions.headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<never>, "status" | "headers">;
      return { status: response.status, headers: response.headers, ...body };
    },
    async close() {
      await stack.close();
      await postgres?.drop();
      if (redisPrefix) await deleteRedisPrefix(redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Options of {@link startTestStack} for each set of backends. */
export function backendOptions(backends: TestBackends): { database: TestDatabase; redis: boolean } {
  return backends === "embedded" ? { database: "sqlite", redis: false } : { database: "postgres", redis: true };
}
