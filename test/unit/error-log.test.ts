import { GraphQLError, type ExecutionResult } from "graphql";
import { describe, expect, it, vi } from "vitest";
import { useErrorLog } from "../../gateway/plugins/use-error-log.js";
import type { Logger } from "../../src/observability/logger.js";

/** A result with one unexpected error (a cause the client never sees) and one client-facing one. */
function resultWithErrors(): ExecutionResult {
  return {
    errors: [
      new GraphQLError("boom", { path: ["botStatusChanged"], originalError: new Error("database gone") }),
      new GraphQLError("not yours", { extensions: { code: "FORBIDDEN" } }),
    ],
  };
}

async function* stream(...results: ExecutionResult[]): AsyncGenerator<ExecutionResult> {
  for (const result of results) yield await Promise.resolve(result);
}

function setUp() {
  const error = vi.fn();
  const plugin = useErrorLog({ error } as unknown as Logger);
  const args = { contextValue: { requestId: "req-1" } };
  return { error, plugin, args };
}

describe("the gateway's error log", () => {
  it("logs the unexpected errors of each event of a subscription, with the request id", async () => {
    const { error, plugin, args } = setUp();
    type SubscribePayload = Parameters<NonNullable<typeof plugin.onSubscribe>>[0];
    const hooks = await plugin.onSubscribe?.({ args } as unknown as SubscribePayload);
    const onResult = hooks && typeof hooks === "object" ? hooks.onSubscribeResult : undefined;
    type ResultPayload = Parameters<NonNullable<typeof onResult>>[0];
    const streamHooks = onResult?.({ args, result: stream() } as unknown as ResultPayload);
    const onNext = streamHooks && typeof streamHooks === "object" ? streamHooks.onNext : undefined;
    type NextPayload = Parameters<NonNullable<typeof onNext>>[0];
    await onNext?.({ args, result: resultWithErrors() } as unknown as NextPayload);

    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ requestId: "req-1", path: ["botStatusChanged"], err: new Error("database gone") }),
      "unexpected error",
    );
  });

  it("logs the unexpected errors of a single result and of each part of a streamed one", async () => {
    const { error, plugin, args } = setUp();
    type ExecutePayload = Parameters<NonNullable<typeof plugin.onExecute>>[0];
    const hooks = await plugin.onExecute?.({ args } as unknown as ExecutePayload);
    const onDone = hooks && typeof hooks === "object" ? hooks.onExecuteDone : undefined;
    type DonePayload = Parameters<NonNullable<typeof onDone>>[0];
    await onDone?.({ args, result: resultWithErrors() } as unknown as DonePayload);
    expect(error).toHaveBeenCalledTimes(1);

    const streamHooks = await onDone?.({ args, result: stream() } as unknown as DonePayload);
    const onNext = streamHooks && typeof streamHooks === "object" ? streamHooks.onNext : undefined;
    type NextPayload = Parameters<NonNullable<typeof onNext>>[0];
    await onNext?.({ args, result: resultWithErrors() } as unknown as NextPayload);
    expect(error).toHaveBeenCalledTimes(2);
  });
});
