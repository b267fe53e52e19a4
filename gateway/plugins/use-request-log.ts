import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { getOperationAST, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { Logger } from "../../src/observability/logger.js";
import type { IdentityContext } from "./use-identity.js";

/** One structured log line per operation: request id, operation, viewer, duration, outcome. */
export function useRequestLog(logger: Logger): GatewayPlugin<IdentityContext> {
  return {
    onExecute(payload) {
      const started = performance.now();
      const args = payload.args as ExecutionArgs;
      const context = args.contextValue as Partial<IdentityContext>;
      const operation = getOperationAST(args.document, args.operationName);
      return {
        onExecuteDone(done) {
          const result = done.result as ExecutionResult | AsyncIterable<ExecutionResult>;
          const errors = Symbol.asyncIterator in result ? undefined : result.errors;
          logger.info(
            {
              requestId: context.requestId,
              operationName: operation?.name?.value ?? null,
              operationType: operation?.operation,
              viewerId: context.viewer?.id,
              durationMs: Math.round(performance.now() - started),
              outcome: errors && errors.length > 0 ? "error" : "ok",
              errorCodes: errors?.map((error) => error.extensions["code"]),
            },
            "operation",
          );
        },
      };
    },
  };
}
