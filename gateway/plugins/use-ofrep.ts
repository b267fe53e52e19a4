import { createHash } from "node:crypto";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import type { Logger } from "../../src/observability/logger.js";

/** Where OFREP's routes live (OpenFeature Remote Evaluation Protocol). */
const OFREP_PREFIX = "/ofrep/v1/evaluate/flags";

const EVALUATE_FLAGS = /* GraphQL */ `
  query OfrepEvaluateFlags($keys: [ID!], $context: EvaluationContextInput) {
    evaluateFlags(keys: $keys, context: $context) {
      key
      value
      variant
      reason
      errorCode
    }
  }
`;

/** One evaluation as the flags subgraph answers it. */
interface Evaluation {
  key: string;
  value: boolean;
  variant: string | null;
  reason: string;
  errorCode: string | null;
}

interface GraphQLResult {
  data?: { evaluateFlags?: Evaluation[] | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** An OFREP answer: status, JSON body (none for 304/401/403) and headers. */
interface OfrepResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A request OFREP refuses before evaluating; the body follows the spec's failure schemas. */
class OfrepRequestError extends Error {
  override name = "OfrepRequestError";
  constructor(
    readonly errorCode: "PARSE_ERROR" | "INVALID_CONTEXT",
    message: string,
  ) {
    super(message);
  }
}

const ERROR_DETAILS: Readonly<Record<string, (key: string) => string>> = {
  FLAG_NOT_FOUND: (key) => `flag ${JSON.stringify(key)} does not exist`,
  TARGETING_KEY_MISSING: (key) =>
    `flag ${JSON.stringify(key)} is rolled out by percentage: context.targetingKey is needed`,
};

/** OFREP's body for one evaluation: a success, or a failure with the OpenFeature error code. */
function ofrepEvaluation(evaluation: Evaluation): Record<string, unknown> {
  if (evaluation.errorCode !== null) {
    return {
      key: evaluation.key,
      errorCode: evaluation.errorCode,
      errorDetails: ERROR_DETAILS[evaluation.errorCode]?.(evaluation.key) ?? evaluation.errorCode,
    };
  }
  return {
    key: evaluation.key,
    value: evaluation.value,
    reason: evaluation.reason,
    ...(evaluation.variant === null ? {} : { variant: evaluation.variant }),
    metadata: {},
  };
}

/** The evaluation context of an OFREP body: `targetingKey` plus any other attributes. */
async function contextOf(request: Request): Promise<{ targetingKey?: string; attributes?: Record<string, unknown> }> {
  const text = await request.text();
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new OfrepRequestError("PARSE_ERROR", "the request body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new OfrepRequestError("PARSE_ERROR", "the request body must be a JSON object");
  const context = (body as { context?: unknown }).context;
  if (context === undefined || context === null) return {};
  if (typeof context !== "object" || Array.isArray(context))
    throw new OfrepRequestError("INVALID_CONTEXT", "context must be an object");
  const { targetingKey, ...attributes } = context as Record<string, unknown>;
  if (targetingKey !== undefined && typeof targetingKey !== "string")
    throw new OfrepRequestError("INVALID_CONTEXT", "context.targetingKey must be a string");
  return { ...(targetingKey === undefined ? {} : { targetingKey }), attributes };
}

/** Maps a GraphQL error to OFREP's status: 401, 403, 429 without a body, anything else a 500. */
function errorResponse(result: GraphQLResult): OfrepResponse {
  const code = result.errors?.[0]?.extensions?.code;
  if (code === "UNAUTHENTICATED") return { status: 401 };
  if (code === "FORBIDDEN") return { status: 403 };
  if (code === "RATE_LIMITED") return { status: 429 };
  return { status: 500, body: { errorDetails: "Internal server error" } };
}

/** The ETag of a bulk answer: a digest of exactly what was evaluated for this context. */
const etagOf = (body: unknown): string =>
  `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)}"`;

/** True when If-None-Match names `etag` (or is `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed === etag || trimmed === `W/${etag}`;
  });
}

/**
 * Serves OFREP (v0.3) on the gateway: `POST /ofrep/v1/evaluate/flags/{key}` and `POST
 * /ofrep/v1/evaluate/flags` (bulk, with ETag / If-None-Match → 304). Each request is executed as the
 * `evaluateFlags` GraphQL query through this gateway's own pipeline with the caller's Authorization
 * header, so authentication and evaluation are exactly those of GraphQL (one source of truth).
 */
export function useOfrep(logger: Logger): GatewayPlugin {
  return {
    onRequest(payload) {
      const { request, url, requestHandler, serverContext } = payload;
      if (url.pathname !== OFREP_PREFIX && !url.pathname.startsWith(`${OFREP_PREFIX}/`)) return;
      const respond = ({ status, body, headers = {} }: OfrepResponse): void => {
        payload.endResponse(
          new Response(body === undefined ? null : JSON.stringify(body), {
            status,
            headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
          }),
        );
      };
      if (request.method !== "POST") {
        respond({ status: 405, headers: { allow: "POST" } });
        return;
      }
      const rest = url.pathname.slice(OFREP_PREFIX.length + 1);
      const key = url.pathname === OFREP_PREFIX ? null : decodeURIComponent(rest);
      if (key !== null && (key === "" || key.includes("/"))) {
        respond({ status: 404, body: { key, errorCode: "FLAG_NOT_FOUND", errorDetails: "no flag key in the path" } });
        return;
      }

      const evaluate = async (): Promise<OfrepResponse> => {
        let context: Awaited<ReturnType<typeof contextOf>>;
        try {
          context = await contextOf(request);
        } catch (error) {
          if (!(error instanceof OfrepRequestError)) throw error;
          const failure = { errorCode: error.errorCode, errorDetails: error.message };
          return { status: 400, body: key === null ? failure : { key, ...failure } };
        }
        const headers = new Headers({ "content-type": "application/json", accept: "application/json" });
        for (const name of ["authorization", "x-request-id"]) {
          const value = request.headers.get(name);
          if (value !== null) headers.set(name, value);
        }
        const graphqlUrl = new URL("/graphql", url);
        const response = await requestHandler(
          new Request(graphqlUrl, {
            method: "POST",
            headers,
            body: JSON.stringify({ query: EVALUATE_FLAGS, variables: { keys: key === null ? null : [key], context } }),
          }),
          serverContext,
        );
        const result = (await response.json()) as GraphQLResult;
        const evaluations = result.data?.evaluateFlags;
        if (evaluations == null || (result.errors?.length ?? 0) > 0) return errorResponse(result);
        if (key === null) {
          const body = { flags: evaluations.map(ofrepEvaluation) };
          const etag = etagOf(body);
          if (matches(request.headers.get("if-none-match"), etag)) return { status: 304, headers: { etag } };
          return { status: 200, body, headers: { etag } };
        }
        const [evaluation] = evaluations;
        if (evaluation === undefined) return errorResponse(result);
        const body = ofrepEvaluation(evaluation);
        if (evaluation.errorCode === "FLAG_NOT_FOUND") return { status: 404, body };
        if (evaluation.errorCode !== null) return { status: 400, body };
        return { status: 200, body };
      };
      return evaluate().then(respond, (error: unknown) => {
        logger.error({ err: error, path: url.pathname }, "OFREP evaluation failed");
        respond({ status: 500, body: { errorDetails: "Internal server error" } });
      });
    },
  };
}
