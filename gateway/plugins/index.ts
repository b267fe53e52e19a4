export { useIdentity, type IdentityContext, type IdentityOptions } from "./use-identity.js";
export { useRequestLog } from "./use-request-log.js";
export { useOfrep } from "./use-ofrep.js";
export { memoryRateLimitStore, redisRateLimitStore, type RateLimitStore } from "./rate-limit-store.js";
export { useRateLimit, rateLimited, type RateLimitOptions } from "./use-rate-limit.js";
export { useQueryLimits, queryTooComplex, type QueryLimitOptions } from "./use-query-limits.js";
export { useSecurityHeaders } from "./use-security-headers.js";
export { useErrorLog } from "./use-error-log.js";
