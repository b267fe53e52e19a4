import { SchemaMigration } from "../../../src/db/migration.js";

/** Since when an endpoint's attempts have all failed, for disabling it after `webhooks.disableAfterHours`. */
export class AddFailingSince extends SchemaMigration {
  override up(): void {
    this.schema((schema) =>
      schema.alterTable("webhook_endpoint", (table) => {
        table.timestamp("failing_since", { useTz: true });
      }),
    );
  }
}
