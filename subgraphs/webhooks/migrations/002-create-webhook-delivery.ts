import { SchemaMigration } from "../../../src/db/migration.js";

/** The webhook_delivery table: one row per (endpoint, event). */
export class CreateWebhookDelivery extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable("webhook_delivery", (table) => {
        table.uuid("id").primary();
        table.uuid("endpoint_id").notNullable();
        table.uuid("event_id").notNullable();
        table.string("event_type", 64).notNullable();
        table.jsonb("event").notNullable();
        table.string("status", 16).notNullable();
        table.timestamp("created_at", { useTz: true }).notNullable();
        table.unique(["endpoint_id", "event_id"]);
        table.index(["endpoint_id", "id"]);
      }),
    );
  }
}
