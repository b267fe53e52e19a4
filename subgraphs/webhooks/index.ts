import type { RequestContext } from "../../src/graphql/context.js";
import type { SubgraphDefinition } from "../../src/graphql/subgraph.js";
import type { DomainEvent } from "../../src/events/types.js";
import { CreateWebhookEndpoint } from "./migrations/001-create-webhook-endpoint.js";
import { CreateWebhookDelivery } from "./migrations/002-create-webhook-delivery.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { fanOut } from "./webhook-delivery.service.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { createWebhookLoaders, type WebhookLoaders } from "./webhook-endpoint.loader.js";
import { WebhookEndpointResolver } from "./webhook-endpoint.resolver.js";
import { WebhookEndpointService } from "./webhook-endpoint.service.js";

/** The webhooks subgraph: endpoints and signed deliveries. */
export const webhooksSubgraph: SubgraphDefinition<WebhookLoaders> = {
  name: "webhooks",
  entities: [WebhookEndpoint, WebhookDelivery],
  migrations: [
    { name: "001-create-webhook-endpoint", class: CreateWebhookEndpoint },
    { name: "002-create-webhook-delivery", class: CreateWebhookDelivery },
  ],
  resolvers: [WebhookEndpointResolver],
  referenceResolvers: {
    WebhookEndpoint: async (reference: { id: string }, ctx: RequestContext<WebhookLoaders>) =>
      WebhookEndpointService.visible(ctx.viewer, await ctx.loaders.endpointById.load(reference.id)),
  },
  createLoaders: createWebhookLoaders,
  startWorkers({ queue, orm, logger }) {
    queue.process("webhooks.fanout", async (job) => {
      const deliveries = await fanOut(orm.em.fork(), job.payload.event as DomainEvent);
      logger.debug({ eventId: job.payload.event.id, deliveries }, "event fanned out to webhook endpoints");
      return { deliveries };
    });
  },
};
