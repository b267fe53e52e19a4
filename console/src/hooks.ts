import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { request, subscribe, watchLive, type LiveState, type Result } from "./api";
import type { TypedDocumentString } from "./gql/graphql";

/** A query's latest result (undefined while the first is on its way) and a way to ask again. */
export interface QueryState<TData> {
  result: Result<TData> | undefined;
  refetch: () => Promise<void>;
}

/** Runs `document` now and whenever `variables` change; a stale answer never overwrites a newer one. */
export function useQuery<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
): QueryState<TData> {
  const [result, setResult] = useState<Result<TData> | undefined>(undefined);
  const latest = useRef(0);
  const key = JSON.stringify(variables);
  const refetch = useCallback(async () => {
    const sequence = ++latest.current;
    const next = await request(document, JSON.parse(key) as TVariables);
    if (sequence === latest.current) setResult(next);
  }, [document, key]);
  useEffect(() => {
    setResult(undefined);
    void refetch();
    return () => {
      latest.current++;
    };
  }, [refetch]);
  return { result, refetch };
}

/**
 * Keeps a subscription open while mounted (and `variables` stay the same), handing each result to the
 * latest `onData`; returns the last error, if any.
 */
export function useSubscription<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  onData: (data: TData) => void,
): string | undefined {
  const [error, setError] = useState<string | undefined>(undefined);
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(
    () =>
      subscribe(document, JSON.parse(key) as TVariables, {
        next: (data) => {
          setError(undefined);
          handler.current(data);
        },
        error: setError,
      }),
    [document, key],
  );
  return error;
}

/** The live connection's state. */
export function useLiveState(): LiveState {
  const [state, setState] = useState<LiveState>("idle");
  useEffect(() => watchLive(setState), []);
  return state;
}

/** The location hash as path segments: "#/bots/42" → ["bots", "42"]. */
export function useRoute(): string[] {
  const read = () =>
    location.hash
      .replace(/^#\/?/, "")
      .split("/")
      .filter((segment) => segment !== "")
      .map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
