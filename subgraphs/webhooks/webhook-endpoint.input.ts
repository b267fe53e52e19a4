import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Connection } from "../../src/subgraph/connection.js";
import { UserError } from "../../src/subgraph/errors.js";
import { WebhookDelivery } from "./webhook-delivery.entity.js";
import { WebhookEndpoint } from "./webhook-endpoint.entity.js";

/** Input of `createWebhookEndpoint`. */
@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: "An absolute http(s) URL." })
  url: string;

  @Field(() => [String], { description: 'Known event types, or ["*"] for all.' })
  eventTypes: string[];

  @Field(() => String, { nullable: true, description: "Up to 500 characters, no markup." })
  description?: string | null;
}

/** Input of `updateWebhookEndpoint`: every field optional; an omitted one keeps its value. */
@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true, description: "An absolute http(s) URL, checked like a new endpoint's." })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'Known event types, or ["*"] for all.' })
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: "Up to 500 characters, no markup; null or empty clears it." })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "false stops deliveries; true re-enables the endpoint and clears disabledReason.",
  })
  enabled?: boolean | null;
}

/** Result of `createWebhookEndpoint`: the only time the secret is shown, with rotation. */
@ObjectType()
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: "The signing secret (whsec_…). Shown only here and on rotation.",
  })
  secret: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `updateWebhookEndpoint`. */
@ObjectType()
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint: WebhookEndpoint | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `deleteWebhookEndpoint`, like `deleteBot`'s: the id of what is gone. */
@ObjectType()
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true })
  deletedWebhookEndpointId: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `rotateWebhookSecret`: the new secret, shown only here. */
@ObjectType()
export class RotateWebhookSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: "The new signing secret (whsec_…); the old one still signs during the grace period.",
  })
  secret: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `sendTestWebhook` and `redeliverWebhook`: the delivery whose attempts start now. */
@ObjectType()
export class SendTestWebhookPayload {
  @Field(() => WebhookDelivery, { nullable: true })
  delivery: WebhookDelivery | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** Result of `redeliverWebhook`. */
@ObjectType()
export class RedeliverWebhookPayload {
  @Field(() => WebhookDelivery, { nullable: true })
  delivery: WebhookDelivery | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

/** A page of webhook endpoints. */
export const WebhookEndpointConnection = Connection("WebhookEndpoint", WebhookEndpoint);
export type WebhookEndpointConnection = InstanceType<typeof WebhookEndpointConnection>;
