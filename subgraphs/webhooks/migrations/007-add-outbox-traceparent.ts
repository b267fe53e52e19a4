import { SchemaMigration } from "../../../src/db/migration.js";
import { addOutboxTraceparent } from "../../../src/events/outbox.js";

/** webhooks_outbox.traceparent: webhook.endpoint_disabled joins the trace of the failed delivery. */
export class AddWebhooksOutboxTraceparent extends SchemaMigration {
  override up(): void {
    this.schema((schema) => addOutboxTraceparent(schema, "webhooks"));
  }
}
