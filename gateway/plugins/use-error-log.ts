import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import type { ExecutionArgs, ExecutionResult } from "graphql";
import type { Logger } from "../../src/observability/logger.js";
import { isClientFacing } from "../errors.js";
import type { IdentityContext } from "./use-identity.js";

/**
 * Logs every error the client will only see as INTERNAL_SERVER_ERROR, with its cause and the
 * request id, before masking replaces it (Yoga masks after the plugins' execute hooks): those of a
 * single result, and those of each result of a stream (a subscription's events, an incremental result).
 */
export function useErrorLog(logger: Logger): GatewayPlugin<IdentityContext> {
  const logErrors = (args: unknown, result: ExecutionResult): void => {
    const context = (args as ExecutionArgs).contextValue as Partial<IdentityContext>;
    for (const error of result.errors ?? []) {
      if (isClientFacing(error)) continue;
      logger.error(
        { requestId: context.requestId, path: error.path, err: error.originalError ?? error },
        "unexpected error",
      );
    }
  };
  return {
    onExecute(payload) {
      return {
        onExecuteDone(done) {
          const result = done.result as ExecutionResult | AsyncIterable<ExecutionResult>;
          if (!(Symbol.asyncIterator in result)) return logErrors(payload.args, result);
          return { onNext: (next) => logErrors(payload.args, next.result) };
        },
      };
    },
    onSubscribe(payload) {
      return {
        onSubscribeResult(subscribed) {
          const result = subscribed.result as ExecutionResult | AsyncIterable<ExecutionResult>;
          if (!(Symbol.asyncIterator in result)) return logErrors(payload.args, result);
          return { onNext: (next) => logErrors(payload.args, next.result) };
        },
      };
    },
  };
}
