import type DataLoader from "dataloader";
import { loaderByKey } from "../../src/db/loaders.js";
import type { EntityManager } from "../../src/db/orm.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";

/** The webhooks subgraph's per-request loaders. */
export interface WebhookLoaders {
  /** Endpoints by id, batched; null for an unknown id. */
  endpointById: DataLoader<string, WebhookEndpoint | null>;
}

/** Fresh loaders for one request. */
export function createWebhookLoaders(em: EntityManager): WebhookLoaders {
  return {
    endpointById: loaderByKey(
      (ids) => em.find(WebhookEndpoint, { id: { $in: ids } }),
      (endpoint) => endpoint.id,
    ),
  };
}
