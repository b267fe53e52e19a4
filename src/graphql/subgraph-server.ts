import { createServer, type Server } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { useServer } from "graphql-ws/use/ws";
import { InvalidTokenError, verifyInternalToken, type InternalIdentity } from "../auth/tokens.js";
import { openDatabase, type Database } from "../db/orm.js";
import { createOutboxRelay, type OutboxRelay } from "../events/relay.js";
import { enqueueConsumers } from "../events/consumers.js";
import { operationMetricsPlugin } from "../observability/subgraph-metrics.js";
import { operationSpanPlugin, traceSubgraphRequests } from "../observability/subgraph-tracing.js";
import { withRequestId } from "../queue/trace.js";
import {
  databaseCheck,
  outboxLagCheck,
  queueBacklogCheck,
  redisCheck,
  shutdownCheck,
  webhookFailureRateCheck,
} from "../health/checks.js";
import { healthReport, httpStatusOf, HEALTH_CONTENT_TYPE, toHealthJson, type HealthCheck } from "../health/report.js";
import { createRequestContext, type RequestContext } from "./context.js";
import { maskUnexpected, unauthenticated } from "./errors.js";
import { INTERNAL_TOKEN_HEADER, REQUEST_ID_HEADER } from "./headers.js";
import { listen } from "./listen.js";
import { webSocketServerOn } from "./websocket.js";
import { buildSubgraphSchema, type SubgraphDefinition, type SubgraphServices } from "./subgraph.js";

/** A subgraph that is ready to listen. */
export interface SubgraphServer {
  name: string;
  orm: Database;
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

/** Opens the database (applying migrations), builds the schema and the HTTP server of one subgraph. */
export async function createSubgraphServer<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  services: Omit<SubgraphServices, "orm" | "dependencies">,
): Promise<SubgraphServer> {
  const logger = services.logger.child({ subgraph: definition.name });
  const orm = await openDatabase({
    name: definition.name,
    entities: definition.outbox ? [...definition.entities, definition.outbox] : definition.entities,
    migrations: definition.migrations,
    config: services.config,
    logger,
  });
  const opened = await definition.openDependencies?.({ ...services, logger, orm });
  const subgraphServices: SubgraphServices = { ...services, logger, orm, dependencies: opened?.value };
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

  app.disable("x-powered-by");
  app.get("/health/live", (_req, res) => {
    res.type(HEALTH_CONTENT_TYPE).json({ status: "pass" });
  });
  let shuttingDown = false;
  /** This subgraph's readiness: its database, Redis, the queue's backlog, its outbox, its webhooks. */
  const readiness = async (): Promise<HealthCheck[]> => {
    const checks = await Promise.all([
      databaseCheck(orm),
      ...(services.config.redis.url ? [redisCheck(services.config.redis.url)] : []),
      queueBacklogCheck(services.queue),
      ...(definition.outbox ? [outboxLagCheck(orm, definition.outbox)] : []),
      ...(definition.name === "webhooks" ? [webhookFailureRateCheck(services.metrics.webhookDeliveryAttempts)] : []),
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
      async context({ req }) {
        const token = req.header(INTERNAL_TOKEN_HEADER);
        if (token === undefined) throw unauthenticated("This subgraph answers only the gateway.");
        try {
          const identity = await verifyInternalToken(token, services.secrets.internalSecret);
          return createRequestContext({
            viewer: identity.viewer,
            requestId: req.header(REQUEST_ID_HEADER),
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
      },
    }),
  );

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
          sinks: [(event) => services.bus.publish(event), (event) => enqueueConsumers(services.queue, event)],
        })
      : undefined;
  relay?.start();
  await definition.onStart?.(subgraphServices);
  let closed: Promise<void> | undefined;

  return {
    name: definition.name,
    orm,
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
