import { SchemaMigration } from "../../../src/db/migration.js";
import { createOutboxTable } from "../../../src/events/outbox.js";

/** The webhooks_outbox table: webhook events (an endpoint disabled), written with the changes that cause them. */
export class CreateWebhooksOutbox extends SchemaMigration {
  override up(): void {
    this.schema((schema) => createOutboxTable(schema, "webhooks"));
  }
}
