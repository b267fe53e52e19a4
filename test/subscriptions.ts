import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type GraphQLFormattedError } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** One result of a subscription. */
export interface ExecutionResult<TData> {
  data?: TData | null;
  errors?: readonly GraphQLFormattedError[];
}

/** A running subscription as a test reads it: one result at a time, each with a deadline. */
export interface TestSubscription<TData> {
  next(timeoutMs?: number): Promise<ExecutionResult<TData>>;
  close(): Promise<void>;
}

/** Reads `source` eagerly (so the request starts now), buffering results for `next()`. */
function queueOf<TData>(
  source: AsyncIterableIterator<ExecutionResult<TData>>,
  close: () => Promise<void>,
): TestSubscription<TData> {
  const results: IteratorResult<ExecutionResult<TData>>[] = [];
  let failure: unknown;
  let wake: (() => void) | undefined;
  void (async () => {
    try {
      for (;;) {
        const result = await source.next();
        results.push(result);
        wake?.();
        if (result.done) return;
      }
    } catch (error) {
      failure = error;
      wake?.();
    }
  })();
  return {
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length === 0) {
        if (failure !== undefined) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no subscription result within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const result = results.shift() as IteratorResult<ExecutionResult<TData>>;
      if (result.done) throw new Error("the subscription ended");
      return result.value;
    },
    close,
  };
}

/** Subscribes at the gateway over graphql-ws (`authorization` in the connection parameters). */
export function subscribeWs<TData, TVariables>(
  gatewayUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): TestSubscription<TData> {
  const client: Client = createClient({
    url: gatewayUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const iterator = client.iterate<TData>({
    query: print(document),
    variables: variables as Record<string, unknown>,
  }) as AsyncIterableIterator<ExecutionResult<TData>>;
  return queueOf(iterator, async () => {
    await iterator.return?.();
    await client.dispose();
  });
}

/** Subscribes at the gateway over Server-Sent Events (GraphQL over SSE, "distinct connections" mode). */
export function subscribeSse<TData, TVariables>(
  gatewayUrl: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  token?: string,
): TestSubscription<TData> {
  const abort = new AbortController();
  async function* events(): AsyncGenerator<ExecutionResult<TData>> {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      signal: abort.signal,
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    if (!response.ok || response.body === null) throw new Error(`SSE request failed: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trim())
          .join("\n");
        if (data !== "" && /(^|\n)event: *next/.test(message)) yield JSON.parse(data) as ExecutionResult<TData>;
        else if (data !== "" && !/(^|\n)event:/.test(message)) yield JSON.parse(data) as ExecutionResult<TData>;
      }
    }
  }
  const iterator = events();
  return queueOf(iterator, async () => {
    abort.abort();
    await iterator.return(undefined).catch(() => undefined);
  });
}
