import type { ApolloServerPlugin } from "@apollo/server";
import { BoundedNames, type Metrics } from "./metrics.js";

/** Counts and times every operation a subgraph answers, and its errors by `extensions.code`. */
export function operationMetricsPlugin(metrics: Metrics, subgraph: string): ApolloServerPlugin {
  const names = new BoundedNames();
  return {
    requestDidStart() {
      const started = performance.now();
      return Promise.resolve({
        willSendResponse({ operationName, operation, errors }) {
          const labels = {
            subgraph,
            operation_name: names.of(operationName ?? ""),
            operation_type: operation?.operation ?? "unknown",
          };
          metrics.subgraphOperationDuration.observe(labels, (performance.now() - started) / 1000);
          metrics.subgraphOperations.inc({ ...labels, outcome: errors && errors.length > 0 ? "error" : "ok" });
          for (const error of errors ?? []) {
            const code = error.extensions["code"];
            metrics.subgraphErrors.inc({ subgraph, code: typeof code === "string" ? code : "INTERNAL_SERVER_ERROR" });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
