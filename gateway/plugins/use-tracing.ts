import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { useOpenTelemetry } from "@graphql-hive/plugin-opentelemetry";

/**
 * OpenTelemetry spans at the gateway (@graphql-hive/plugin-opentelemetry, on the tracer provider
 * `startTracing` registered): the HTTP request, the GraphQL operation and its execution, one span
 * per subgraph execution and its fetch, which carries W3C `traceparent` to the subgraph. An incoming
 * `traceparent` is continued. Parse, validation and context-building spans are left out: they cost
 * per request and say little.
 */
export function useTracing(): GatewayPlugin {
  return useOpenTelemetry({
    traces: {
      spans: {
        graphqlParse: false,
        graphqlValidate: false,
        graphqlContextBuilding: false,
        schema: false,
        initialization: false,
      },
    },
    inheritContext: true,
    propagateContext: true,
    // The composition root flushes and shuts the provider down after the gateway closes.
    flushOnDispose: false,
  }) as GatewayPlugin;
}
