import type { IncomingMessage } from "node:http";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { GraphQLError, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from "graphql";
import { ErrorCode } from "../../src/subgraph/errors.js";
import type { Rate, RateLimitStore } from "./rate-limit-store.js";
import type { IdentityContext } from "./use-identity.js";

/** Options of {@link useRateLimit}. */
export interface RateLimitOptions {
  /** Operations (queries, mutations, subscriptions) one viewer may start per window. */
  budget: Rate;
  /** Limits per field, `Type.field`, counted per viewer and per use of the field (aliases count). */
  fields: readonly (Rate & { field: string })[];
  store: RateLimitStore;
}

type RateLimitContext = Partial<IdentityContext> & { req?: IncomingMessage };

/** Who is counted: the viewer, or the client address when anonymous. */
export function rateLimitIdentity(context: RateLimitContext): string {
  if (context.viewer) return `viewer:${context.viewer.id}`;
  return `address:${context.req?.socket.remoteAddress ?? "unknown"}`;
}

function describeWindow(windowMs: number): string {
  if (windowMs % 3_600_000 === 0) return windowMs === 3_600_000 ? "hour" : `${windowMs / 3_600_000} hours`;
  if (windowMs % 60_000 === 0) return windowMs === 60_000 ? "minute" : `${windowMs / 60_000} minutes`;
  if (windowMs % 1000 === 0) return windowMs === 1000 ? "second" : `${windowMs / 1000} seconds`;
  return `${windowMs} ms`;
}

/**
 * RATE_LIMITED, naming the limit and when to retry: `extensions.retryAfterSeconds` and `retryAt`,
 * and, as the whole request is refused, HTTP 429 with `Retry-After`.
 */
export function rateLimited(limit: string, rate: Rate, retryAfterMs: number): GraphQLError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new GraphQLError(
    `Rate limit exceeded: ${limit} allows ${rate.max} per ${describeWindow(rate.windowMs)}. Retry in ${retryAfterSeconds} s.`,
    {
      extensions: {
        code: ErrorCode.RateLimited,
        limit: { name: limit, max: rate.max, windowSeconds: rate.windowMs / 1000 },
        retryAfterSeconds,
        retryAt: new Date(Date.now() + retryAfterSeconds * 1000).toISOString(),
        http: { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
      },
    },
  );
}

/** The limited fields (`Type.field`) an operation's document uses, each with its number of uses (aliases count). */
function limitedUses(schema: GraphQLSchema, document: DocumentNode, limited: ReadonlySet<string>): Map<string, number> {
  const uses = new Map<string, number>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!type || !field) return;
        const key = `${type.name}.${field.name}`;
        if (limited.has(key)) uses.set(key, (uses.get(key) ?? 0) + 1);
      },
    }),
  );
  return uses;
}

/**
 * Rate limits at the gateway: a per-viewer budget of operations (per client address when anonymous)
 * and limits per field, both kept in `store` (Redis shares them across gateway instances). One store
 * call per operation (one Redis round trip), and each parsed document is read for limited fields
 * once (the parser caches documents). Not @envelop/rate-limiter: it walks every document on every
 * request, and its store contract takes two sequential Redis round trips per limited field.
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin<IdentityContext> {
  const { store, budget } = options;
  const fieldRates = new Map(options.fields.map((limit) => [limit.field, limit]));
  const limited = new Set(fieldRates.keys());
  const usesOf = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();

  async function claim(schema: GraphQLSchema, document: DocumentNode, context: RateLimitContext): Promise<void> {
    let bySchema = usesOf.get(schema);
    if (bySchema === undefined) usesOf.set(schema, (bySchema = new WeakMap()));
    let uses = bySchema.get(document);
    if (uses === undefined) bySchema.set(document, (uses = limitedUses(schema, document, limited)));
    const fields = [...uses].map(([field, count]) => ({
      field,
      count,
      rate: fieldRates.get(field) ?? { max: 0, windowMs: 0 },
    }));
    const verdict = await store.claim({ identity: rateLimitIdentity(context), budget, fields });
    if (verdict.allowed) return;
    if (verdict.field === "budget") throw rateLimited("the operation budget", budget, verdict.retryAfterMs);
    const refused = fields[verdict.field];
    if (refused !== undefined) throw rateLimited(refused.field, refused.rate, verdict.retryAfterMs);
  }

  return {
    // The hooks' argument types come from Envelop's own view of graphql, hence the casts.
    async onExecute({ args }) {
      await claim(args.schema as GraphQLSchema, args.document as DocumentNode, args.contextValue as RateLimitContext);
    },
    async onSubscribe({ args }) {
      await claim(args.schema as GraphQLSchema, args.document as DocumentNode, args.contextValue as RateLimitContext);
    },
  };
}
