export {
  BULLMQ_NEEDS_REDIS,
  CREDENTIAL_URL_KEYS,
  SECRET_KEYS,
  SUBGRAPH_DEFAULT_PORTS,
  SUBGRAPH_NAMES,
  configSchema,
  type AppConfig,
  type SubgraphName,
} from "./schema.js";
export { ENV_MAPPINGS, type EnvMapping, type ValueKind } from "./sources.js";
export { ConfigError, loadConfig, redactConfig, type LoadConfigOptions } from "./load.js";
