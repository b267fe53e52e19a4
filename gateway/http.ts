import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { GatewayRuntime } from "@graphql-hive/gateway-runtime";
import { httpStatusOf, HEALTH_CONTENT_TYPE, toHealthJson, type healthReport } from "../src/health/report.js";
import type { Logger } from "../src/observability/logger.js";
import type { Metrics } from "../src/observability/metrics.js";
import { isConsolePath, serveConsole } from "./console.js";
import { DEV_VIEWER, type DevTokens } from "./dev-token.js";
import type { IdentityContext } from "./plugins/index.js";
import { wantsPlayground, type Playground } from "./playground.js";

/** What the gateway's HTTP server routes to. */
export interface GatewayRoutes {
  runtime: GatewayRuntime<IdentityContext>;
  logger: Logger;
  /** `/health/ready`'s report. */
  readiness: () => Promise<ReturnType<typeof healthReport>>;
  /** Served on `/metrics` when metrics are on. */
  metrics: Metrics | undefined;
  /** GraphiQL on a browser's GET of `/graphql`, when introspection is on. */
  playground: Playground | undefined;
  devTokens: DevTokens;
  maxBodyBytes: number;
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

/** Answers `promise`'s outcome, or a 500 (logged as `what`) when it fails. */
function answer(res: ServerResponse, logger: Logger, what: string, promise: Promise<void>): void {
  promise.catch((error: unknown) => {
    logger.error({ err: error }, `${what} failed`);
    if (!res.headersSent) res.writeHead(500).end();
  });
}

/** Health and metrics endpoints; true when the request was one of them. */
function serveOperations(req: IncomingMessage, res: ServerResponse, path: string, routes: GatewayRoutes): boolean {
  if (req.method !== "GET") return false;
  if (path === "/health/live") {
    res.writeHead(200, { "content-type": HEALTH_CONTENT_TYPE }).end(JSON.stringify({ status: "pass" }));
    return true;
  }
  if (path === "/health/ready") {
    const report = routes.readiness().then(
      (ready) => ({ status: httpStatusOf(ready), body: toHealthJson(ready) }),
      (error: unknown) => {
        routes.logger.error({ err: error }, "readiness check failed");
        return { status: 503, body: { status: "fail" } };
      },
    );
    answer(
      res,
      routes.logger,
      "readiness",
      report.then(({ status, body }) => {
        res.writeHead(status, { "content-type": HEALTH_CONTENT_TYPE }).end(JSON.stringify(body));
      }),
    );
    return true;
  }
  const { metrics } = routes;
  if (path === "/metrics" && metrics !== undefined) {
    answer(
      res,
      routes.logger,
      "metrics exposition",
      metrics.exposition().then(({ contentType, body }) => {
        res.writeHead(200, { "content-type": contentType }).end(body);
      }),
    );
    return true;
  }
  return false;
}

/** The playground, the console and the dev token; true when the request was for one of them. */
function serveBrowserPages(req: IncomingMessage, res: ServerResponse, path: string, routes: GatewayRoutes): boolean {
  const { playground, devTokens, logger } = routes;
  if (path === "/graphql" && playground !== undefined && wantsPlayground(req.method, req.headers.accept)) {
    answer(
      res,
      logger,
      "playground",
      devTokens.forRequest(req).then((token) => playground.serve(res, token)),
    );
    return true;
  }
  if (req.method === "GET" && isConsolePath(path)) {
    answer(res, logger, "console", serveConsole(path, res, { devTokenOffered: devTokens.offers(req) }));
    return true;
  }
  if (req.method === "GET" && path === "/dev/token") {
    const served = devTokens.forRequest(req).then((token) => {
      if (token === undefined) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
        return;
      }
      const body = { token, sub: DEV_VIEWER.id, roles: DEV_VIEWER.roles };
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    });
    answer(res, logger, "dev token", served);
    return true;
  }
  return false;
}

/** The gateway's HTTP server: operations endpoints, browser pages, then GraphQL through the runtime. */
export function createGatewayHttpServer(routes: GatewayRoutes): Server {
  const server = createServer((req, res) => {
    const path = req.url?.split("?")[0] ?? "/";
    if (serveOperations(req, res, path, routes) || serveBrowserPages(req, res, path, routes)) return;
    if (bodyRefused(req, res, routes.maxBodyBytes)) return;
    void routes.runtime(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
