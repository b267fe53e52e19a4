import { createClient, type Client, type Sink } from "graphql-ws";
import type { TypedDocumentString } from "./gql/graphql";

/** An expected failure of a mutation, as every payload reports it. */
export interface UserError {
  field?: readonly string[] | null;
  message: string;
  code: string;
}

/** What a request gave: its data, or a sentence saying why there is none. */
export type Result<TData> = { data: TData; error?: undefined } | { data?: undefined; error: string };

/** Who the token says the viewer is (read from the JWT; the gateway alone verifies it). */
export interface Viewer {
  sub: string;
  roles: string[];
}

/** How the live (graphql-ws) connection stands. */
export type LiveState = "idle" | "connecting" | "connected" | "closed";

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

const TOKEN_KEY = "tradebot.console.token";

export function storedToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

/** Keeps `token` (or forgets it with null); the live connection of the previous token is closed. */
export function storeToken(token: string | null): void {
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
  closeLive();
}

/** The viewer a JWT names, or null when `token` is not a JWT. */
export function viewerOf(token: string): Viewer | null {
  const payload = token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as {
      sub?: unknown;
      roles?: unknown;
    };
    if (typeof claims.sub !== "string") return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((role) => typeof role === "string") : [];
    return { sub: claims.sub, roles };
  } catch {
    return null;
  }
}

function describeErrors(errors: readonly GraphQLError[]): string {
  return errors
    .map((error) => (error.extensions?.code ? `${error.message} (${error.extensions.code})` : error.message))
    .join("; ");
}

/** The name of a document's operation (every document of the console has one, as codegen requires). */
function operationNameOf(query: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(query)?.[1];
}

/** Sends one operation to `/graphql` on this origin; never throws. */
export async function request<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
): Promise<Result<TData>> {
  const token = storedToken();
  const query = document.toString();
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        // How the admin screen's operation stats tell the console's operations from other clients'.
        "apollographql-client-name": "tradebot-console",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, operationName: operationNameOf(query), variables }),
    });
  } catch (error) {
    return { error: `Network error: ${error instanceof Error ? error.message : String(error)}` };
  }
  let body: { data?: TData | null; errors?: GraphQLError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { error: `The API answered HTTP ${response.status} without a GraphQL response.` };
  }
  if (body.errors?.length) return { error: describeErrors(body.errors) };
  if (body.data == null) return { error: `The API answered HTTP ${response.status} without data.` };
  return { data: body.data };
}

/**
 * The development token the gateway hands out, or null where it does not (anywhere but development).
 * The gateway marks the page when it offers one, so the page never asks where it would get a 404.
 */
export async function fetchDevToken(): Promise<string | null> {
  if (document.querySelector('meta[name="tradebot-dev-token"]') === null) return null;
  try {
    const response = await fetch("/dev/token");
    if (!response.ok) return null;
    const body = (await response.json()) as { token?: unknown };
    return typeof body.token === "string" ? body.token : null;
  } catch {
    return null;
  }
}

let live: Client | undefined;
let liveState: LiveState = "idle";
const liveListeners = new Set<(state: LiveState) => void>();

function setLiveState(state: LiveState): void {
  liveState = state;
  for (const listener of liveListeners) listener(state);
}

/** Calls `listener` with the live connection's state now and on every change; returns the unsubscribe. */
export function watchLive(listener: (state: LiveState) => void): () => void {
  liveListeners.add(listener);
  listener(liveState);
  return () => liveListeners.delete(listener);
}

function liveClient(): Client {
  if (live === undefined) {
    const token = storedToken();
    const url = new URL("/graphql", location.href);
    url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
    live = createClient({
      url: url.href,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: {
        connecting: () => setLiveState("connecting"),
        connected: () => setLiveState("connected"),
        closed: () => setLiveState("closed"),
      },
    });
  }
  return live;
}

function closeLive(): void {
  if (live === undefined) return;
  void live.dispose();
  live = undefined;
  setLiveState("idle");
}

function describeLiveError(error: unknown): string {
  if (Array.isArray(error)) return describeErrors(error as GraphQLError[]);
  if (error instanceof CloseEvent)
    return `Live connection closed (${error.code}${error.reason ? `: ${error.reason}` : ""})`;
  if (error instanceof Error) return error.message;
  return "Live connection failed";
}

/** Starts a subscription over graphql-ws; returns the function that ends it. Never throws. */
export function subscribe<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  handlers: { next(data: TData): void; error(message: string): void },
): () => void {
  const sink: Sink<{ data?: TData | null; errors?: readonly GraphQLError[] }> = {
    next(result) {
      if (result.errors?.length) handlers.error(describeErrors(result.errors));
      else if (result.data != null) handlers.next(result.data);
    },
    error: (error) => handlers.error(describeLiveError(error)),
    complete: () => undefined,
  };
  const query = document.toString();
  return liveClient().subscribe(
    { query, operationName: operationNameOf(query), variables: variables as Record<string, unknown> },
    sink as Sink,
  );
}
