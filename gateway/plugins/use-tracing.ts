import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { useOpenTelemetry } from "@graphql-hive/plugin-opentelemetry";

/** Options of {@link useTracing}. */
export interface TracingPluginOptions {
  /** 0–1: share of requests traced (a request that arrives with a `traceparent` is always followed). */
  sampleRatio: number;
  /** Parent spans through the registered OpenTelemetry context manager, else through the request. */
  useContextManager: boolean;
}

/**
 * OpenTelemetry spans at the gateway (@graphql-hive/plugin-opentelemetry, on the tracer provider
 * `startTracing` registered): the HTTP request, the GraphQL operation and its execution, one span
 * per subgraph execution and its fetch, which carries W3C `traceparent` to the subgraph. An incoming
 * `traceparent` is continued.
 *
 * The sampling decision is made here, before any span exists: a request left out costs no span, no
 * context and no propagation (its subgraphs and jobs then make no spans either), and the tracer
 * provider records every request let in (see `startTracing`). Parse, validation and context-building
 * spans and the operation hash are left out: they cost on every traced request and say little.
 */
export function useTracing(options: TracingPluginOptions): GatewayPlugin {
  const { sampleRatio, useContextManager } = options;
  return useOpenTelemetry({
    traces: {
      spans: {
        http: ({ request }) => request.headers.has("traceparent") || Math.random() < sampleRatio,
        graphqlParse: false,
        graphqlValidate: false,
        graphqlContextBuilding: false,
        schema: false,
        initialization: false,
      },
    },
    hashOperation: null,
    useContextManager,
    inheritContext: true,
    propagateContext: true,
    // The composition root flushes and shuts the provider down after the gateway closes.
    flushOnDispose: false,
  }) as GatewayPlugin;
}
