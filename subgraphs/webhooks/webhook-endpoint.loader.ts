import DataLoader from "dataloader";
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
    endpointById: new DataLoader(async (ids) => {
      const endpoints = await em.find(WebhookEndpoint, { id: { $in: [...ids] } });
      const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
