import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { canWrite } from "../../src/auth/viewer.js";
import { ConnectionArgs } from "../../src/subgraph/connection.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { argumentError, forbidden, UserErrorCode } from "../../src/subgraph/errors.js";
import type { SubgraphServices } from "../../src/subgraph/subgraph.js";
import { WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { redeliver, sendTestDelivery } from "./webhook-delivery.service.js";
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  RedeliverWebhookPayload,
  RotateWebhookSecretPayload,
  SendTestWebhookPayload,
  UpdateWebhookEndpointInput,
  UpdateWebhookEndpointPayload,
  WebhookEndpointConnection,
} from "./webhook-endpoint.input.js";
import type { WebhookLoaders } from "./webhook-endpoint.loader.js";
import { notFound, WebhookEndpointService } from "./webhook-endpoint.service.js";

type Context = RequestContext<WebhookLoaders>;

/** Queries and mutations of webhook endpoints. */
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  constructor(private readonly services: SubgraphServices) {}

  @Query(() => WebhookEndpointConnection, { description: "The viewer's endpoints (every endpoint for an admin)." })
  async webhookEndpoints(@Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<WebhookEndpointConnection> {
    const viewer = requireViewer(ctx);
    return WebhookEndpointConnection.from(await this.service(ctx).list(viewer, args));
  }

  @Query(() => WebhookEndpoint, {
    nullable: true,
    description: "One endpoint, if it exists and the viewer may see it.",
  })
  async webhookEndpoint(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookEndpoint | null> {
    const viewer = requireViewer(ctx);
    return WebhookEndpointService.visible(viewer, await ctx.loaders.endpointById.load(id));
  }

  @Query(() => [String], { description: "Every event type an endpoint may subscribe to." })
  webhookEventTypes(): string[] {
    return [...WEBHOOK_EVENT_TYPES];
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: "Creates an endpoint; the payload holds its signing secret, shown only this once.",
  })
  async createWebhookEndpoint(
    @Arg("input", () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<CreateWebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can create webhook endpoints.");
    const result = await this.service(ctx).create(viewer, input);
    return Object.assign(new CreateWebhookEndpointPayload(), result);
  }

  @Mutation(() => UpdateWebhookEndpointPayload, {
    description: "Changes an endpoint's url, event types, description or enabled; omitted fields keep their value.",
  })
  async updateWebhookEndpoint(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<UpdateWebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can change webhook endpoints.");
    return Object.assign(new UpdateWebhookEndpointPayload(), await this.service(ctx).update(viewer, id, input));
  }

  @Mutation(() => DeleteWebhookEndpointPayload, {
    description: "Deletes an endpoint and its deliveries; attempts not yet made are not made.",
  })
  async deleteWebhookEndpoint(
    @Arg("id", () => ID) id: string,
    @Ctx() ctx: Context,
  ): Promise<DeleteWebhookEndpointPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can delete webhook endpoints.");
    const { deletedId, userErrors } = await this.service(ctx).delete(viewer, id);
    return Object.assign(new DeleteWebhookEndpointPayload(), { deletedWebhookEndpointId: deletedId, userErrors });
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: "Replaces an endpoint's signing secret; deliveries carry both signatures for the grace period.",
  })
  async rotateWebhookSecret(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<RotateWebhookSecretPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can rotate webhook secrets.");
    return Object.assign(new RotateWebhookSecretPayload(), await this.service(ctx).rotate(viewer, id));
  }

  @Mutation(() => SendTestWebhookPayload, { description: "Sends a webhook.test event to one endpoint." })
  async sendTestWebhook(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<SendTestWebhookPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can send test webhooks.");
    const endpoint = WebhookEndpointService.visible(viewer, await ctx.loaders.endpointById.load(id));
    if (endpoint === null)
      return Object.assign(new SendTestWebhookPayload(), { delivery: null, userErrors: [notFound(id)] });
    return Object.assign(new SendTestWebhookPayload(), {
      delivery: await sendTestDelivery(ctx.em, this.services.queue, endpoint),
      userErrors: [],
    });
  }

  @Mutation(() => RedeliverWebhookPayload, { description: "Starts a new series of attempts for a delivery." })
  async redeliverWebhook(
    @Arg("deliveryId", () => ID) deliveryId: string,
    @Ctx() ctx: Context,
  ): Promise<RedeliverWebhookPayload> {
    const viewer = requireViewer(ctx);
    if (!canWrite(viewer)) throw forbidden("Only traders and admins can redeliver webhooks.");
    const delivery = await ctx.em.findOne(WebhookDelivery, { id: deliveryId });
    const endpoint =
      delivery && WebhookEndpointService.visible(viewer, await ctx.loaders.endpointById.load(delivery.endpointId));
    if (delivery === null || endpoint === null) {
      return Object.assign(new RedeliverWebhookPayload(), {
        delivery: null,
        userErrors: [
          argumentError(
            "deliveryId",
            `deliveryId: no delivery ${JSON.stringify(deliveryId)} that you can see`,
            UserErrorCode.NotFound,
          ),
        ],
      });
    }
    return Object.assign(new RedeliverWebhookPayload(), {
      delivery: await redeliver(ctx.em, this.services.queue, delivery),
      userErrors: [],
    });
  }

  private service(ctx: Context): WebhookEndpointService {
    const { allowedCidrs, httpsOnly } = this.services.config.webhooks;
    return new WebhookEndpointService(ctx.em, this.services.secrets.webhookSecretKey, { allowedCidrs, httpsOnly });
  }
}
