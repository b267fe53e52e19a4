import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import usePrometheus, {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
} from "@graphql-mesh/plugin-prometheus";
import { getOperationAST, type ExecutionArgs, type ExecutionResult } from "graphql";
import { Counter, Gauge, type Registry } from "prom-client";
import { BoundedNames } from "../../src/observability/metrics.js";

/** Options of {@link useMetrics}. */
export interface MetricsOptions {
  /** Where the gateway's metrics are registered (the one `/metrics` serves). */
  registry: Registry;
  /** The runtime's logger (the Prometheus plugin logs through it). */
  log: Parameters<typeof usePrometheus>[0]["log"];
}

/** Seconds, from 5 ms to 10 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the Prometheus plugin passes about one subgraph execution. */
interface SubgraphLabelParams {
  subgraphName: string;
  executionRequest: { operationType?: string };
}

/** Operation labels of a request, from its execution (none before: parse and validation errors). */
type OperationLabels = Record<"operation_name" | "operation_type", string>;

/**
 * Gateway metrics: operations by name and type (count, duration), subgraph fetch and execution
 * durations (@graphql-mesh/plugin-prometheus, renamed to Prometheus conventions) plus requests in
 * flight and errors by `extensions.code`. `/metrics` is served by the gateway's HTTP server.
 */
export function useMetrics(options: MetricsOptions): GatewayPlugin[] {
  const { registry } = options;
  const names = new BoundedNames();
  const inFlight = new Gauge({
    name: "graphql_gateway_requests_in_flight",
    help: "GraphQL HTTP requests the gateway is serving now.",
    registers: [registry],
  });
  const errors = new Counter({
    name: "graphql_gateway_operation_errors_total",
    help: "GraphQL errors returned to clients, by operation and extensions.code.",
    labelNames: ["operation_name", "operation_type", "code"],
    registers: [registry],
  });
  const operations = new WeakMap<Request, OperationLabels>();
  const counted = new WeakSet<Request>();
  const metricsPlugin: GatewayPlugin = {
    onRequest({ request }) {
      counted.add(request);
      inFlight.inc();
    },
    onResponse({ request }) {
      if (counted.delete(request)) inFlight.dec();
    },
    onExecute({ args }) {
      const { contextValue, document, operationName } = args as ExecutionArgs & { contextValue: { request?: Request } };
      const operation = getOperationAST(document, operationName);
      if (contextValue.request !== undefined) {
        operations.set(contextValue.request, {
          operation_name: names.of(operation?.name?.value ?? ""),
          operation_type: operation?.operation ?? "unknown",
        });
      }
    },
    onResultProcess({ request, result }) {
      const results = (Array.isArray(result) ? result : [result]) as unknown[];
      const labels = operations.get(request) ?? { operation_name: "", operation_type: "unknown" };
      for (const one of results) {
        if (typeof one !== "object" || one === null || Symbol.asyncIterator in one) continue;
        for (const error of (one as ExecutionResult).errors ?? []) {
          const code = error.extensions["code"];
          errors.inc({ ...labels, code: typeof code === "string" ? code : "INTERNAL_SERVER_ERROR" });
        }
      }
    },
  };
  const operationLabels = (params: FillLabelsFnParams): OperationLabels => ({
    operation_name: names.of(params.operationName ?? ""),
    operation_type: params.operationType ?? "unknown",
  });
  const subgraphLabels = (params: SubgraphLabelParams): Record<"subgraph" | "operation_type", string> => ({
    subgraph: params.subgraphName,
    operation_type: params.executionRequest.operationType ?? "query",
  });
  const prometheus = usePrometheus({
    log: options.log,
    registry,
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: "graphql_gateway_operations_total",
          help: "GraphQL operations the gateway executed, by name and type.",
          labelNames: ["operation_name", "operation_type"],
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: "graphql_gateway_operation_duration_seconds",
          help: "Time from parsing a GraphQL operation to the end of its execution.",
          labelNames: ["operation_name", "operation_type"],
          buckets: DURATION_BUCKETS,
        },
        fillLabelsFn: operationLabels,
      }),
      graphql_gateway_subgraph_execute_duration: createHistogram({
        registry,
        histogram: {
          name: "graphql_gateway_subgraph_request_duration_seconds",
          help: "Time a subgraph took to answer one of the gateway's fetches.",
          labelNames: ["subgraph", "operation_type"],
          buckets: DURATION_BUCKETS,
        },
        fillLabelsFn: subgraphLabels,
      }),
      graphql_gateway_subgraph_execute_errors: createCounter({
        registry,
        counter: {
          name: "graphql_gateway_subgraph_errors_total",
          help: "Errors in subgraph responses to the gateway's fetches.",
          labelNames: ["subgraph", "operation_type"],
        },
        fillLabelsFn: subgraphLabels,
      }),
      graphql_gateway_fetch_duration: false,
      graphql_yoga_http_duration: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_error_result: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
  return [metricsPlugin, prometheus as GatewayPlugin];
}
