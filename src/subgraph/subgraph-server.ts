import { createServer, type Server } from "node:http";
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLResponse } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import {
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from "@opentelemetry/api";
import { useServer } from "graphql-ws/use/ws";
import { InvalidTokenError, verifyInternalToken, type InternalIdentity } from "../auth/tokens.js";
import { openDatabase, type Database } from "../db/orm.js";
import { createOutboxRelay, type OutboxRelay } from "../events/relay.js";
import type { EventConsumers } from "../events/reactions.js";
import { operationMetricsPlugin } from "../observability/subgraph-metrics.js";
import { operationSpanPlugin, traceSubgraphRequests } from "../observability/subgraph-tracing.js";
import { withRequestId } from "../observability/request-context.js";
import { databaseCheck, outboxLagCheck, queueBacklogCheck, redisCheck, shutdownCheck } from "../health/checks.js";
import { healthReport, httpStatusOf, HEALTH_CONTENT_TYPE, toHealthJson, type HealthCheck } from "../health/report.js";
import { createRequestContext, type RequestContext } from "./context.js";
import { maskUnexpected, unauthenticated } from "./errors.js";
import { INTERNAL_TOKEN_HEADER, REQUEST_ID_HEADER } from "./headers.js";
import { listen } from "./listen.js";
import { webSocketServerOn } from "./websocket.js";
import { buildSubgraphSchema, type SubgraphDefinition, type SubgraphServices } from "./subgraph.js";

/** A `/graphql` request handed over in this process, by the gateway of the same process. */
export interface InProcessRequest {
  method: string;
  /** The URL called; only its query string is read. */
  url: string;
  headers: Readonly<Record<string, string>>;
  /** JSON text, when there is a body. */
  body?: string;
}

/** The answer to an {@link InProcessRequest}, as it would go over HTTP. */
export interface InProcessResponse {
  status: number;
  headers: HeaderMap;
  body: string;
}

/** A subgraph that is ready to listen. */
export interface SubgraphServer {
  name: string;
  orm: Database;
  /**
   * Serves one `/graphql` request without a socket, HTTP parsing or express, for the gateway of this
   * process: the same identity check, request id, tracing, metrics and logs as over HTTP.
   */
  serveInProcess: (request: InProcessRequest) => Promise<InProcessResponse>;
  /** Binds the port; resolves with the `/graphql` URL. */
  listen(port: number, host: string): Promise<string>;
  /** Readiness fails from now on (the first step of shutting down). */
  beginShutdown(): void;
  /** Stops the outbox relay after its pass in flight (before the queue closes: the relay enqueues). */
  stopRelay(): Promise<void>;
  /** Stops accepting requests, drains the open ones, closes the database. */
  close(): Promise<void>;
}

/** Logs one line per operation and masks unexpected errors. */
function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart({ contextValue }) {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operationName, errors }) {
          contextValue.logger.info(
            {
              operationName,
              durationMs: Math.round(performance.now() - started),
              viewerId: contextValue.viewer?.id,
              outcome: errors && errors.length > 0 ? "error" : "ok",
            },
            "operation",
          );
          return Promise.resolve();
        },
        didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (error.extensions["code"] === undefined)
              contextValue.logger.error({ err: error.originalError ?? error }, "unexpected error");
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/** Reads W3C trace context from Apollo's request headers. */
const headerMapGetter: TextMapGetter<HeaderMap> = {
  get: (carrier, key) => carrier.get(key),
  keys: (carrier) => [...carrier.keys()],
};

/**
 * Runs an in-process request as `traceSubgraphRequests` runs one over HTTP: in a server span that
 * continues the caller's `traceparent`, or outside any trace when it sent none (the gateway did not
 * sample it), so that the gateway's own spans never become the subgraph's.
 */
async function inRequestTrace(
  subgraph: string,
  method: string,
  headers: HeaderMap,
  serve: () => Promise<HTTPGraphQLResponse>,
): Promise<HTTPGraphQLResponse> {
  if (!headers.has("traceparent")) return otelContext.with(ROOT_CONTEXT, serve);
  const parent = propagation.extract(ROOT_CONTEXT, headers, headerMapGetter);
  const span = trace.getTracer("tradebot-graph/subgraph").startSpan(
    `${subgraph} ${method} /graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": method, "url.path": "/graphql", "graphql.subgraph": subgraph },
    },
    parent,
  );
  let status = 500;
  try {
    const response = await otelContext.with(trace.setSpan(parent, span), serve);
    status = response.status ?? 200;
    return response;
  } finally {
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
}

/** Apollo's answer as it would go over HTTP; an incremental one (`@defer`, which needs graphql 17) is read whole. */
async function toInProcessResponse({ status = 200, headers, body }: HTTPGraphQLResponse): Promise<InProcessResponse> {
  if (body.kind === "complete") return { status, headers, body: body.string };
  let text = "";
  for await (const chunk of body.asyncIterator) text += chunk;
  return { status, headers, body: text };
}

/** What a subgraph server gets from the composition root. */
export type SubgraphServerOptions = Omit<SubgraphServices, "orm" | "dependencies"> & {
  /** Every subgraph's reactions to events: the relay enqueues the jobs each event starts. */
  consumers: EventConsumers;
};

/** Opens the database (applying migrations), builds the schema and the HTTP server of one subgraph. */
export async function createSubgraphServer<Loaders, Dependencies>(
  definition: SubgraphDefinition<Loaders, Dependencies>,
  options: SubgraphServerOptions,
): Promise<SubgraphServer> {
  const { consumers, ...services } = options;
  const logger = services.logger.child({ subgraph: definition.name });
  const orm = await openDatabase({
    name: definition.name,
    entities: definition.outbox ? [...definition.entities, definition.outbox] : definition.entities,
    migrations: definition.migrations,
    config: services.config,
    logger,
  });
  const opened = await definition.openDependencies?.({ ...services, logger, orm });
  // A definition without openDependencies has no dependencies: its Dependencies is `unknown` or undefined.
  const dependencies = opened?.value as Dependencies;
  const subgraphServices: SubgraphServices<Dependencies> = { ...services, logger, orm, dependencies };
  const schema = await buildSubgraphSchema(definition, subgraphServices);
  const live = {
    events: (listener: Parameters<typeof services.bus.subscribe>[0]) => services.bus.subscribe(listener),
    jobs: (listener: Parameters<typeof services.queue.onJobEvent>[0]) => services.queue.onJobEvent(listener),
  };
  const tracingEnabled = services.config.observability.tracing.enabled;
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The composition root stops everything in order on SIGINT/SIGTERM; Apollo would re-raise the signal.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin(),
      ...(services.config.observability.metrics.enabled
        ? [operationMetricsPlugin(services.metrics, definition.name)]
        : []),
      ...(tracingEnabled ? [operationSpanPlugin(definition.name)] : []),
    ],
    formatError: maskUnexpected,
  });
  await apollo.start();

  /** The context of one `/graphql` request; only a request with the gateway's signed identity gets one. */
  async function requestContext(
    token: string | undefined,
    requestId: string | undefined,
  ): Promise<RequestContext<Loaders>> {
    if (token === undefined) throw unauthenticated("This subgraph answers only the gateway.");
    try {
      const identity = await verifyInternalToken(token, services.secrets.internalSecret);
      return createRequestContext({
        viewer: identity.viewer,
        requestId,
        orm,
        logger,
        createLoaders: definition.createLoaders,
        live,
      });
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw unauthenticated(`The gateway's identity token was refused: ${error.message}.`);
      throw error;
    }
  }

  app.disable("x-powered-by");
  app.get("/health/live", (_req, res) => {
    res.type(HEALTH_CONTENT_TYPE).json({ status: "pass" });
  });
  let shuttingDown = false;
  /** This subgraph's readiness: its database, Redis, the queue's backlog, its outbox, its own checks. */
  const readiness = async (): Promise<HealthCheck[]> => {
    const checks = await Promise.all([
      databaseCheck(orm),
      ...(services.config.redis.url ? [redisCheck(services.config.redis.url)] : []),
      queueBacklogCheck(services.queue),
      ...(definition.outbox ? [outboxLagCheck(orm, definition.outbox)] : []),
      ...(definition.healthChecks?.(subgraphServices) ?? []),
    ]);
    return shuttingDown ? [shutdownCheck(), ...checks] : checks;
  };
  app.get("/health/ready", (_req, res, next) => {
    readiness()
      .then((checks) => {
        const report = healthReport(checks);
        res.status(httpStatusOf(report)).type(HEALTH_CONTENT_TYPE).json(toHealthJson(report));
      })
      .catch(next);
  });
  if (services.config.observability.metrics.enabled) {
    services.metrics.addSubgraph(definition.name, { orm, outbox: definition.outbox });
    app.get("/metrics", (_req, res, next) => {
      services.metrics
        .exposition()
        .then(({ contentType, body }) => res.type(contentType).send(body))
        .catch(next);
    });
  }
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    // After the body parser: its stream callbacks do not keep the async context.
    ...(tracingEnabled ? [traceSubgraphRequests(definition.name)] : []),
    // Jobs enqueued while serving the request carry its id.
    (req, _res, next) => withRequestId(req.header(REQUEST_ID_HEADER), next),
    expressMiddleware(apollo, {
      context: ({ req }) => requestContext(req.header(INTERNAL_TOKEN_HEADER), req.header(REQUEST_ID_HEADER)),
    }),
  );

  const serveInProcess = async (request: InProcessRequest): Promise<InProcessResponse> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    const method = request.method.toUpperCase();
    const queryStart = request.url.indexOf("?");
    const requestId = headers.get(REQUEST_ID_HEADER);
    const httpGraphQLRequest = {
      method,
      headers,
      search: queryStart === -1 ? "" : request.url.slice(queryStart),
      body: request.body === undefined ? undefined : (JSON.parse(request.body) as unknown),
    };
    const execute = (): Promise<HTTPGraphQLResponse> =>
      withRequestId(requestId, () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest,
          context: () => requestContext(headers.get(INTERNAL_TOKEN_HEADER), requestId),
        }),
      );
    return toInProcessResponse(
      await (tracingEnabled ? inRequestTrace(definition.name, method, headers, execute) : execute()),
    );
  };

  // Subscriptions: graphql-ws on the same port and path; the gateway sends its internal token as
  // the `token` connection parameter.
  const wsServer = webSocketServerOn(httpServer, "/graphql");
  const identities = new WeakMap<object, InternalIdentity>();
  const wsHandle = useServer<{ token?: unknown; requestId?: unknown }>(
    {
      schema,
      async onConnect(ctx) {
        const token = ctx.connectionParams?.token;
        if (typeof token !== "string") return false;
        try {
          identities.set(ctx.extra.socket, await verifyInternalToken(token, services.secrets.internalSecret));
          return true;
        } catch (error) {
          if (error instanceof InvalidTokenError) return false;
          throw error;
        }
      },
      onOperation(ctx, id, payload) {
        logger.info(
          {
            subscriptionId: id,
            operationName: payload.operationName ?? null,
            viewerId: identities.get(ctx.extra.socket)?.viewer?.id,
          },
          "subscription started",
        );
      },
      onComplete(_ctx, id) {
        logger.info({ subscriptionId: id }, "subscription ended");
      },
      onNext(_ctx, _id, _payload, _args, result) {
        return result.errors
          ? { ...result, errors: result.errors.map((error) => maskUnexpected(error.toJSON())) }
          : result;
      },
      context(ctx) {
        const requestId = ctx.connectionParams?.requestId;
        return createRequestContext({
          viewer: identities.get(ctx.extra.socket)?.viewer ?? null,
          requestId: typeof requestId === "string" ? requestId : undefined,
          orm,
          logger,
          createLoaders: definition.createLoaders,
          live,
        });
      },
    },
    wsServer,
  );
  definition.startWorkers?.(subgraphServices);
  const relay: OutboxRelay | undefined =
    definition.outbox && services.config.events.relayEnabled
      ? createOutboxRelay({
          orm,
          entity: definition.outbox,
          logger,
          intervalMs: services.config.events.relayIntervalMs,
          batchSize: services.config.events.relayBatchSize,
          sinks: [(event) => services.bus.publish(event), (event) => consumers.enqueue(services.queue, event)],
        })
      : undefined;
  relay?.start();
  await definition.onStart?.(subgraphServices);
  let closed: Promise<void> | undefined;

  return {
    name: definition.name,
    orm,
    serveInProcess,
    async listen(port, host) {
      const bound = await listen(
        httpServer,
        port,
        host,
        `${definition.name.toUpperCase()}_SUBGRAPH_PORT (subgraphs.${definition.name}.port)`,
      );
      const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
      return `http://${urlHost}:${bound}/graphql`;
    },
    beginShutdown() {
      shuttingDown = true;
    },
    async stopRelay() {
      await relay?.stop();
    },
    close() {
      shuttingDown = true;
      return (closed ??= (async () => {
        await relay?.stop();
        services.metrics.removeSubgraph(definition.name);
        await wsHandle.dispose();
        // Apollo's drain plugin closes the HTTP server (and with it the WebSocket server).
        await apollo.stop();
        await opened?.close();
        await orm.close(true);
      })());
    },
  };
}
