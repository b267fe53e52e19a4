import type { IncomingMessage } from "node:http";
import { useRateLimiter } from "@envelop/rate-limiter";
import type { GatewayPlugin } from "@graphql-hive/gateway-runtime";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../../src/graphql/errors.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import type { IdentityContext } from "./use-identity.js";

/** At most `max` calls per `windowMs`. */
export interface Rate {
  max: number;
  windowMs: number;
}

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

/** When the call log admits one more call: once enough of its oldest calls leave the window. */
function retryAfterOf(timestamps: readonly number[], rate: Rate): number {
  const live = timestamps.filter((time) => time + rate.windowMs > Date.now()).sort((a, b) => a - b);
  const freeing = live[Math.max(0, live.length - rate.max)];
  return freeing === undefined ? rate.windowMs : freeing + rate.windowMs - Date.now();
}

/**
 * Rate limits at the gateway: a per-viewer budget of operations (per client address when
 * anonymous), and per-field limits through @envelop/rate-limiter, both kept in `store` (Redis
 * shares them across gateway instances).
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin<IdentityContext> {
  const { store, budget } = options;
  const fieldRates = new Map(options.fields.map((limit) => [limit.field.split(".")[1] ?? limit.field, limit]));
  /** The call log each check read last, so that a refusal can say when the oldest call leaves the window. */
  const lastRead = new Map<string, number[]>();
  const fieldStore = {
    async getForIdentity(identity: { contextIdentity: string; fieldIdentity: string }): Promise<number[]> {
      const timestamps = await store.getForIdentity(identity);
      lastRead.set(`${identity.contextIdentity}|${identity.fieldIdentity}`, timestamps);
      return timestamps;
    },
    setForIdentity(identity: { contextIdentity: string; fieldIdentity: string }, timestamps: number[], windowMs = 0) {
      return store.setForIdentity(identity, timestamps, windowMs);
    },
  };

  async function spendBudget(context: RateLimitContext): Promise<void> {
    const hit = await store.hitBudget(rateLimitIdentity(context), budget.windowMs);
    if (hit.count > budget.max) throw rateLimited("the operation budget", budget, hit.resetAt - Date.now());
  }

  return {
    onPluginInit({ addPlugin }) {
      if (options.fields.length === 0) return;
      const fieldLimiter = useRateLimiter({
        identifyFn: (context) => rateLimitIdentity(context as RateLimitContext),
        // Counts every use of a field in one request (aliases) together.
        enableBatchRequestCache: true,
        store: fieldStore,
        configByField: options.fields.map((limit) => {
          const [type = "", field = ""] = limit.field.split(".");
          return { type, field, max: limit.max, window: `${limit.windowMs}ms` };
        }),
        // Called on every check, refused or not; the message carries what transformError needs.
        formatError: ({ contextIdentity, fieldIdentity, fieldName }) => {
          const key = `${contextIdentity}|${fieldIdentity}`;
          const timestamps = lastRead.get(key) ?? [];
          lastRead.delete(key);
          return JSON.stringify({ fieldName, timestamps });
        },
        transformError: (message) => {
          const { fieldName, timestamps } = JSON.parse(message) as { fieldName: string; timestamps: number[] };
          const limit = fieldRates.get(fieldName) ?? { field: fieldName, max: 0, windowMs: 0 };
          return rateLimited(limit.field, limit, retryAfterOf(timestamps, limit));
        },
      });
      // It only adds its own `rateLimiterFn` to the context, which this gateway's context does not declare.
      addPlugin(fieldLimiter as unknown as Parameters<typeof addPlugin>[0]);
    },
    async onExecute({ args }) {
      await spendBudget(args.contextValue as RateLimitContext);
    },
    async onSubscribe({ args }) {
      await spendBudget(args.contextValue as RateLimitContext);
    },
  };
}
