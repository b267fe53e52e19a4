import { SchemaMigration } from "../../../src/db/migration.js";

/** The webhook_endpoint table; secrets are stored sealed. */
export class CreateWebhookEndpoint extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.createTable("webhook_endpoint", (table) => {
        table.uuid("id").primary();
        table.string("owner_id", 255).notNullable();
        table.text("url").notNullable();
        table.text("description");
        table.jsonb("event_types").notNullable();
        table.boolean("enabled").notNullable();
        table.text("disabled_reason");
        table.text("sealed_secret").notNullable();
        table.timestamp("created_at", { useTz: true }).notNullable();
        table.timestamp("updated_at", { useTz: true }).notNullable();
        table.index(["owner_id", "id"]);
      }),
    );
  }
}
