declare module "../../src/events/types.js" {
  interface EventDataMap {
    /** A test event sent to one endpoint (sendTestWebhook). */
    "webhook.test": { endpointId: string; message: string };
    /** The system disabled an endpoint (410, or failing too long), with the reason. */
    "webhook.endpoint_disabled": { endpointId: string; reason: string };
  }
}

export {};
