import { ArgsType, Args, Ctx, Field, FieldResolver, Resolver, Root } from "type-graphql";
import { isAdmin } from "../../src/auth/viewer.js";
import { Connection, ConnectionArgs } from "../../src/subgraph/connection.js";
import { requireViewer, type RequestContext } from "../../src/subgraph/context.js";
import { findPage } from "../../src/db/paginate.js";
import { DeliveryAttempt, DeliveryStatus, WebhookDelivery } from "./webhook-delivery.entity.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";
import type { WebhookLoaders } from "./webhook-endpoint.loader.js";

type Context = RequestContext<WebhookLoaders>;

/** Arguments of `WebhookEndpoint.deliveries`. */
@ArgsType()
export class DeliveriesArgs extends ConnectionArgs {
  @Field(() => DeliveryStatus, { nullable: true })
  status?: DeliveryStatus | null;
}

/** A page of deliveries. */
export const WebhookDeliveryConnection = Connection("WebhookDelivery", WebhookDelivery);
export type WebhookDeliveryConnection = InstanceType<typeof WebhookDeliveryConnection>;

/** An endpoint's deliveries. */
@Resolver(() => WebhookEndpoint)
export class EndpointDeliveriesResolver {
  @FieldResolver(() => WebhookDeliveryConnection, { description: "Deliveries to this endpoint, oldest first." })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Args() args: DeliveriesArgs,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryConnection> {
    const viewer = requireViewer(ctx);
    if (!isAdmin(viewer) && endpoint.ownerId !== viewer.id)
      return WebhookDeliveryConnection.from({ nodes: [], hasNextPage: false, totalCount: 0 });
    const where = { endpointId: endpoint.id, ...(args.status ? { status: args.status } : {}) };
    return WebhookDeliveryConnection.from(await findPage(ctx.em, WebhookDelivery, where, args));
  }
}

/** A delivery's fields that are not columns. */
@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => WebhookEndpoint, { nullable: true })
  endpoint(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookEndpoint | null> {
    return ctx.loaders.endpointById.load(delivery.endpointId);
  }

  @FieldResolver(() => [DeliveryAttempt], { description: "Every attempt, oldest first." })
  attempts(@Root() delivery: WebhookDelivery): DeliveryAttempt[] {
    return delivery.attempts.map((attempt) =>
      Object.assign(new DeliveryAttempt(), { ...attempt, attemptedAt: new Date(attempt.attemptedAt) }),
    );
  }
}
