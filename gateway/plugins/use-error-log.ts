import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import type { ExecutionArgs, ExecutionResult } from "graphql";
import type { Logger } from "../../src/observability/logger.js";
import { isClientFacing } from "../errors.js";
import type { IdentityContext } from "./use-identity.js";

/**
 * Logs every error the client will only see as INTERNAL_SERVER_ERROR, with its cause and the
 * request id, before masking replaces it (Yoga masks after the plugins' execute hooks).
 */
export function useErrorLog(logger: Logger): GatewayPlugin<IdentityContext> {
  return {
    onExecute(payload) {
      const context = (payload.args as ExecutionArgs).contextValue as Partial<IdentityContext>;
      return {
        onExecuteDone(done) {
          const result = done.result as ExecutionResult | AsyncIterable<ExecutionResult>;
          if (Symbol.asyncIterator in result) return;
          for (const error of result.errors ?? []) {
            if (isClientFacing(error)) continue;
            logger.error(
              { requestId: context.requestId, path: error.path, err: error.originalError ?? error },
              "unexpected error",
            );
          }
        },
      };
    },
  };
}
