import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { canWrite } from "../../src/auth/viewer.js";
import { ConnectionArgs } from "../../src/graphql/connection.js";
import { requireViewer, type RequestContext } from "../../src/graphql/context.js";
import { forbidden } from "../../src/graphql/errors.js";
import type { SubgraphServices } from "../../src/graphql/subgraph.js";
import { WEBHOOK_EVENT_TYPES } from "./event-types.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  WebhookEndpointConnection,
} from "./webhook-endpoint.input.js";
import type { WebhookLoaders } from "./webhook-endpoint.loader.js";
import { WebhookEndpointService } from "./webhook-endpoint.service.js";

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

  private service(ctx: Context): WebhookEndpointService {
    const { allowedCidrs, httpsOnly } = this.services.config.webhooks;
    return new WebhookEndpointService(ctx.em, this.services.secrets.webhookSecretKey, { allowedCidrs, httpsOnly });
  }
}
