import { STATUS_CODES } from "node:http";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import type { SubgraphServer } from "../../src/subgraph/subgraph-server.js";

/** Serves a subgraph request in this process: a subgraph server's {@link SubgraphServer.serveInProcess}. */
export type InProcessServe = SubgraphServer["serveInProcess"];

/** Rejects with the signal's reason once it aborts, as a fetch over HTTP does; else settles as `work`. */
function abortable<T>(work: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (signal === null || signal === undefined) return work;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Hands the gateway's fetches to a subgraph of this process (found by the URL the gateway calls)
 * straight to that subgraph's server: no socket, HTTP parsing or express. Other URLs go over HTTP.
 * Plugins listed after it that wrap the fetch function (tracing's `traceparent`) wrap this one.
 */
export function useInProcessSubgraphs(serveByUrl: ReadonlyMap<string, InProcessServe>): GatewayPlugin {
  // The runtime's own Response (as its HTTP fetch returns): much cheaper to read than Node's.
  let ResponseOfRuntime: typeof Response = Response;
  return {
    onYogaInit({ yoga }) {
      ResponseOfRuntime = yoga.fetchAPI.Response;
    },
    onFetch({ url, setFetchFn }) {
      const serve = serveByUrl.get(url);
      if (serve === undefined) return;
      setFetchFn(async (target, init = {}) => {
        const body =
          init.body === undefined || init.body === null || typeof init.body === "string"
            ? (init.body ?? undefined)
            : await new ResponseOfRuntime(init.body).text();
        const answer = await abortable(
          serve({ method: init.method ?? "GET", url: target, headers: init.headers ?? {}, body }),
          init.signal,
        );
        return new ResponseOfRuntime(answer.body, {
          status: answer.status,
          statusText: STATUS_CODES[answer.status],
          headers: [...answer.headers],
        });
      });
    },
  };
}
