import { allow, isAuthenticated, isTrader, typesOpenTo, type PermissionMap } from "../../src/subgraph/permissions.js";

/** Who may do what in the webhooks subgraph; ownership itself is checked by the services. */
export const webhooksPermissions: PermissionMap = {
  Query: { webhookEndpoints: isAuthenticated, webhookEndpoint: isAuthenticated, webhookEventTypes: allow },
  Mutation: {
    createWebhookEndpoint: isTrader,
    updateWebhookEndpoint: isTrader,
    deleteWebhookEndpoint: isTrader,
    rotateWebhookSecret: isTrader,
    sendTestWebhook: isTrader,
    redeliverWebhook: isTrader,
  },
  ...typesOpenTo(isAuthenticated, [
    "WebhookEndpoint",
    "WebhookEndpointConnection",
    "WebhookEndpointEdge",
    "WebhookDelivery",
    "WebhookDeliveryConnection",
    "WebhookDeliveryEdge",
    "DeliveryAttempt",
    "PageInfo",
    "UserError",
    "CreateWebhookEndpointPayload",
    "UpdateWebhookEndpointPayload",
    "DeleteWebhookEndpointPayload",
    "RotateWebhookSecretPayload",
    "SendTestWebhookPayload",
    "RedeliverWebhookPayload",
  ]),
};
