import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createGatewayRuntime, type GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import type { Secrets } from "../src/auth/secrets.js";
import type { AppConfig } from "../src/config/index.js";
import { closeServer, listen } from "../src/graphql/listen.js";
import {
  checkSubgraph,
  healthReport,
  httpStatusOf,
  HEALTH_CONTENT_TYPE,
  timedCheck,
  toHealthJson,
} from "../src/health/report.js";
import type { Logger } from "../src/observability/logger.js";
import { useIdentity, useRequestLog, type IdentityContext } from "./plugins/index.js";
import { readSupergraph, subgraphUrlsOf, withSubgraphUrls } from "./supergraph.js";

/** Options of {@link createGateway}. */
export interface GatewayOptions {
  config: AppConfig;
  logger: Logger;
  secrets: Pick<Secrets, "jwtSecret" | "internalSecret">;
  /** Subgraph URLs that replace the supergraph's (e.g. servers started on port 0). */
  subgraphUrls?: ReadonlyMap<string, string>;
}

/** The gateway, ready to listen. */
export interface Gateway {
  runtime: GatewayRuntime<IdentityContext>;
  /** Where each subgraph is reached. */
  subgraphUrls: ReadonlyMap<string, string>;
  /** Binds the port; resolves with the `/graphql` URL. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

type RuntimeLogging = NonNullable<Parameters<typeof createGatewayRuntime>[0]["logging"]>;

function runtimeLogging(level: string): RuntimeLogging {
  if (level === "silent") return false;
  return (level === "fatal" ? "error" : level) as RuntimeLogging;
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
  const runtime = createGatewayRuntime<IdentityContext>({
    supergraph,
    logging: runtimeLogging(config.logLevel),
    landingPage: false,
    graphqlEndpoint: "/graphql",
    ...(config.gateway.queryPlanner === "rust" ? { unifiedGraphHandler } : {}),
    plugins: () => [
      useIdentity({
        jwtSecret: options.secrets.jwtSecret,
        internalSecret: options.secrets.internalSecret,
        internalTokenTtlSeconds: config.auth.internalTokenTtlSeconds,
      }),
      useRequestLog(logger.child({ component: "gateway" })),
    ],
  });

  async function readiness(): Promise<ReturnType<typeof healthReport>> {
    const checks = await Promise.all([
      timedCheck("supergraph:responseTime", "component", async () => {
        const response = await runtime.fetch("http://gateway/graphql", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ __typename }" }),
        });
        if (response.status !== 200) throw new Error(`the supergraph does not execute (HTTP ${response.status})`);
      }),
      ...[...subgraphUrls].map(([name, url]) => checkSubgraph(name, url)),
    ]);
    return healthReport(checks);
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
    void runtime(req, res);
  });
  server.keepAliveTimeout = 65_000;

  return {
    runtime,
    subgraphUrls,
    async listen(port, host) {
      const bound = await listen(server, port, host, "PORT (gateway.port)");
      const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
      return `http://${urlHost}:${bound}/graphql`;
    },
    async close() {
      if (server.listening) await closeServer(server);
      await runtime.dispose();
    },
  };
}
