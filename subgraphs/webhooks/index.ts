import { plainSql } from "../../src/db/sql.js";
import type { RequestContext } from "../../src/subgraph/context.js";
import type { SubgraphDefinition } from "../../src/subgraph/subgraph.js";
import { CreateWebhookEndpoint } from "./migrations/001-create-webhook-endpoint.js";
import { CreateWebhookDelivery } from "./migrations/002-create-webhook-delivery.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { AddDeliveryAttempts } from "./migrations/003-add-delivery-attempts.js";
import { AddSecretRotation } from "./migrations/004-add-secret-rotation.js";
import { AddFailingSince } from "./migrations/005-add-failing-since.js";
import { CreateWebhooksOutbox } from "./migrations/006-create-webhooks-outbox.js";
import { AddWebhooksOutboxTraceparent } from "./migrations/007-add-outbox-traceparent.js";
import { openWebhooksDependencies, type WebhooksDependencies } from "./dependencies.js";
import { webhooksOutbox } from "./outbox.js";
import { webhookFailureRateCheck } from "./webhook-attempts.metrics.js";
import { attemptDelivery, fanOut, resumePendingDeliveries, type DeliveryOptions } from "./webhook-delivery.service.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { VERSION } from "../../src/paths.js";
import { EndpointBreakers } from "./circuit-breaker.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { createWebhookLoaders, type WebhookLoaders } from "./webhook-endpoint.loader.js";
import { WebhookEndpointResolver } from "./webhook-endpoint.resolver.js";
import { EndpointDeliveriesResolver, WebhookDeliveryResolver } from "./webhook-delivery.resolver.js";
import { WebhookEndpointService } from "./webhook-endpoint.service.js";
import { webhooksPermissions } from "./permissions.js";
import { webhooksReactions } from "./reactions.js";
import { webhooksTasks } from "./tasks.js";

/** The webhooks subgraph: endpoints and signed deliveries. */
export const webhooksSubgraph: SubgraphDefinition<WebhookLoaders, WebhooksDependencies> = {
  name: "webhooks",
  entities: [WebhookEndpoint, WebhookDelivery],
  outbox: webhooksOutbox,
  migrations: [
    { name: "001-create-webhook-endpoint", class: CreateWebhookEndpoint },
    { name: "002-create-webhook-delivery", class: CreateWebhookDelivery },
    { name: "003-add-delivery-attempts", class: AddDeliveryAttempts },
    { name: "004-add-secret-rotation", class: AddSecretRotation },
    { name: "005-add-failing-since", class: AddFailingSince },
    { name: "006-create-webhooks-outbox", class: CreateWebhooksOutbox },
    { name: "007-add-outbox-traceparent", class: AddWebhooksOutboxTraceparent },
  ],
  tasks: webhooksTasks,
  consumes: webhooksReactions,
  resolvers: [WebhookEndpointResolver, EndpointDeliveriesResolver, WebhookDeliveryResolver],
  permissions: webhooksPermissions,
  referenceResolvers: {
    WebhookEndpoint: async (reference: { id: string }, ctx: RequestContext<WebhookLoaders>) =>
      WebhookEndpointService.visible(ctx.viewer, await ctx.loaders.endpointById.load(reference.id)),
  },
  createLoaders: createWebhookLoaders,
  openDependencies: openWebhooksDependencies,
  startWorkers(services) {
    const { queue, orm, logger } = services;
    const options = deliveryOptions(services);
    queue.process("webhooks.fanout", async (job) => {
      const deliveries = await fanOut(orm.em.fork(), plainSql(orm.em), queue, job.payload.event);
      logger.debug({ eventId: job.payload.event.id, deliveries }, "event fanned out to webhook endpoints");
      return { deliveries };
    });
    queue.process(
      "webhooks.deliver",
      async (job) => {
        const outcome = await attemptDelivery(orm.em.fork(), options, job.payload.deliveryId);
        services.dependencies.attempts.inc({ outcome: outcome.toLowerCase() });
        logger.info({ deliveryId: job.payload.deliveryId, outcome }, "webhook delivery attempt");
        return { outcome };
      },
      { concurrency: services.config.webhooks.deliveryConcurrency },
    );
  },
  async onStart({ orm, queue }) {
    await resumePendingDeliveries(orm.em.fork(), queue);
  },
  healthChecks: ({ dependencies }) => [webhookFailureRateCheck(dependencies.attempts)],
};

/** How this process delivers webhooks, from config. */
function deliveryOptions({ config, queue, secrets }: SubgraphServices): DeliveryOptions {
  return {
    queue,
    secretKey: secrets.webhookSecretKey,
    policy: { allowedCidrs: config.webhooks.allowedCidrs, httpsOnly: config.webhooks.httpsOnly },
    timeoutMs: config.webhooks.timeoutMs,
    retrySchedule: config.webhooks.retrySchedule.map(Number),
    rotationGraceMs: config.webhooks.rotationGraceHours * 3600 * 1000,
    disableAfterMs: config.webhooks.disableAfterHours * 3600 * 1000,
    outbox: webhooksOutbox,
    breakers: new EndpointBreakers({
      failureThreshold: config.webhooks.breakerFailureThreshold,
      cooldownMs: config.webhooks.breakerCooldownMs,
      // A probe's request ends within the timeout; a probe that outlived it (its process died) is forgotten.
      probeTimeoutMs: config.webhooks.timeoutMs + 1000,
    }),
    userAgent: `tradebot-graph-webhooks/${VERSION} (+https://www.standardwebhooks.com)`,
  };
}
