import type { RequestContext } from "../../src/graphql/context.js";
import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import { CreateWebhookEndpoint } from "./migrations/001-create-webhook-endpoint.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { createWebhookLoaders, type WebhookLoaders } from "./webhook-endpoint.loader.js";
import { WebhookEndpointResolver } from "./webhook-endpoint.resolver.js";
import { WebhookEndpointService } from "./webhook-endpoint.service.js";

/** The webhooks subgraph: endpoints and signed deliveries. */
export const webhooksSubgraph: SubgraphDefinition<WebhookLoaders> = {
  name: "webhooks",
  entities: [WebhookEndpoint],
  migrations: [{ name: "001-create-webhook-endpoint", class: CreateWebhookEndpoint }],
  resolvers: [WebhookEndpointResolver],
  referenceResolvers: {
    WebhookEndpoint: async (reference: { id: string }, ctx: RequestContext<WebhookLoaders>) =>
      WebhookEndpointService.visible(ctx.viewer, await ctx.loaders.endpointById.load(reference.id)),
  },
  createLoaders: createWebhookLoaders,
};
