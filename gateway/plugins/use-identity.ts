import { randomUUID } from "node:crypto";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { GraphQLError } from "graphql";
import { InvalidTokenError, signInternalToken, verifyUserToken } from "../../src/auth/tokens.js";
import type { Viewer } from "../../src/auth/viewer.js";
import { unauthenticated } from "../../src/subgraph/errors.js";
import { INTERNAL_TOKEN_HEADER, REQUEST_ID_HEADER } from "../../src/subgraph/headers.js";

/** What this plugin adds to the gateway's context. */
export interface IdentityContext {
  viewer: Viewer | null;
  requestId: string;
  /** The short-lived token that vouches for `viewer` to subgraphs. */
  internalToken: string;
}

/** Options of {@link useIdentity}. */
export interface IdentityOptions {
  /** Verifies client JWTs (HS256). */
  jwtSecret: string;
  /** Signs the internal token subgraphs verify. */
  internalSecret: string;
  /** Lifetime of an internal token. @default 60 */
  internalTokenTtlSeconds?: number;
}

const PRINTABLE_ID = /^[\x21-\x7e]{1,128}$/;
/** Viewers whose internal token is kept; past this the cache starts over. */
const MAX_CACHED_VIEWERS = 10_000;

/** Signs internal tokens, reusing a viewer's token while more than half of its lifetime is left. */
function internalTokenSigner(secret: string, ttlSeconds: number): (viewer: Viewer | null) => Promise<string> {
  const cache = new Map<string, { token: Promise<string>; renewAt: number }>();
  return (viewer) => {
    const key = viewer === null ? "" : `${viewer.id}\u0000${viewer.roles.join(",")}`;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached !== undefined && cached.renewAt > now) return cached.token;
    if (cache.size >= MAX_CACHED_VIEWERS) cache.clear();
    const token = signInternalToken({ viewer }, secret, ttlSeconds);
    cache.set(key, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
    token.catch(() => cache.delete(key));
    return token;
  };
}

/** The error with `extensions.requestId`. */
function withRequestId(error: GraphQLError, requestId: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, requestId },
  });
}

/** A client's `x-request-id` when it is printable and at most 128 characters, else a new one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get(REQUEST_ID_HEADER);
  return given !== null && PRINTABLE_ID.test(given) ? given : randomUUID();
}

/**
 * Verifies `Authorization: Bearer <JWT>`, puts the viewer in the context, and sends subgraphs a
 * signed internal token (never the client's headers; one per viewer, renewed at half its lifetime)
 * plus the request id, which also comes back to the client as `x-request-id`.
 */
export function useIdentity(options: IdentityOptions): GatewayPlugin<IdentityContext> {
  const internalTokenFor = internalTokenSigner(options.internalSecret, options.internalTokenTtlSeconds ?? 60);
  const requestIds = new WeakMap<Request, string>();
  const idOf = (request: Request): string => {
    let id = requestIds.get(request);
    if (id === undefined) {
      id = requestIdOf(request);
      requestIds.set(request, id);
    }
    return id;
  };
  return {
    onRequest({ request }) {
      idOf(request);
    },
    async onContextBuilding({ context, extendContext }) {
      const requestId = idOf(context.request);
      const header = context.request.headers.get("authorization");
      let viewer: Viewer | null = null;
      if (header !== null && header.trim() !== "") {
        const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
        if (match?.[1] === undefined) throw unauthenticated('The Authorization header must be "Bearer <token>".');
        try {
          viewer = await verifyUserToken(match[1], options.jwtSecret);
        } catch (error) {
          if (error instanceof InvalidTokenError) throw unauthenticated(`Invalid token: ${error.message}.`);
          throw error;
        }
      }
      const internalToken = await internalTokenFor(viewer);
      extendContext({ viewer, requestId, internalToken });
    },
    onFetch(payload) {
      const { internalToken, requestId } = payload.context as Partial<IdentityContext>;
      if (internalToken === undefined || requestId === undefined) return;
      payload.setOptions({
        ...payload.options,
        headers: {
          ...payload.options.headers,
          [INTERNAL_TOKEN_HEADER]: internalToken,
          [REQUEST_ID_HEADER]: requestId,
        },
      });
    },
    onResultProcess(payload) {
      // Every error names the request, so a client's report finds its log lines.
      const { request, result } = payload;
      if (Array.isArray(result) || Symbol.asyncIterator in result || result.errors === undefined) return;
      const requestId = idOf(request);
      payload.setResult({ ...result, errors: result.errors.map((error) => withRequestId(error, requestId)) });
    },
    onResponse({ request, response }) {
      response.headers.set(REQUEST_ID_HEADER, idOf(request));
    },
  };
}
