import { SchemaMigration } from "../../../src/db/migration.js";

/** Secret rotation on endpoints; redelivery series on deliveries. */
export class AddSecretRotation extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema
        .alterTable("webhook_endpoint", (table) => {
          table.text("previous_sealed_secret");
          table.timestamp("secret_rotated_at", { useTz: true });
        })
        .alterTable("webhook_delivery", (table) => {
          table.integer("series_start").notNullable().defaultTo(0);
        }),
    );
  }
}
