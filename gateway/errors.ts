import { GraphQLError } from "graphql";
import { ErrorCode } from "../src/subgraph/errors.js";

const CLIENT_CODES = new Set<unknown>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.InternalServerError),
);
const MAX_DEPTH = 5;

interface ErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
  originalError?: unknown;
}

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

/**
 * The first error in `error`'s chain (itself, then its originalErrors) that carries a client-facing
 * code. Subscription results relayed over WebSocket carry their errors as plain objects.
 */
function clientFacing(error: unknown): ErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && isErrorLike(current); depth++) {
    if (CLIENT_CODES.has(current.extensions?.["code"])) return current;
    current = current.originalError;
  }
  return undefined;
}

/** True when `error` (or one it wraps) carries a client-facing code, so masking keeps it as it is. */
export function isClientFacing(error: unknown): boolean {
  return clientFacing(error) !== undefined;
}

/**
 * An error the server raised on purpose about the request itself (CSRF, batch size, malformed
 * body: a GraphQLError of its own, with an HTTP status 4xx and no underlying cause): it tells the
 * client what to fix and keeps its status, with code BAD_USER_INPUT unless it has one of ours.
 */
function requestRefusal(error: unknown): GraphQLError | undefined {
  if (!(error instanceof GraphQLError) || error.originalError != null) return undefined;
  const http = error.extensions["http"] as { status?: unknown } | undefined;
  if (typeof http?.status !== "number" || http.status < 400 || http.status >= 500) return undefined;
  const code = CLIENT_CODES.has(error.extensions["code"]) ? error.extensions["code"] : ErrorCode.BadUserInput;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { ...error.extensions, code },
  });
}

/**
 * The gateway's error masking: an error with one of our client-facing codes reaches the client as
 * it is, wherever it came from (a subgraph over HTTP or WebSocket, or a gateway plugin); anything
 * else becomes a bare INTERNAL_SERVER_ERROR.
 */
export function maskGatewayError(error: unknown, message: string): Error {
  const refusal = requestRefusal(error);
  if (refusal !== undefined) return refusal;
  const coded = clientFacing(error);
  if (coded !== undefined) {
    const outer = error instanceof GraphQLError ? error : undefined;
    return new GraphQLError(coded.message, {
      nodes: outer?.nodes,
      path: outer?.path ?? (coded as { path?: readonly (string | number)[] }).path,
      extensions: coded.extensions,
    });
  }
  return new GraphQLError(message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
    extensions: { code: ErrorCode.InternalServerError },
  });
}
