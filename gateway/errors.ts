import { GraphQLError } from "graphql";
import { ErrorCode } from "../src/graphql/errors.js";

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

/**
 * The gateway's error masking: an error with one of our client-facing codes reaches the client as
 * it is, wherever it came from (a subgraph over HTTP or WebSocket, or a gateway plugin); anything
 * else becomes a bare INTERNAL_SERVER_ERROR.
 */
export function maskGatewayError(error: unknown, message: string): Error {
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
