import { SchemaMigration } from "../../../src/db/migration.js";

/** Attempts and the next attempt's time on each delivery. */
export class AddDeliveryAttempts extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.alterTable("webhook_delivery", (table) => {
        table.jsonb("attempts").notNullable().defaultTo("[]");
        table.timestamp("next_attempt_at", { useTz: true });
        table.index(["status", "next_attempt_at"]);
      }),
    );
  }
}
