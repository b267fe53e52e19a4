import { Field, InputType, ObjectType } from "type-graphql";
import { Connection } from "../../src/graphql/connection.js";
import { UserError } from "../../src/graphql/errors.js";
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
