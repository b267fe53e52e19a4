export { useIdentity, type IdentityContext, type IdentityOptions } from "./use-identity.js";
export { useRequestLog } from "./use-request-log.js";
export { useMetrics, type MetricsOptions } from "./use-metrics.js";
export { useTracing, type TracingPluginOptions } from "./use-tracing.js";
export { useOperationStats } from "./use-operation-stats.js";
