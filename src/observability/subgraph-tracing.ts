import type { ApolloServerPlugin } from "@apollo/server";
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { RequestHandler } from "express";

/** Looked up per request: a tracer kept from before `startTracing` (or a restart of it) would stay a no-op. */
const tracer = () => trace.getTracer("tradebot-graph/subgraph");

/**
 * A server span per traced `/graphql` request, continuing the caller's W3C `traceparent` (the
 * gateway's subgraph fetch); everything the request does (queries, enqueued jobs, outbox rows) runs
 * inside it.
 */
export function traceSubgraphRequests(subgraph: string): RequestHandler {
  return (req, res, next) => {
    // The gateway samples: a request it did not trace comes without traceparent and costs no span.
    if (req.headers.traceparent === undefined) {
      next();
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      `${subgraph} ${req.method} ${req.baseUrl}`,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method, "url.path": req.baseUrl, "graphql.subgraph": subgraph },
      },
      parent,
    );
    res.on("close", () => {
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Names the request's server span after its operation (`mutation submitOrder`) and marks errors. */
export function operationSpanPlugin(subgraph: string): ApolloServerPlugin {
  return {
    requestDidStart() {
      const span = trace.getActiveSpan();
      if (span === undefined) return Promise.resolve();
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? "query";
          span.updateName(`${subgraph} ${type} ${operationName ?? "anonymous"}`);
          span.setAttributes({
            "graphql.operation.type": type,
            "graphql.operation.name": operationName ?? "",
          });
          return Promise.resolve();
        },
        didEncounterErrors({ errors }) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
          return Promise.resolve();
        },
      });
    },
  };
}
