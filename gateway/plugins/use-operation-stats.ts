import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { OperationStatsStore } from "../../src/observability/operation-stats.js";

/**
 * Records every executed operation for the admin `operationStats`: its name, the client that sent it
 * (`apollographql-client-name` / `-version` headers), its duration and whether it returned errors.
 */
export function useOperationStats(store: OperationStatsStore): GatewayPlugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const { contextValue, document, operationName } = args as ExecutionArgs & { contextValue: { request?: Request } };
      const headers = contextValue.request?.headers;
      return {
        onExecuteDone({ result }) {
          const single = result as ExecutionResult | AsyncIterable<ExecutionResult>;
          const failed = !(Symbol.asyncIterator in single) && (single.errors?.length ?? 0) > 0;
          store.record({
            operationName: getOperationAST(document, operationName)?.name?.value ?? "",
            clientName: headers?.get("apollographql-client-name") ?? "",
            clientVersion: headers?.get("apollographql-client-version") ?? "",
            durationMs: performance.now() - started,
            failed,
          });
        },
      };
    },
  };
}
